/**
 * The language of an account's emails. Accounts have no language setting, so it follows
 * the currency: CNY accounts (the 2022 CNY price book, mainland customers) get Chinese,
 * every other account English.
 */
export type EmailLanguage = 'en' | 'zh';

export function emailLanguage(account: { currency: string; language?: string | null }): EmailLanguage {
  if (account.language === 'zh' || account.language === 'en') return account.language;
  return account.currency === 'CNY' ? 'zh' : 'en';
}
