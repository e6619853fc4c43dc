export { replayBatch } from './simulation.ts';
export { REPLAY_LIMITS } from './types.ts';
export type {
  ReplayAttemptDecision,
  ReplayInput,
  ReplayLimit,
  ReplayResult,
} from './types.ts';
