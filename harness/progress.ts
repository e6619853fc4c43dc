/** What the harness reports while it works; the CLI decides how to show it. */
export interface Progress {
  scenario(title: string, index: number, total: number): void;
  level(label: string, index: number, total: number): void;
  iteration(done: number, total: number): void;
  note(message: string): void;
  /** Ends the display before the results are printed. */
  stop(): void;
}

export const silentProgress: Progress = {
  scenario() {},
  level() {},
  iteration() {},
  note() {},
  stop() {},
};

/** Plain lines on stderr: for CI logs and pipes, where a redrawn bar would be noise. */
export function lineProgress(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Progress {
  let started = Date.now();
  return {
    scenario(title, index, total) {
      write(`[${index + 1}/${total}] ${title}`);
    },
    level(label, index, total) {
      started = Date.now();
      write(`  (${index + 1}/${total}) ${label} ...`);
    },
    iteration(done, total) {
      if (done === total) write(`      ${total} iterations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
    note(message) {
      write(`  ${message}`);
    },
    stop() {},
  };
}
