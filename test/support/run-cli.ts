import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { DIST_ROOT, PROJECT_ROOT } from '../../common/project-root.ts';

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** Called with each stderr chunk and the child, e.g. to send a signal once a progress line appears. */
  readonly onStderr?: (text: string, child: ChildProcess) => void;
}

/** Runs one of the project's compiled entry scripts (`bench.ts` runs dist/scripts/bench.js) the way `npm run` does, in a real process. */
export function runCli(script: string, args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [compiledScript(script), ...args], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.env ?? process.env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(stderr, child);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} did not finish within ${options.timeoutMs ?? 120_000} ms`));
    }, options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export function compiledScript(script: string): string {
  return path.join(DIST_ROOT, 'scripts', script.replace(/\.ts$/, '.js'));
}
