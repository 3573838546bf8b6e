import { StartFailure } from '@/db/embedded';

/**
 * Every way a start can fail, told as one paragraph for a person, never a stack trace
 * (issue 14 item 1): `npm run dev`, `npm start`, `npm run worker`, `npm run db:migrate`.
 * DEBUG_START=1 adds the stack for whoever debugs the console itself.
 */
export function explainStartFailure(err: unknown, context: { port?: string | number } = {}): string {
  if (err instanceof StartFailure) return err.message;
  const e = err as NodeJS.ErrnoException & { address?: string; port?: number; syscall?: string; path?: string };
  const message = e instanceof Error ? e.message : String(err);
  switch (e?.code) {
    case 'EADDRINUSE': {
      const port = e.port ?? context.port;
      return `Cannot start the console: port ${port ?? '(unknown)'} is already in use (another console or program is listening there). Stop it, or start on another port: PORT=<port> npm run dev.`;
    }
    case 'ENOSPC':
      return `Cannot start the console: the disk is full (${message}). Free some space (df -h .) and start again.`;
    case 'EACCES':
    case 'EPERM':
      return `Cannot start the console: permission denied${e.path ? ` on ${e.path}` : ''} (${message}). Start it as the user who owns the project directory, or fix that path's permissions.`;
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
      return `Cannot reach the database (${message}). Check DATABASE_URL, or unset it to use the embedded PostgreSQL.`;
    case '28P01':
      return `The database refused the credentials in DATABASE_URL (${message}). Check the user and password, or unset DATABASE_URL to use the embedded PostgreSQL.`;
    case 'ERR_MODULE_NOT_FOUND':
    case 'MODULE_NOT_FOUND':
      return `Cannot start the console: a package is missing (${message.split('\n')[0]}). Run \`npm ci\` in the project directory.`;
    default:
      return `Cannot start the console: ${message.split('\n')[0]}. Run with DEBUG_START=1 for details.`;
  }
}

/** Print the paragraph and leave with exit code 1. */
export function failStart(err: unknown, context: { port?: string | number } = {}): never {
  console.error(`\n${explainStartFailure(err, context)}\n`);
  if (process.env.DEBUG_START) console.error(err);
  process.exit(1);
}

/** Anything thrown later in the start that nobody caught ends the same way. */
export function installStartFailureHandlers(context: { port?: string | number } = {}): () => void {
  const onError = (err: unknown) => failStart(err, context);
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return () => {
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onError);
  };
}
