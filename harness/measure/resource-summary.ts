import os from 'node:os';
import jStat from 'jstat';
import type { CompletedResult } from '../../results/types.ts';
import type { RunnerDescriptor } from '../../runners/descriptor.ts';
import type { MeasuredOutcome } from './measured-outcome.ts';
import type { MemoryPeaks } from './memory-sampler.ts';
import { saturation } from './saturation.ts';

/** One measured batch (closed loop) or run (open loop): its outcome, with every process's CPU, and its memory. */
export interface Sample {
  /** The batch's iteration number within its level (warm-ups count too): its requests' identities. */
  readonly iteration: number;
  readonly outcome: MeasuredOutcome;
  /** The batch's wall as its host timed it (open loop: from the run's epoch to its last answer). */
  readonly wallMs: number;
  /** Peak RSS while the batch ran: the model host and each worker process. */
  readonly memory: MemoryPeaks;
  /** The model host's own event loop while the batch ran; undefined where the host does not measure it (Python). */
  readonly mainLoopUtilization: number | undefined;
}

export type ResourceSummary = Pick<CompletedResult, 'cpu' | 'memory' | 'eventLoop' | 'clientSaturated'>;

const US_PER_MS = 1000;

/**
 * What the measured batches cost the host's process tree, for closed and open loop alike: CPU per batch (every
 * process's own report, the host included) and the cores it kept busy over the mean wall, peak RSS, the event
 * loops, and whether the client itself was the bottleneck.
 */
export function resourceSummary(
  samples: readonly Sample[],
  merged: MeasuredOutcome,
  meanWallMs: number,
  descriptor: RunnerDescriptor,
  baselineRssBytes: number | undefined,
): ResourceSummary {
  const iterations = Math.max(1, samples.length);
  const totalCpuMs = merged.processes.reduce((sum, usage) => sum + usage.cpuUserUs + usage.cpuSystemUs, 0) / US_PER_MS / iterations;
  const userCpuMs = merged.processes.reduce((sum, usage) => sum + usage.cpuUserUs, 0) / US_PER_MS / iterations;
  const coresUsed = meanWallMs > 0 ? totalCpuMs / meanWallMs : 0;
  const loops = samples.flatMap((sample) => (sample.mainLoopUtilization === undefined ? [] : [sample.mainLoopUtilization]));
  const mainLoop = loops.length === 0 ? undefined : jStat.mean(loops);
  // Models on one loop report that loop itself; only pools have separate worker loops.
  const workersMax =
    descriptor.runsOn === 'main-loop' || merged.loopUtilization.length === 0 ? undefined : Math.max(...merged.loopUtilization);
  return {
    cpu: { userMs: userCpuMs, systemMs: totalCpuMs - userCpuMs, coresUsed },
    memory: { ...peakMemory(samples), ...(baselineRssBytes === undefined ? {} : { baselineRssBytes }) },
    eventLoop: { main: mainLoop, workersMax },
    clientSaturated: saturation({ coresUsed, cores: os.availableParallelism(), mainLoop, workersMax }),
  };
}

/** Peaks over the measured batches: the host, each worker process, and their sum at its highest. */
function peakMemory(samples: readonly Sample[]): CompletedResult['memory'] {
  let main = 0;
  let total = 0;
  const workers: number[] = [];
  for (const { memory } of samples) {
    main = Math.max(main, memory.mainPeakRssBytes);
    total = Math.max(total, memory.mainPeakRssBytes + memory.workersPeakRssBytes.reduce((sum, bytes) => sum + bytes, 0));
    for (const [index, bytes] of memory.workersPeakRssBytes.entries()) workers[index] = Math.max(workers[index] ?? 0, bytes);
  }
  return { peakRssBytes: total, mainPeakRssBytes: main, workersPeakRssBytes: workers };
}
