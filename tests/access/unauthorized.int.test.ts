import { beforeAll, describe, expect, test, vi } from 'vitest';

vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));
// Server actions translate their messages (issue 14 item 4); outside a request, in English.
vi.mock('next-intl/server', () => import('@/tests/stubs/next-intl-server'));
vi.mock('@/lib/auth', async (importOriginal) => ({ ...(await importOriginal<Record<string, unknown>>()), auth: (await import('./session')).mockedAuth }));

import { testDb } from '@/tests/db';
import { ACTION_CASES, ROUTE_CASES, type ActionCase, type RouteCase } from './cases';
import { discoverActions, discoverMutatingRoutes, type Discovered } from './discover';
import { accountFingerprint } from './fingerprint';
import { actAs } from './session';
import { makeWorld, type World } from './world';

/**
 * Unauthorized access (issue 13, Done when): every server action and every mutating route
 * handler, discovered from the file tree, tried with a second customer's ids, by a customer
 * on admin actions, anonymously and (routes) cross-origin. How to add a case for a new
 * action or route: docs/architecture.md, "Access cases".
 */
type Result = { ok: boolean; code?: string };
type Outcome = { result?: Result; redirected?: boolean };

const ORIGIN = 'http://console.test';
const { db, sql } = testDb();

const actions = await discoverActions();
const routes = await discoverMutatingRoutes();

async function call(action: Discovered, input: Record<string, unknown>): Promise<Outcome> {
  try {
    const fd = new FormData();
    for (const [k, v] of Object.entries(input)) fd.set(k, String(v));
    const result = (await (action.fn as unknown as (p: null, f: FormData) => Promise<Result | undefined>)(null, fd)) ?? { ok: true };
    return { result };
  } catch (err) {
    // Next's redirect() after a success (purchase, delete, decide) is thrown as NEXT_REDIRECT.
    if (err instanceof Error && (err as Error & { digest?: string }).digest?.startsWith('NEXT_REDIRECT')) return { redirected: true };
    throw err;
  }
}

const succeeded = (o: Outcome) => o.redirected === true || o.result?.ok === true;

describe('every action and mutating route has an access case', () => {
  test('discovery finds the known ones (the scan works)', () => {
    expect(actions.map((a) => a.key)).toContain('app/(console)/applications/actions.ts#renameApplicationAction');
    expect(routes.map((r) => r.key)).toContain('app/api/dev/clocks/[accountId]/advance/route.ts#POST');
  });
  test('no action without a case', () => {
    expect(actions.map((a) => a.key).filter((k) => !(k in ACTION_CASES))).toEqual([]);
  });
  test('no mutating route without a case', () => {
    expect(routes.map((r) => r.key).filter((k) => !(k in ROUTE_CASES))).toEqual([]);
  });
  test('no stale case (every case names something that exists)', () => {
    const known = new Set([...actions, ...routes].map((x) => x.key));
    expect([...Object.keys(ACTION_CASES), ...Object.keys(ROUTE_CASES)].filter((k) => !known.has(k))).toEqual([]);
  });
});

describe.each(actions.filter((a) => a.key in ACTION_CASES).map((a) => [a.key, a] as const))('action %s', (_key, action) => {
  const c = ACTION_CASES[action.key] as ActionCase;
  let w: World;
  let input: Record<string, unknown>;
  beforeAll(async () => {
    w = await makeWorld(db);
    if (!('public' in c)) input = await c.input(w);
  });

  if ('public' in c) {
    test(`public: ${c.public}`, () => expect(c.public.length).toBeGreaterThan(10));
    return;
  }

  test('anonymous: UNAUTHENTICATED, nothing changed', async () => {
    const before = await accountFingerprint(sql, w.victim.accountId);
    actAs(null);
    const o = await call(action, input);
    expect(o.result).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await accountFingerprint(sql, w.victim.accountId)).toBe(before);
  });

  if (c.permission === 'admin') {
    test("a customer on an admin action: FORBIDDEN, nothing changed; the admin's same call works", async () => {
        const before = await accountFingerprint(sql, w.victim.accountId);
      actAs(w.victim.userId);
      expect((await call(action, input)).result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      actAs(w.attacker.userId);
      expect((await call(action, input)).result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await accountFingerprint(sql, w.victim.accountId)).toBe(before);
      actAs(w.adminUserId);
      const control = await call(action, input);
      expect(control, 'admin control: the input must be one that works').toSatisfy(succeeded);
    });
    return;
  }

  if (c.permission === 'customer') {
    test('an administrator on a customer action: FORBIDDEN (no account of their own)', async () => {
        const before = await accountFingerprint(sql, w.victim.accountId);
      actAs(w.adminUserId);
      expect((await call(action, input)).result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await accountFingerprint(sql, w.victim.accountId)).toBe(before);
    });
  }

  if (c.target === 'own-account') {
    test("another customer's call leaves the victim's account unchanged", async () => {
        const before = await accountFingerprint(sql, w.victim.accountId);
      actAs(w.attacker.userId);
      await call(action, { ...input, accountId: w.victim.accountId });
      expect(await accountFingerprint(sql, w.victim.accountId)).toBe(before);
    });
    return;
  }

  test("a second customer with the victim's ids: NOT_FOUND/FORBIDDEN, nothing changed; the owner's same call works", async () => {
    const before = await accountFingerprint(sql, w.victim.accountId);
    actAs(w.attacker.userId);
    const o = await call(action, input);
    expect(o.redirected).toBeUndefined();
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(o.result?.code);
    expect(await accountFingerprint(sql, w.victim.accountId)).toBe(before);
    if (c.ownerControl && c.ownerControl !== true) return;
    actAs(w.victim.userId);
    const control = await call(action, input);
    expect(control, 'owner control: the input must be one that works for its owner').toSatisfy(succeeded);
  });
});

function request(path: string, init: { method: string; body?: string; contentType?: string; origin?: string | null; headers?: Record<string, string> }): Request {
  const headers = new Headers(init.headers);
  if (init.contentType) headers.set('content-type', init.contentType);
  if (init.origin) headers.set('origin', init.origin);
  headers.set('host', new URL(ORIGIN).host);
  return new Request(`${ORIGIN}${path}`, { method: init.method, headers, body: init.body || undefined });
}

describe.each(routes.filter((r) => r.key in ROUTE_CASES).map((r) => [r.key, r] as const))('route %s', (_key, route) => {
  const c = ROUTE_CASES[route.key] as RouteCase;
  const method = route.name;
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(db);
  });
  const handler = (req: Request, params: Record<string, string>) =>
    (route.fn as unknown as (r: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>)(req, { params: Promise.resolve(params) });

  if ('exempt' in c) {
    test(`exempt: ${c.exempt}`, () => expect(c.exempt.length).toBeGreaterThan(10));
    return;
  }

  if (c.auth === 'signed') {
    test('a foreign Origin or a non-JSON body is refused; a signature with another key is refused; nothing changed; the signed call works', async () => {
      const before = await accountFingerprint(sql, w.victim.accountId);
      actAs(null);
      const v = c.signed(w, 'victim');
      const textPlain = await handler(request(c.path(w), { method, body: v.body, headers: { ...v.headers, 'content-type': 'text/plain' } }), {});
      expect(textPlain.status).toBe(415);
      const foreign = await handler(request(c.path(w), { method, body: v.body, headers: v.headers, origin: 'https://evil.example' }), {});
      expect(foreign.status).toBe(403);
      const a = c.signed(w, 'attacker');
      expect((await handler(request(c.path(w), { method, body: a.body, headers: a.headers }), {})).status).toBe(401);
      expect(await accountFingerprint(sql, w.victim.accountId)).toBe(before);
      const ok = await handler(request(c.path(w), { method, body: v.body, headers: v.headers }), {});
      expect(ok.status, await ok.clone().text()).toBe(201);
    });
    return;
  }

  if (c.auth === 'admin-session') {
    test('anonymous 401, a customer 403, a foreign Origin 403: no account created; the admin’s call works', async () => {
      const before = await accountFingerprint(sql, w.victim.accountId);
      const send = (origin: string) => handler(request(c.path(w), { method, body: c.body(w), contentType: 'application/json', origin }), {});
      actAs(null);
      expect((await send(ORIGIN)).status).toBe(401);
      actAs(w.victim.userId);
      expect((await send(ORIGIN)).status).toBe(403);
      actAs(w.adminUserId);
      expect((await send('https://evil.example')).status).toBe(403);
      expect(await accountFingerprint(sql, w.victim.accountId)).toBe(before);
      const ok = await send(ORIGIN);
      expect(ok.status, await ok.clone().text()).toBe(201);
    });
    return;
  }

  const type = c.contentType ?? 'application/json';
  test('CSRF: the victim’s own session, text/plain or JSON from a foreign Origin, or no Origin: refused, nothing changed', async () => {
    await c.prepare?.(w);
    const body = await c.body(w);
    const before = await accountFingerprint(sql, w.victim.accountId);
    actAs(w.victim.userId);
    const plain = await handler(request(c.path(w), { method, body: body || 'x', contentType: 'text/plain', origin: 'https://evil.example' }), c.params(w));
    expect([403, 415]).toContain(plain.status);
    const foreign = await handler(request(c.path(w), { method, body, contentType: type, origin: 'https://evil.example' }), c.params(w));
    expect(foreign.status).toBe(403);
    const noOrigin = await handler(request(c.path(w), { method, body, contentType: type }), c.params(w));
    expect(noOrigin.status).toBe(403);
    expect(await accountFingerprint(sql, w.victim.accountId)).toBe(before);
  });

  test("anonymous, and a second customer with the victim's ids: refused, nothing changed; the owner's call works", async () => {
    await c.prepare?.(w);
    const body = await c.body(w);
    const before = await accountFingerprint(sql, w.victim.accountId);
    actAs(null);
    const anon = await handler(request(c.path(w), { method, body, contentType: type, origin: ORIGIN }), c.params(w));
    expect([401, 404]).toContain(anon.status);
    actAs(w.attacker.userId);
    const foreign = await handler(request(c.path(w), { method, body: await (c.foreignBody ?? c.body)(w), contentType: type, origin: ORIGIN }), c.params(w));
    expect(c.foreignStatus ?? [404]).toContain(foreign.status);
    expect(await accountFingerprint(sql, w.victim.accountId)).toBe(before);
    actAs(w.victim.userId);
    const ok = await handler(request(c.path(w), { method, body, contentType: type, origin: ORIGIN }), c.params(w));
    expect(ok.status, await ok.clone().text()).toBeLessThan(300);
  });
});
