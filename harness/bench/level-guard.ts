import type { MockServerProcess } from '../../mock-server/process.ts';
import type { HostedBatch, ModelHost } from '../../runners/host/model-host.ts';
import type { Batch } from '../../runners/types.ts';

/** How long a level may go without a batch finishing before it is abandoned (`--level-timeout`). */
export const DEFAULT_LEVEL_TIMEOUT_MS = 60_000;

export type LevelFaultCode = 'SERVER_EXITED' | 'LEVEL_TIMEOUT';

/** Why a level was abandoned: the sentence is what the user sees and what results.json records. */
export class LevelFault extends Error {
  constructor(
    message: string,
    readonly code: LevelFaultCode,
  ) {
    super(message);
  }
}

export interface LevelWatch {
  /** e.g. `worker-threads at 50 in flight`. */
  readonly label: string;
  readonly server: MockServerProcess;
  /** No batch finishing for this long abandons the level. */
  readonly timeoutMs: number;
  /** The run's signal (Ctrl-C). */
  readonly signal: AbortSignal;
}

export interface WatchedLevel {
  /** Aborted when the run stops or the level is abandoned. */
  readonly signal: AbortSignal;
  /** Sends a batch to the model's host, reporting each finished batch as progress. */
  readonly runBatch: (batch: Batch) => Promise<HostedBatch>;
}

function serverFault(reason: string, label: string): LevelFault {
  return new LevelFault(`mock server ${reason} during ${label}`, 'SERVER_EXITED');
}

/**
 * Runs one level, abandoning it when the mock server exits or no batch finishes within the timeout. The
 * abandoned measurement is told to stop (its signal) and left to settle on its own; the caller replaces the host.
 * A host that dies fails its batch (runners/host/model-host.ts), which fails the level.
 */
export async function guardLevel<T>(watch: LevelWatch, host: ModelHost, measure: (level: WatchedLevel) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  watch.signal.addEventListener('abort', stop, { once: true });
  if (watch.signal.aborted) stop();
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  let fail: (fault: LevelFault) => void = () => {};
  const faulted = new Promise<never>((_, reject) => {
    fail = reject;
  });
  // An abandoned batch may still finish after the level is over: it must not re-arm the watchdog then.
  const arm = (): void => {
    clearTimeout(timer);
    if (settled) return;
    timer = setTimeout(() => {
      const seconds = watch.timeoutMs / 1000;
      fail(
        new LevelFault(
          `no batch finished for ${seconds} s during ${watch.label}: level abandoned (--level-timeout ${seconds})`,
          'LEVEL_TIMEOUT',
        ),
      );
    }, watch.timeoutMs);
    timer.unref();
  };
  arm();
  void watch.server.exited.then((reason) => fail(serverFault(reason, watch.label)));
  const running = measure({ signal: controller.signal, runBatch: (levelPlan) => host.runBatch(levelPlan).finally(arm) });
  try {
    const value = await Promise.race([running, faulted]);
    // Batches against a dead server "complete" with every request refused: that measured nothing.
    const died = watch.server.exitReason();
    if (died) throw serverFault(died, watch.label);
    return value;
  } catch (error: unknown) {
    const died = watch.server.exitReason();
    if (died && !(error instanceof LevelFault)) throw serverFault(died, watch.label);
    throw error;
  } finally {
    settled = true;
    clearTimeout(timer);
    watch.signal.removeEventListener('abort', stop);
    controller.abort();
    running.catch(() => undefined);
  }
}
