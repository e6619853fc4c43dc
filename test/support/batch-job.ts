import { streamOf } from '../../common/request-identity.ts';
import { defaultClientConfig } from '../../runners/client-config.ts';
import { workerSetup } from '../../runners/job.ts';
import type { BatchJob } from '../../runners/types.ts';
import { NO_WORK, type CpuWork } from '../../runners/work.ts';

export const TEST_STREAM = streamOf('test');
export const TEST_SEED = 1;

/** A batch for runner tests: `requests` GETs of `/` at `origin`, default client, no work unless given. */
export function batchJob(
  origin: string,
  requests: number,
  concurrency: number,
  cpuWork: CpuWork = NO_WORK,
  busyRoundsPerMs = 1,
  iteration = 0,
): BatchJob {
  return {
    setup: workerSetup({ origin, client: defaultClientConfig, work: { cpuWork, calibration: { busyRoundsPerMs } } }, TEST_SEED),
    path: '/',
    requests,
    concurrency,
    stream: TEST_STREAM,
    iteration,
  };
}
