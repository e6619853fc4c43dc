import type { ChildProcess } from 'node:child_process';

/** Every process the suite forks is tracked here, so none outlives the suite on success, failure or a signal. */
const live = new Set<ChildProcess>();
const STOP_GRACE_MS = 3_000;

export function trackChild(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  // An 'error' without a listener ends the whole run. Each failure also shows where it matters: a failed
  // spawn or a dead channel as a missing answer or an 'exit' (common/ipc.ts), a failed send in its callback.
  child.on('error', () => {});
  return child;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timers: NodeJS.Timeout[] = [];
  // Bounded: SIGKILL after the grace period, and no waiting past a second grace for an 'exit' that never comes.
  const givenUp = new Promise<void>((resolve) => {
    timers.push(setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS));
    timers.push(setTimeout(resolve, 2 * STOP_GRACE_MS));
  });
  await Promise.race([exited, givenUp]);
  for (const timer of timers) clearTimeout(timer);
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...live].map(stopChild));
}

// Last line of defence when the process exits without awaiting stopAllChildren (an uncaught error, process.exit).
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
