import { createInProcessRunner } from './in-process.ts';
import type { RunnerFactory } from './types.ts';

/** A bounded pool of async tasks on one event loop: never more than `concurrency` requests in flight. */
export const createPromiseConcurrentRunner: RunnerFactory = () => createInProcessRunner((concurrency) => concurrency);
