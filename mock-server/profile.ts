import { z } from 'zod';
import type { Slowdown } from './coherency.ts';
import { clampedMeanMs, type LatencyShape } from './distributions.ts';

const LATENCY_DISTRIBUTIONS = ['fixed', 'uniform', 'normal', 'lognormal', 'exponential', 'pareto'] as const;

export const PAYLOAD_KINDS = ['json', 'html', 'binary'] as const;
export type PayloadKind = (typeof PAYLOAD_KINDS)[number];

const MAX_MS = 600_000;
const MAX_UINT32 = 2 ** 32 - 1;
const rate = z.number().min(0).max(1);

/** The seed of the latency and fault sequences: a 32-bit unsigned integer (the server's profile, `--seed`). */
export const seedSchema = z.int().min(0).max(MAX_UINT32);

/**
 * A phase of the server's life: from its trigger on, its changes apply (cumulatively, in order). Exactly one
 * trigger: `afterRequests` (request index >= n, from the request identity; else arrivals since /__reset) or
 * `afterMs` (ms since the first request after /__reset). `pauseMs`: once the phase begins the server answers
 * nothing for that long; every answer due in the pause goes out at its end (a GC-like stall).
 */
const phaseSchema = z
  .object({
    afterRequests: z.int().min(0).max(MAX_UINT32).optional(),
    afterMs: z.number().min(0).max(MAX_MS).optional(),
    latencyMs: z.number().min(0).max(MAX_MS).optional(),
    latencyDistribution: z.enum(LATENCY_DISTRIBUTIONS).optional(),
    latencySpreadMs: z.number().min(0).max(MAX_MS).optional(),
    capacity: z.int().min(1).max(1_000_000).optional(),
    errorRate: rate.optional(),
    pauseMs: z.number().min(0).max(MAX_MS).optional(),
  })
  .strict()
  .superRefine((phase, context) => {
    if ((phase.afterRequests === undefined) === (phase.afterMs === undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['afterRequests'],
        input: phase.afterRequests,
        message: 'given, or else `afterMs` (exactly one)',
      });
    }
  });

type PhaseInput = z.output<typeof phaseSchema>;

/**
 * What the mock server does for every request; shared by the CLI, scenarios and both adapters.
 * Fields added after the walking skeleton are optional, so profiles written before them stay valid;
 * `resolveServerProfile` fills them from one defaults object.
 */
export const serverProfileSchema = z
  .object({
    /** The mean of the latency distribution (for `fixed`, the latency itself), before clamping. */
    latencyMs: z.number().min(0).max(MAX_MS).default(16),
    /** Extra uniform latency in [0, jitterMs), added after the distribution. */
    jitterMs: z.number().min(0).max(MAX_MS).default(0),
    bodyBytes: z
      .int()
      .min(2)
      .max(256 * 1024 * 1024)
      .default(256),
    seed: seedSchema.default(1),
    latencyDistribution: z.enum(LATENCY_DISTRIBUTIONS).optional(),
    /** Standard deviation for `normal` and `lognormal`, half-width for `uniform`; default latencyMs / 2. */
    latencySpreadMs: z.number().min(0).max(MAX_MS).optional(),
    /** Tail index of `pareto`; smaller is heavier. Must exceed 1 for the mean to exist. */
    paretoShape: z.number().min(1.05).max(100).optional(),
    latencyMinMs: z.number().min(0).max(MAX_MS).optional(),
    /** Default 10 x latencyMs: long enough for any tail a scenario wants, short of the client's timeouts. */
    latencyMaxMs: z.number().min(0).max(MAX_MS).optional(),
    payload: z.enum(PAYLOAD_KINDS).optional(),
    /** Slow body: send the body at this many bytes per second after the headers. */
    bodyBytesPerSecond: z
      .number()
      .min(1)
      .max(10 * 1024 ** 3)
      .optional(),
    /** Slow first byte: headers go out at the latency, the first body byte this much later. */
    firstByteDelayMs: z.number().min(0).max(MAX_MS).optional(),
    /** At most this many requests served at once; the rest wait in a FIFO queue. */
    capacity: z.int().min(1).max(1_000_000).optional(),
    /** Requests allowed to wait for a slot; one more is answered 503 at once. Needs `capacity`. */
    queueLimit: z.int().min(0).max(10_000_000).optional(),
    /** Token bucket: requests per second; over it, 429 with Retry-After. */
    rateLimit: z.number().min(0.01).max(10_000_000).optional(),
    /** Tokens the bucket holds; default a tenth of a second's worth (at least 1). */
    rateLimitBurst: z.int().min(1).max(10_000_000).optional(),
    /** Fraction of requests answered 500. */
    errorRate: rate.optional(),
    /** Fraction of requests whose connection is reset (TCP RST) instead of answered. */
    resetRate: rate.optional(),
    /** Fraction of requests never answered: they hold their slot until the client gives up. */
    stallRate: rate.optional(),
    /** Server processes (node:cluster) sharing the port; capacity, queue and rate limit are split among them. */
    workers: z.int().min(1).max(64).optional(),
    /** Phases in order (see phaseSchema). */
    phases: z.array(phaseSchema).max(64).optional(),
    /** Keep a record of every answered request (identity, drawn latency, fault), served at GET /__requests. */
    recordRequests: z.boolean().optional(),
    /** USL sigma: each other request in service when one starts adds this share of its latency (see coherency.ts). */
    contention: z.number().min(0).max(1).optional(),
    /** USL kappa: each pair of requests in service when one starts adds this share of its latency; > 0 turns throughput down. */
    coherency: z.number().min(0).max(1).optional(),
  })
  .strict()
  .superRefine((profile, context) => {
    const min = profile.latencyMinMs ?? 0;
    if (profile.latencyMaxMs !== undefined && profile.latencyMaxMs < min) {
      context.addIssue({
        code: 'custom',
        path: ['latencyMaxMs'],
        input: profile.latencyMaxMs,
        message: `a number >= the latency minimum (${min})`,
      });
    }
    const faults = (profile.errorRate ?? 0) + (profile.resetRate ?? 0) + (profile.stallRate ?? 0);
    if (faults > 1) {
      context.addIssue({
        code: 'custom',
        path: ['stallRate'],
        input: profile.stallRate,
        message: `a rate that keeps error + reset + stall <= 1 (sum is ${faults})`,
      });
    }
    if (profile.queueLimit !== undefined && profile.capacity === undefined) {
      context.addIssue({ code: 'custom', path: ['queueLimit'], input: profile.queueLimit, message: 'given only together with a capacity' });
    }
    if (profile.capacity !== undefined && (profile.workers ?? 1) > profile.capacity) {
      context.addIssue({
        code: 'custom',
        path: ['workers'],
        input: profile.workers,
        message: `at most the capacity (${profile.capacity}), which is split among the workers`,
      });
    }
    checkPhases(profile, context);
    if (profile.rateLimitBurst !== undefined && profile.rateLimit === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['rateLimitBurst'],
        input: profile.rateLimitBurst,
        message: 'given only together with a rate limit',
      });
    }
  });

type ProfileFields = {
  readonly phases?: readonly PhaseInput[] | undefined;
  readonly resetRate?: number | undefined;
  readonly stallRate?: number | undefined;
  readonly errorRate?: number | undefined;
  readonly capacity?: number | undefined;
  readonly workers?: number | undefined;
};

/** Triggers of one kind come in increasing order; every phase keeps the fault rates <= 1 and the capacity >= the workers. */
function checkPhases(profile: ProfileFields, context: z.RefinementCtx): void {
  let lastRequests = -1;
  let lastMs = -1;
  let errorRate = profile.errorRate ?? 0;
  for (const [index, phase] of (profile.phases ?? []).entries()) {
    if (phase.afterRequests !== undefined) {
      if (phase.afterRequests <= lastRequests) {
        const message = `an integer > the previous phase's (${lastRequests})`;
        context.addIssue({ code: 'custom', path: ['phases', index, 'afterRequests'], input: phase.afterRequests, message });
      }
      lastRequests = phase.afterRequests;
    }
    if (phase.afterMs !== undefined) {
      if (phase.afterMs <= lastMs) {
        context.addIssue({
          code: 'custom',
          path: ['phases', index, 'afterMs'],
          input: phase.afterMs,
          message: `a number > the previous phase's (${lastMs})`,
        });
      }
      lastMs = phase.afterMs;
    }
    errorRate = phase.errorRate ?? errorRate;
    const faults = errorRate + (profile.resetRate ?? 0) + (profile.stallRate ?? 0);
    if (faults > 1) {
      const message = `a rate that keeps error + reset + stall <= 1 (sum is ${faults})`;
      context.addIssue({ code: 'custom', path: ['phases', index, 'errorRate'], input: phase.errorRate, message });
    }
    if (phase.capacity !== undefined && (profile.workers ?? 1) > phase.capacity) {
      const message = `at most the capacity (${phase.capacity}) >= the workers (${profile.workers})`;
      context.addIssue({ code: 'custom', path: ['phases', index, 'capacity'], input: phase.capacity, message });
    }
  }
}

export type ServerProfile = z.output<typeof serverProfileSchema>;
export type ServerProfileInput = z.input<typeof serverProfileSchema>;

/** One phase with every field decided (the profile's values, changed by this phase and those before it). */
export interface ResolvedPhase {
  /** Begins at request index (or arrival) `afterRequests`, or `afterMs` after the first request since /__reset. */
  readonly afterRequests: number | undefined;
  readonly afterMs: number | undefined;
  readonly latency: LatencyShape;
  readonly faults: { readonly error: number; readonly reset: number; readonly stall: number };
  readonly capacity: number | undefined;
  readonly pauseMs: number;
}

/** A profile with every optional field decided: what the behaviour model and adapters run on. */
export interface ResolvedProfile {
  readonly latency: LatencyShape;
  readonly jitterMs: number;
  readonly seed: number;
  readonly payload: PayloadKind;
  readonly bodyBytes: number;
  readonly bodyBytesPerSecond: number | undefined;
  readonly firstByteDelayMs: number;
  readonly capacity: number | undefined;
  readonly queueLimit: number | undefined;
  readonly rateLimit: { readonly perSecond: number; readonly burst: number } | undefined;
  readonly faults: { readonly error: number; readonly reset: number; readonly stall: number };
  readonly workers: number;
  /** Which worker of a cluster this is (0 alone): salts the arrival-order stream, never the identity draws. */
  readonly workerIndex: number;
  /** Phase 1, 2, ... (phase 0 is the profile itself). */
  readonly phases: readonly ResolvedPhase[];
  readonly recordRequests: boolean;
  /** How service time grows with the requests in service (coherency.ts); both 0 by default. */
  readonly slowdown: Slowdown;
}

function resolveLatency(profile: Omit<ServerProfile, 'seed' | 'bodyBytes' | 'jitterMs'>): LatencyShape {
  const mean = profile.latencyMs;
  const latencyMin = profile.latencyMinMs ?? 0;
  return {
    distribution: profile.latencyDistribution ?? 'fixed',
    meanMs: mean,
    spreadMs: profile.latencySpreadMs ?? mean / 2,
    paretoShape: profile.paretoShape ?? 2,
    minMs: latencyMin,
    maxMs: Math.max(latencyMin, profile.latencyMaxMs ?? Math.min(MAX_MS, 10 * mean)),
  };
}

function resolvePhases(profile: ServerProfile): ResolvedPhase[] {
  let current: ServerProfile = profile;
  return (profile.phases ?? []).map((phase) => {
    const { afterRequests, afterMs, pauseMs } = phase;
    current = {
      ...current,
      latencyMs: phase.latencyMs ?? current.latencyMs,
      latencyDistribution: phase.latencyDistribution ?? current.latencyDistribution,
      latencySpreadMs: phase.latencySpreadMs ?? current.latencySpreadMs,
      capacity: phase.capacity ?? current.capacity,
      errorRate: phase.errorRate ?? current.errorRate,
    };
    return {
      afterRequests,
      afterMs,
      latency: resolveLatency(current),
      faults: { error: current.errorRate ?? 0, reset: current.resetRate ?? 0, stall: current.stallRate ?? 0 },
      capacity: current.capacity,
      pauseMs: pauseMs ?? 0,
    };
  });
}

export function resolveServerProfile(profile: ServerProfile): ResolvedProfile {
  return {
    latency: resolveLatency(profile),
    jitterMs: profile.jitterMs,
    seed: profile.seed,
    payload: profile.payload ?? 'json',
    bodyBytes: profile.bodyBytes,
    bodyBytesPerSecond: profile.bodyBytesPerSecond,
    firstByteDelayMs: profile.firstByteDelayMs ?? 0,
    capacity: profile.capacity,
    queueLimit: profile.queueLimit,
    rateLimit:
      profile.rateLimit === undefined
        ? undefined
        : { perSecond: profile.rateLimit, burst: profile.rateLimitBurst ?? Math.max(1, Math.ceil(profile.rateLimit / 10)) },
    faults: { error: profile.errorRate ?? 0, reset: profile.resetRate ?? 0, stall: profile.stallRate ?? 0 },
    workers: profile.workers ?? 1,
    workerIndex: 0,
    phases: resolvePhases(profile),
    recordRequests: profile.recordRequests ?? false,
    slowdown: { contention: profile.contention ?? 0, coherency: profile.coherency ?? 0 },
  };
}

/** True mean latency the profile produces (distribution after clamping, plus jitter), for ideal bounds. */
export function meanLatencyMs(profile: ServerProfile): number {
  return clampedMeanMs(resolveServerProfile(profile).latency) + profile.jitterMs / 2;
}

/** Requests the server serves at once across all its workers, or undefined when unlimited. */
export function serverCapacity(profile: ServerProfile): number | undefined {
  return profile.capacity;
}
