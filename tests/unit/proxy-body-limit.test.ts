import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 14 item 8: a valid 20 MB, 96,000-record usage file was refused as "line 50386: not
 * valid JSON" because the Next.js proxy buffers a request body it runs on and cuts it at
 * proxyClientMaxBodySize (10 MB by default): the route read a truncated file and blamed it.
 * The proxy must never run on the usage API or the import, whose own limits are larger and
 * are told as limits (413). Checked on a running server: 20,906,880 bytes / 96,000 records → 201.
 */
describe('the proxy does not run on bodies larger than its own buffer', () => {
  const source = fs.readFileSync(path.resolve(import.meta.dirname, '../../proxy.ts'), 'utf8');
  const matcher = /matcher:\s*\['([^']+)'\]/.exec(source)?.[1];

  it('excludes /usage/import and /api/v1/usage, and keeps every page', () => {
    expect(matcher).toBeTruthy();
    const runs = (p: string) => new RegExp(`^${matcher}$`).test(p);
    expect(runs('/usage/import')).toBe(false);
    expect(runs('/api/v1/usage')).toBe(false);
    expect(runs('/overview')).toBe(true);
    expect(runs('/usage')).toBe(true);
  });
});
