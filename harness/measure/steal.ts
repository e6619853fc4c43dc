import { readFileSync } from 'node:fs';

/** Jiffies of all CPUs since boot (Linux /proc/stat, first line): all states, and `steal`. */
interface CpuTimes {
  readonly total: number;
  readonly steal: number;
}

function cpuTimes(): CpuTimes | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    // user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user and nice]
    const counted = fields.slice(0, 8);
    if (counted.length < 8 || counted.some((value) => !Number.isFinite(value))) return undefined;
    return { total: counted.reduce((sum, value) => sum + value, 0), steal: counted[7] ?? 0 };
  } catch {
    return undefined;
  }
}

/**
 * Starts watching steal time: the CPU time the hypervisor gave to other guests while this VM wanted it. On a
 * shared host it is the one disturbance a benchmark cannot see from inside otherwise; the returned function
 * says what share of the CPU time since the start was stolen (undefined where /proc/stat is missing).
 */
export function watchSteal(): () => number | undefined {
  const start = cpuTimes();
  return () => {
    const end = cpuTimes();
    if (!start || !end || end.total <= start.total) return undefined;
    return (end.steal - start.steal) / (end.total - start.total);
  };
}

/** Above this share of CPU time given to other guests, timings say more about the host than about the code. */
export const STEAL_WARNING_SHARE = 0.02;

/** One line for the end of a run when the host took enough CPU time to disturb its figures, else undefined. */
export function stealWarning(share: number | undefined): string | undefined {
  if (share === undefined || share <= STEAL_WARNING_SHARE) return undefined;
  return (
    `Warning: the host gave ${(share * 100).toFixed(1)}% of this machine's CPU time to other guests during the run ` +
    '(steal time, /proc/stat): these figures are disturbed. Rerun when `vmstat 1` shows st near 0.'
  );
}
