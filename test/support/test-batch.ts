import { streamOf } from '../../common/request-identity.ts';
import { defaultClientConfig } from '../../runners/client-config.ts';
import { batchSetup } from '../../runners/batch-spec.ts';
import type { Batch } from '../../runners/types.ts';
import { NO_WORK, type CpuWork } from '../../runners/work.ts';

export const TEST_STREAM = streamOf('test');
export const TEST_SEED = 1;

/** A batch for runner tests: `requests` GETs of `/` at `origin`, default client, no work unless given. */
export function testBatch(
  origin: string,
  requests: number,
  concurrency: number,
  cpuWork: CpuWork = NO_WORK,
  busyRoundsPerMs = 1,
  iteration = 0,
): Batch {
  return {
    setup: batchSetup({ origin, client: defaultClientConfig, work: { cpuWork, busyRate: { busyRoundsPerMs } } }, TEST_SEED),
    path: '/',
    requests,
    concurrency,
    stream: TEST_STREAM,
    iteration,
  };
}
