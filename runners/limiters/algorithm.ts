/** One finished request, as an adaptive algorithm sees it. */
export interface AlgorithmSample {
  readonly rttMs: number;
  /** Requests in flight when this one started, itself included (as Netflix's AbstractLimiter passes it). */
  readonly inFlight: number;
  /** 429, 503, timeout: a "drop" in Netflix's terms, "back pressure" in Vector's. */
  readonly backpressure: boolean;
  /** It succeeded. A failure without back-pressure is ignored, like Netflix's onIgnore(). */
  readonly ok: boolean;
  readonly nowMs: number;
}

/** A pure limit algorithm: no timers, no I/O; time arrives in the samples, so tests can simulate it. */
export interface LimitAlgorithm {
  /** The current limit, an integer in [1, max]. */
  readonly limit: number;
  /** Only for algorithms that watch starts (Vector's ARC: "the limit was reached"). */
  onStart?(inFlight: number, nowMs: number): void;
  /** Feeds one finished request; returns the new limit. */
  onSample(sample: AlgorithmSample): number;
}

/** Bounds every algorithm takes; `max` is the `--concurrency` value. */
export interface LimitBounds {
  readonly max: number;
  readonly initialLimit?: number | undefined;
  readonly minLimit?: number | undefined;
}

/** Optional settings; an explicit undefined means the default. */
export type Overrides<T> = { [K in keyof T]?: T[K] | undefined };

/** The defaults' keys, each from `overrides` unless undefined there; resolved once per algorithm. */
export function resolveSettings<T extends object>(defaults: T, overrides: Overrides<T>): Readonly<T> {
  const settings = { ...defaults };
  for (const key of Object.keys(defaults) as Array<keyof T>) {
    const value = overrides[key];
    if (value !== undefined) settings[key] = value as T[keyof T];
  }
  return settings;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Integer bounds with min <= initial <= max. */
export function resolveBounds(bounds: LimitBounds, defaultInitial: number): { min: number; max: number; initial: number } {
  const max = Math.max(1, Math.floor(bounds.max));
  const min = clamp(Math.floor(bounds.minLimit ?? 1), 1, max);
  return { min, max, initial: clamp(Math.floor(bounds.initialLimit ?? defaultInitial), min, max) };
}
