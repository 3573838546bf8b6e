import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * Run a TypeScript child (`node --import tsx <file>`: node itself, so SIGKILL hits the child, not a
 * wrapper process) and hand each line it prints to `onLine` with a `kill` that SIGKILLs it
 * (the crash tests: kill a worker or an importer at a chosen step). Resolves with the lines and
 * the signal when it ends; a non-zero exit rejects with its stderr.
 */
export function runKillableChild(
  file: string,
  env: Record<string, string | undefined>,
  onLine: (line: string, kill: () => void) => void,
): Promise<{ code: number | null; signal: string | null; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(file)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buf = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        onLine(line, () => child.kill('SIGKILL'));
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => (code ? reject(new Error(`child exited ${code}: ${err}`)) : resolve({ code, signal, lines })));
  });
}
