/**
 * Every message namespace of the console, one JSON file per namespace and language
 * (issue 14 item 4). Static imports: the bundler includes them and TypeScript checks keys
 * against the English files (lib/i18n/types.d.ts). `messages.test.ts` fails when a key is in one
 * language and not the other.
 *
 * - common: shared words used by several areas (owned by the lead; add area words to your own namespace)
 * - shell: app shell: navigation, header, banners, language switch
 * - auth: sign-in, sign-up, check-email, verify, forgot/reset password pages and forms
 * - account: account pages: password, security, sessions, verify-email banner
 * - errors: error model messages by code (lib/errors), error/404/403 pages
 * - emails: every email (auth and notices)
 * - notices: notice kinds: titles and bodies of the message center, emails and webhook summaries
 * - overview: overview page
 * - usage: usage page, usage import, charts of usage
 * - bills: bills list, bill detail, bill lines, explanations, month estimate
 * - balance: balance page, ledger, top-up, balance alert
 * - exports: CSV / Excel / PDF statement headers and labels
 * - ui: shared components/ui: tables, paging, column menu, confirm, empty states
 * - applications: applications list and detail
 * - packages: packages page, buy page, refunds (customer side)
 * - calculator: calculator
 * - messageCenter: messages page (/notices)
 * - settings: notification settings, webhooks and deliveries
 * - admin: admin pages
 * - dev: developer tools and dev mail
 */
import en_common from './en/common.json';
import en_shell from './en/shell.json';
import en_auth from './en/auth.json';
import en_account from './en/account.json';
import en_errors from './en/errors.json';
import en_emails from './en/emails.json';
import en_notices from './en/notices.json';
import en_overview from './en/overview.json';
import en_usage from './en/usage.json';
import en_bills from './en/bills.json';
import en_balance from './en/balance.json';
import en_exports from './en/exports.json';
import en_ui from './en/ui.json';
import en_applications from './en/applications.json';
import en_packages from './en/packages.json';
import en_calculator from './en/calculator.json';
import en_messageCenter from './en/messageCenter.json';
import en_settings from './en/settings.json';
import en_admin from './en/admin.json';
import en_dev from './en/dev.json';
import zh_common from './zh/common.json';
import zh_shell from './zh/shell.json';
import zh_auth from './zh/auth.json';
import zh_account from './zh/account.json';
import zh_errors from './zh/errors.json';
import zh_emails from './zh/emails.json';
import zh_notices from './zh/notices.json';
import zh_overview from './zh/overview.json';
import zh_usage from './zh/usage.json';
import zh_bills from './zh/bills.json';
import zh_balance from './zh/balance.json';
import zh_exports from './zh/exports.json';
import zh_ui from './zh/ui.json';
import zh_applications from './zh/applications.json';
import zh_packages from './zh/packages.json';
import zh_calculator from './zh/calculator.json';
import zh_messageCenter from './zh/messageCenter.json';
import zh_settings from './zh/settings.json';
import zh_admin from './zh/admin.json';
import zh_dev from './zh/dev.json';
import type { Locale } from '../config';

const en = {
  common: en_common,
  shell: en_shell,
  auth: en_auth,
  account: en_account,
  errors: en_errors,
  emails: en_emails,
  notices: en_notices,
  overview: en_overview,
  usage: en_usage,
  bills: en_bills,
  balance: en_balance,
  exports: en_exports,
  ui: en_ui,
  applications: en_applications,
  packages: en_packages,
  calculator: en_calculator,
  messageCenter: en_messageCenter,
  settings: en_settings,
  admin: en_admin,
  dev: en_dev,
};
const zh = {
  common: zh_common,
  shell: zh_shell,
  auth: zh_auth,
  account: zh_account,
  errors: zh_errors,
  emails: zh_emails,
  notices: zh_notices,
  overview: zh_overview,
  usage: zh_usage,
  bills: zh_bills,
  balance: zh_balance,
  exports: zh_exports,
  ui: zh_ui,
  applications: zh_applications,
  packages: zh_packages,
  calculator: zh_calculator,
  messageCenter: zh_messageCenter,
  settings: zh_settings,
  admin: zh_admin,
  dev: zh_dev,
};

export type Messages = typeof en;
export const NAMESPACES = Object.keys(en) as (keyof Messages)[];
export const MESSAGES: Record<Locale, Messages> = { en, zh: zh as unknown as Messages };
