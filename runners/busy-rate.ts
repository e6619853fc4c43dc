import { busyRounds, type BusyRate } from './work.ts';

const PROBE_ROUNDS = 2_000_000;
const SAMPLES = 7;

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

/**
 * Measures how many busy rounds one millisecond of CPU buys on this host, so `busy: 5` costs about 5 ms of CPU
 * anywhere. Measures CPU time, not wall time (a busy neighbour steals wall time, not our CPU time), and keeps the
 * fastest sample. Run it before any pool starts: process CPU time counts every thread of the process.
 */
export function measureBusyRate(): BusyRate {
  busyRounds(PROBE_ROUNDS); // let the JIT optimise the loop first
  let fastestMs = Number.POSITIVE_INFINITY;
  for (let sample = 0; sample < SAMPLES; sample += 1) {
    const before = process.cpuUsage();
    busyRounds(PROBE_ROUNDS, sample + 1);
    fastestMs = Math.min(fastestMs, cpuMs(process.cpuUsage(before)));
  }
  return { busyRoundsPerMs: PROBE_ROUNDS / Math.max(fastestMs, 1e-3) };
}
