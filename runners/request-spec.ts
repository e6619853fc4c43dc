/** What to send instead of a plain GET: a user's own service may want another method, headers or a body. */
export interface RequestSpec {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Sent as UTF-8 text; absent for no body. */
  readonly body?: string | undefined;
}

/** A client-side cap on requests per second for one process or thread (the run's cap split across workers). */
export interface RateCapSpec {
  readonly perSecond: number;
}
