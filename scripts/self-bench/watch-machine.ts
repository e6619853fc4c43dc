import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { PROJECT_ROOT } from '../../common/project-root.ts';
import { watchSteal } from '../../harness/measure/steal.ts';
import type { PartMachine } from './performance-page.ts';

const LOAD_SAMPLE_MS = 5_000;

/** Starts watching the machine while a part runs; the returned function stops and says what was seen. */
export function watchMachine(): () => PartMachine {
  const stolen = watchSteal();
  const loads = [os.loadavg()[0] ?? 0];
  const sampler = setInterval(() => loads.push(os.loadavg()[0] ?? 0), LOAD_SAMPLE_MS);
  sampler.unref();
  return () => {
    clearInterval(sampler);
    loads.push(os.loadavg()[0] ?? 0);
    return {
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      cores: os.availableParallelism(),
      memoryBytes: os.totalmem(),
      node: process.versions.node,
      loadAverage: { min: Math.min(...loads), max: Math.max(...loads) },
      stealShare: stolen(),
    };
  };
}

function git(args: readonly string[]): string {
  return execFileSync('git', args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim();
}

/** The commit measured, and whether the working tree differed from it. */
export function measuredCommit(): string {
  try {
    const commit = git(['rev-parse', '--short', 'HEAD']);
    return git(['status', '--porcelain', '--untracked-files=no']) === '' ? commit : `${commit} with uncommitted changes`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
