export { replayBatch } from './simulation.ts';
export { REPLAY_ERROR_KINDS, REPLAY_LIMITS } from './types.ts';
export type {
  ReplayAttemptDecision,
  ReplayErrorKind,
  ReplayInput,
  ReplayLimit,
  ReplayResult,
  ReplayRetryPolicy,
  ReplayServer,
} from './types.ts';
