import { createInProcessRunner } from './in-process.ts';
import type { RunnerFactory } from './types.ts';

/** Await each request in turn: one in flight, whatever the concurrency level asks for. */
export const createSequentialRunner: RunnerFactory = () => createInProcessRunner(() => 1);
