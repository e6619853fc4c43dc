import { createChildProcessRunner } from './child-process.ts';
import { createPromiseConcurrentRunner } from './promise-concurrent.ts';
import { createSequentialRunner } from './sequential.ts';
import type { RunnerFactory, RunnerId } from './types.ts';
import { createWorkerThreadsRunner } from './worker-threads.ts';

/** The strategies compared: one registry object, in the order reports list them. */
export const runners: Readonly<Record<RunnerId, RunnerFactory>> = {
  sequential: createSequentialRunner,
  'promise-concurrent': createPromiseConcurrentRunner,
  'worker-threads': createWorkerThreadsRunner,
  'child-process': createChildProcessRunner,
};
