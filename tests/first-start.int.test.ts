import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, STAGING_ROOT } from '@/db/embedded';

/**
 * Issue 14 item 1: a newcomer clones the repository into a directory other users cannot
 * enter (as root: /root/...; here a fresh 0700 directory) and runs `npm run dev`. The
 * embedded PostgreSQL runs as the `postgres` user when started as root, who cannot enter
 * such a directory; db/embedded.ts stages binaries and data where it can. This test
 * clones the committed HEAD (CI: the commit under test), reuses node_modules through hard
 * links (no network), starts the console and asks for /sign-in.
 */
const repo = process.cwd();
let dir = '';
let child: ReturnType<typeof spawn> | null = null;

afterAll(() => {
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }
  if (!dir) return;
  const link = path.join(dir, 'console', '.data', 'pg');
  try {
    if (fs.lstatSync(link).isSymbolicLink()) fs.rmSync(fs.readlinkSync(link), { recursive: true, force: true });
  } catch {}
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('first start from a fresh clone in a 0700 directory', () => {
  it('starts the database, applies the migrations and serves /sign-in', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'first-start-'));
    fs.chmodSync(dir, 0o700);
    const clone = path.join(dir, 'console');
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', repo, clone]);
    try {
      execFileSync('cp', ['-al', path.join(repo, 'node_modules'), path.join(clone, 'node_modules')]);
    } catch {
      fs.cpSync(path.join(repo, 'node_modules'), path.join(clone, 'node_modules'), { recursive: true, verbatimSymlinks: true });
    }
    const port = await freePort();
    const pgPort = await freePort();
    let output = '';
    // `npm run dev` is `tsx scripts/serve.ts dev`; the same script under node with tsx as its loader,
    // because the tsx CLI answers Ctrl-C with exit 130 (and SIGKILLs the script) when the script
    // does not acknowledge the signal within 30 ms, which a loaded machine does not guarantee.
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts', 'dev'], {
      cwd: clone,
      detached: true, // its own process group: stopped as a whole
      env: {
        ...process.env,
        DATABASE_URL: '',
        SMTP_URL: '',
        APP_ENV: 'development',
        PORT: String(port),
        EMBEDDED_PG_PORT: String(pgPort),
        MAIL_CAPTURE_PORT: '0',
        DISABLE_JOB_WORKER: '1',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((r) => child?.once('exit', (code) => r(code)));

    let status = 0;
    let body = '';
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/sign-in`, { signal: AbortSignal.timeout(120_000) });
        status = res.status;
        body = await res.text();
        if (status === 200) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(output, 'the start printed no stack trace').not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(output).toContain('Demo data created.');
    expect(status, output).toBe(200);
    expect(body).toContain('Sign in to your console');

    // As root the data lives staged for the postgres user; otherwise in place, ours.
    const link = path.join(clone, '.data', 'pg');
    if (process.getuid?.() === 0) {
      expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
      const staged = fs.readlinkSync(link);
      expect(staged.startsWith(STAGING_ROOT)).toBe(true);
      const st = fs.statSync(staged);
      expect(st.mode & 0o777).toBe(0o700);
      expect(st.uid).not.toBe(0);
    }
    expect(fs.existsSync(path.join(link, 'PG_VERSION'))).toBe(true);

    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toBe(0);
  }, 300_000);
});
