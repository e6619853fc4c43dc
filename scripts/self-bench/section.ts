/** One part of `npm run bench:self`: figures measured side by side in one run, and the targets they must meet. */
export interface SelfBenchCheck {
  readonly name: string;
  /** e.g. "ratio 0.97" or "p50 50.8 ms". */
  readonly measured: string;
  /** e.g. ">= 0.9" or "<= 51.5 ms". */
  readonly target: string;
  readonly pass: boolean;
}

export interface SelfBenchSection {
  readonly title: string;
  /** Free-form lines with the raw figures behind the checks. */
  readonly lines: readonly string[];
  readonly checks: readonly SelfBenchCheck[];
}

export type SelfBench = () => Promise<SelfBenchSection>;
