import type { EventEmitter } from 'node:events';

/** A forked child process or a cluster worker: both emit `message` and `exit`. */
export type MessageSource = Pick<EventEmitter, 'on' | 'off'>;

/** Waits for the first message from `child` that `accept` maps to a value; fails on exit or after `timeoutMs`. */
export function waitForMessage<M, T>(
  child: MessageSource,
  accept: (message: M) => T | undefined,
  what: string,
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => settle(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms`))), timeoutMs);
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      settle(() => reject(new Error(`${what} exited with ${signal ?? `code ${String(code)}`}`)));
    const onMessage = (message: M): void => {
      let value: T | undefined;
      try {
        value = accept(message);
      } catch (error) {
        settle(() => reject(error instanceof Error ? error : new Error(String(error))));
        return;
      }
      if (value !== undefined) settle(() => resolve(value));
    };
    function settle(then: () => void): void {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('message', onMessage);
      then();
    }
    child.on('exit', onExit);
    child.on('message', onMessage);
  });
}
