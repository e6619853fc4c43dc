import { stopAllChildren } from '../../common/child-processes.ts';

/**
 * First SIGINT/SIGTERM: ask the run to stop gracefully (it still writes what it measured).
 * A second one: end every child process now and exit.
 */
export function onShutdownSignal(stop: (signal: NodeJS.Signals) => void): () => void {
  let received = 0;
  const handler = (signal: NodeJS.Signals): void => {
    received += 1;
    if (received === 1) {
      stop(signal);
      return;
    }
    void stopAllChildren().finally(() => process.exit(130));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
