export type ResponseHeaders = Readonly<Record<string, string>>;

/** How an adapter (node:http, msw) writes one answer; the mock service decides what and when. */
export interface ResponseSink {
  head(status: number, headers: ResponseHeaders): void;
  /** Send the head now rather than with the first body bytes (for a slow first byte or body). */
  flush(): void;
  write(chunk: Buffer): void;
  /** A string chunk is latin1 (ASCII bodies only: its length is its byte length). */
  end(chunk?: Buffer | string): void;
  /** Drop the connection without an answer (a TCP reset where the transport has one). */
  reset(): void;
}
