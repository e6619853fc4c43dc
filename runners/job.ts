import type { ClientConfig } from './client-config.ts';
import type { RateCapSpec, RequestSpec } from './request-spec.ts';
import type { CpuWork, WorkCalibration } from './work.ts';

/** The CPU work a runner does on each response, with the host's calibration for `busy`. */
export interface WorkSpec {
  readonly cpuWork: CpuWork;
  readonly calibration: WorkCalibration;
}

/** Where a worker (thread, process or the main loop) sends its requests, with which client, and what work it does. */
export interface WorkerSetup {
  readonly origin: string;
  readonly client: ClientConfig;
  readonly work: WorkSpec;
  /** Method, headers and body for a --target run; absent: GET with no headers. */
  readonly request?: RequestSpec | undefined;
  /** Requests per second this worker may send at most (a remote target's cap, split across workers). */
  readonly rateCap?: RateCapSpec | undefined;
}

/** What one batch (or one worker's share of it) does: `requests` GETs of `path`, at most `concurrency` in flight. */
export interface BatchPlan {
  readonly requests: number;
  readonly concurrency: number;
  readonly path: string;
}

/** One measured batch: where to send it, with which client and CPU work, and how much in flight. */
export interface BatchJob extends BatchPlan {
  readonly setup: WorkerSetup;
}

/** One worker's share of a batch, as it crosses a thread or process boundary. */
export interface ShareTask {
  readonly setup: WorkerSetup;
  readonly plan: BatchPlan;
}
