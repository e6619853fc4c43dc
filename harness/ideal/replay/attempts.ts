import { CAPACITY, LATENCY, RATE_LIMIT, RETRIES, type LimitCode } from './critical-path.ts';
import type { ReplayErrorKind } from './types.ts';

// An attempt at the server.
export const NOT_ARRIVED = 0;
export const WAITING_SLOT = 1;
export const SERVING = 2;
export const SERVER_FINISHED = 3;

// An attempt at the client.
export const AWAITING = 0;
export const ANSWER_DUE = 1;
export const ENDED = 2;

// Outcomes, with their client error kind and the resource their time is charged to.
export const OK = 0;
export const RATE_LIMITED = 1;
export const QUEUE_FULL = 2;
export const SERVER_ERROR = 3;
export const RESET = 4;
export const TIMEOUT = 5;
export const OUTCOME_KIND: readonly (ReplayErrorKind | undefined)[] = [
  undefined,
  'rate_limited',
  'http_5xx',
  'http_5xx',
  'reset',
  'timeout',
];
export const OUTCOME_LIMIT: readonly LimitCode[] = [LATENCY, RATE_LIMIT, CAPACITY, RETRIES, RETRIES, RETRIES];

/**
 * Every attempt of a replay, by id (ids in sending order, columns rather than objects): which lane and request
 * sent it and when, and how far it got at the server and at the client. Times NaN until they happen.
 */
export class AttemptTable {
  readonly lane: number[] = [];
  readonly index: number[] = [];
  /** 0 = first try. */
  readonly number: number[] = [];
  readonly sentAt: number[] = [];
  readonly deadline: number[] = [];
  readonly queuedAt: number[] = [];
  readonly slotAt: number[] = [];
  readonly outcome: number[] = [];
  readonly retryAfterMs: number[] = [];
  readonly bodyMs: number[] = [];
  /** Of bodyMs, what the server spends trickling a slow body (first-byte delay, bytes per second): it holds its slot. */
  readonly trickleMs: number[] = [];
  readonly server: number[] = [];
  readonly client: number[] = [];
  readonly timeoutSet: boolean[] = [];

  get count(): number {
    return this.lane.length;
  }

  add(lane: number, index: number, attempt: number, sentAt: number, deadline: number): number {
    this.lane.push(lane);
    this.index.push(index);
    this.number.push(attempt);
    this.sentAt.push(sentAt);
    this.deadline.push(deadline);
    this.queuedAt.push(NaN);
    this.slotAt.push(NaN);
    this.outcome.push(OK);
    this.retryAfterMs.push(NaN);
    this.bodyMs.push(0);
    this.trickleMs.push(0);
    this.server.push(NOT_ARRIVED);
    this.client.push(AWAITING);
    this.timeoutSet.push(false);
    return this.lane.length - 1;
  }
}
