import type { Parser as HtmlParser } from 'htmlparser2';
import type { CpuWork } from './work-schema.ts';

export type { CpuWork } from './work-schema.ts';

export const NO_WORK: CpuWork = { kind: 'none' };

/** How many busy-loop rounds make one millisecond of CPU on this host (see calibrate.ts). */
export interface BusyRate {
  readonly busyRoundsPerMs: number;
}

export function needsBody(work: CpuWork): boolean {
  return work.kind === 'json' || work.kind === 'html';
}

/** A deterministic integer mix the optimiser cannot skip: its result feeds the next round. */
export function busyRounds(rounds: number, seed = 0x9e3779b9): number {
  let x = seed | 0;
  for (let i = 0; i < rounds; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  return x;
}

// Loaded only by a process whose work is `html` (prepareWork): every other model host starts ~50 ms sooner.
let Parser: typeof HtmlParser | undefined;

/** Loads what the work needs before a batch runs it (the HTML parser for `html`), so no request waits for a module. */
export async function prepareWork(work: CpuWork): Promise<void> {
  if (work.kind === 'html' && Parser === undefined) Parser = (await import('htmlparser2')).Parser;
}

/** Extracts the links of an HTML page with a real streaming parser (the requests + BeautifulSoup step). */
export function extractLinks(html: string): string[] {
  if (Parser === undefined) throw new Error('extractLinks before prepareWork({ kind: "html" })');
  const links: string[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === 'a' && attributes.href) links.push(attributes.href);
    },
  });
  parser.write(html);
  parser.end();
  return links;
}

/** Does the work and returns a number derived from it, so the work cannot be optimised away. */
export function doWork(work: CpuWork, body: string, busyRate: BusyRate): number {
  switch (work.kind) {
    case 'none':
      return 0;
    case 'json':
      return Object.keys(JSON.parse(body) as object).length;
    case 'html':
      return extractLinks(body).length;
    case 'busy':
      return busyRounds(Math.round(work.ms * busyRate.busyRoundsPerMs));
  }
}
