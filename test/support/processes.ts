import { readdir, readFile } from 'node:fs/promises';

/**
 * Pids of live processes whose environment holds `marker` (Linux /proc). Children inherit the environment,
 * so this finds every process a run started, even one re-parented after its parent died.
 */
export async function processesWithMarker(marker: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = await readFile(`/proc/${entry}/environ`, 'utf8');
      if (environ.includes(marker)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked, or is not ours to read
    }
  }
  return pids;
}
