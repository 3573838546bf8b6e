import fs from 'node:fs';
import path from 'node:path';

/**
 * Every server action and mutating route handler of the app, found by scanning the
 * file tree (issue 13, unauthorized-access spec): a new `actions.ts` export or a new
 * POST/PUT/PATCH/DELETE in a `route.ts` appears here without anyone listing it, and
 * tests/access/unauthorized.int.test.ts fails until it has a case in tests/access/cases.ts.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const MUTATING = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

function walk(dir: string, name: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, name, out);
    else if (e.name === name || e.name === name.replace(/\.ts$/, '.tsx')) out.push(p);
  }
  return out;
}

const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

export type Discovered = { key: string; file: string; name: string; fn: (...args: never[]) => Promise<unknown> };

/** `app/…/actions.ts#exportName` for every exported function of every 'use server' actions file. */
export async function discoverActions(): Promise<Discovered[]> {
  const out: Discovered[] = [];
  const files = walk(path.join(ROOT, 'app'), 'actions.ts').filter((f) => /^\s*['"]use server['"]/.test(fs.readFileSync(f, 'utf8')));
  for (const file of files.sort()) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === 'function') out.push({ key: `${rel(file)}#${name}`, file: rel(file), name, fn: value as Discovered['fn'] });
    }
  }
  return out;
}

/** `app/…/route.ts#METHOD` for every mutating method a route handler exports. */
export async function discoverMutatingRoutes(): Promise<Discovered[]> {
  const out: Discovered[] = [];
  for (const file of walk(path.join(ROOT, 'app'), 'route.ts').sort()) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of MUTATING) {
      const value = mod[method];
      if (typeof value === 'function') out.push({ key: `${rel(file)}#${method}`, file: rel(file), name: method, fn: value as Discovered['fn'] });
    }
  }
  return out;
}
