import { describe, expect, test } from 'vitest';
import { safeRedirectPath } from './safe-redirect';

const ORIGIN = 'http://127.0.0.1:3204';

describe('safeRedirectPath (issue 13 item 1)', () => {
  test.each([
    ['backslash after slash', '/\\evil.example'],
    ['tab between slashes', '/\t/evil.example'],
    ['newline between slashes', '/\n/evil.example'],
    ['dot segments to a protocol-relative path', '/../..//evil.example'],
    ['protocol-relative', '//evil.example'],
    ['double backslash', '\\\\evil.example'],
    ['backslash slash', '\\/evil.example'],
    ['absolute foreign URL', 'http://evil.example/'],
    ['scheme-relative https', 'https:evil.example'],
    ['credentials trick', `${ORIGIN}@evil.example/`],
    ['same host with user info', 'http://user@127.0.0.1:3204/bills'],
    ['javascript URL', 'javascript:alert(1)'],
    ['data URL', 'data:text/html,<script>alert(1)</script>'],
    ['encoded slashes', '/%2F%2Fevil.example'],
    ['encoded backslash', '/%5Cevil.example'],
    ['encoded tab', '/%09/evil.example'],
    ['other port', 'http://127.0.0.1:3205/bills'],
    ['https on the same host', 'https://127.0.0.1:3204/bills'],
    ['empty', ''],
    ['not a string', 42],
    ['undefined', undefined],
  ])('%s → default page', (_label, target) => {
    expect(safeRedirectPath(target, ORIGIN)).toBe('/');
  });

  test.each([
    ['a deep link', '/bills', '/bills'],
    ['with a query and hash', '/usage?from=2024-10-01#chart', '/usage?from=2024-10-01#chart'],
    ['relative dot segments staying inside', '/bills/../packages', '/packages'],
    ['absolute URL of the console itself', `${ORIGIN}/admin/accounts?page=2`, '/admin/accounts?page=2'],
  ])('%s is kept as a path', (_label, target, expected) => {
    expect(safeRedirectPath(target, ORIGIN)).toBe(expected);
  });

  test('the fallback can be chosen', () => {
    expect(safeRedirectPath('//evil.example', ORIGIN, '/overview')).toBe('/overview');
  });
});
