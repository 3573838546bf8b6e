// Node's ESM loader refuses `import x from './a.json'` without `with { type: 'json' }`; the
// console's modules import JSON that way (lib/i18n/messages, bundled by Next and Vite). The
// e2e specs and fixtures import some of those modules (lib/ledger, lib/money …), so
// playwright.config.ts registers this hook: a JSON import is a JSON module.
export async function load(url, context, nextLoad) {
  if (/\.json(\?|$)/.test(url) && context.importAttributes?.type !== 'json') {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return nextLoad(url, context);
}
