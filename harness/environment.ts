import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../common/project-root.ts';
import type { Environment } from '../results/types.ts';

export type { Environment } from '../results/types.ts';

const MEASURED_PACKAGES = ['undici', 'piscina', 'tinybench', 'hdr-histogram-js', 'msw', 'chart.js', 'chartjs-node-canvas'];

function packageVersion(name: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
      version?: string;
    };
    return manifest.version;
  } catch {
    return undefined;
  }
}

export function toolVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

function gitCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

/** What the numbers were measured on: without it, results cannot be compared. */
export function captureEnvironment(): Environment {
  const packages: Record<string, string> = {};
  for (const name of MEASURED_PACKAGES) {
    const version = packageVersion(name);
    if (version) packages[name] = version;
  }
  return {
    node: process.versions.node,
    v8: process.versions.v8,
    platform: process.platform,
    release: os.release(),
    arch: process.arch,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    packages,
    gitCommit: gitCommit(),
  };
}
