import { describe, expect, it } from 'vitest';
import { MESSAGES, NAMESPACES } from './messages';

/** Every leaf key path of a message tree, with its text. */
function leaves(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof tree === 'string') out.set(prefix, tree);
  else if (tree && typeof tree === 'object')
    for (const [k, v] of Object.entries(tree)) for (const [p, t] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, t);
  return out;
}

/** ICU arguments of a message: `{count, plural, ...}` → count. */
function argumentsOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\s*([A-Za-z_][\w]*)\s*(?:[,}])/g)].map((m) => m[1]!))].sort();
}

describe('message catalogues (issue 14 item 4)', () => {
  it.each(NAMESPACES)('%s: Chinese and English have the same keys, none empty', (ns) => {
    const en = leaves(MESSAGES.en[ns]);
    const zh = leaves(MESSAGES.zh[ns]);
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [k, v] of [...en, ...zh]) expect(v.trim(), `${ns}.${k}`).not.toBe('');
  });
  it.each(NAMESPACES)('%s: each Chinese message takes the arguments its English one takes', (ns) => {
    const en = leaves(MESSAGES.en[ns]);
    const zh = leaves(MESSAGES.zh[ns]);
    for (const [k, v] of en) expect(argumentsOf(zh.get(k) ?? ''), `${ns}.${k}`).toEqual(argumentsOf(v));
  });
  it("uses the seeds' Chinese terms customers know (seed 000: 套餐包, 欠费, 停服, 资源回收)", () => {
    const zhText = JSON.stringify(MESSAGES.zh);
    for (const term of ['套餐包', '欠费', '停服', '资源回收']) expect(zhText).toContain(term);
  });
});
