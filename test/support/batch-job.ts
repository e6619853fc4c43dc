import { defaultClientConfig } from '../../runners/client-config.ts';
import type { BatchJob } from '../../runners/types.ts';
import { NO_WORK, type CpuWork } from '../../runners/work.ts';

/** A batch for runner tests: `requests` GETs of `/` at `origin`, default client, no work unless given. */
export function batchJob(origin: string, requests: number, concurrency: number, cpuWork: CpuWork = NO_WORK, busyRoundsPerMs = 1): BatchJob {
  return {
    setup: { origin, client: defaultClientConfig, work: { cpuWork, calibration: { busyRoundsPerMs } } },
    path: '/',
    requests,
    concurrency,
  };
}
