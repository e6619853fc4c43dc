import type { ChildProcess } from 'node:child_process';

/** Every process the suite forks is tracked here, so none outlives the suite on success, failure or a signal. */
const live = new Set<ChildProcess>();
const STOP_GRACE_MS = 3_000;

export function trackChild(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

export function liveChildCount(): number {
  return live.size;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...live].map(stopChild));
}

// Last line of defence when the process exits without awaiting stopAllChildren (an uncaught error, process.exit).
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
