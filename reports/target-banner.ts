import type { ResultsFile } from '../results/types.ts';

/** Says which service was measured when it was not the mock server, under which caps, and why it stopped early. */
export function targetBanner(results: ResultsFile): string[] {
  const target = results.run.target;
  if (target === undefined) return [];
  const caps =
    target.maxRatePerSecond === undefined
      ? ''
      : ` (${target.remote ? 'remote, ' : ''}capped at ${target.maxRatePerSecond} requests/s and ${target.maxRequests ?? '?'} requests)`;
  const headers = Object.entries(target.headers).map(([name, value]) => `${name}: ${value}`);
  return [
    `Target: ${target.method} ${target.url}${caps}${headers.length > 0 ? `; headers ${headers.join('; ')}` : ''}. No server model: the ideal and efficiency are n/a; Little's law stands beside each throughput.`,
    ...(target.stoppedBy === undefined ? [] : [`Stopped early at the first sign of distress: ${target.stoppedBy}.`]),
  ];
}
