import type { ResultsFile } from '../results/types.ts';
import { formatBytes } from '../common/format.ts';

/** The environment manifest as label/value pairs, shown by the HTML header and summary.md. */
export function environmentFacts(results: ResultsFile): [label: string, value: string][] {
  const env = results.environment;
  const facts: [string, string | undefined][] = [
    ['Node', `${env.node} (V8 ${env.v8})`],
    ['OS', `${env.platform} ${env.release} ${env.arch}`],
    ['CPU', `${env.cpuModel}, ${env.cores} cores`],
    ['Memory', formatBytes(env.memoryBytes)],
    [
      'Packages',
      Object.entries(env.packages)
        .map(([name, version]) => `${name} ${version}`)
        .join(', ') || 'none recorded',
    ],
    ['Git commit', env.gitCommit],
    ['Profile', results.run.profile],
    ['Seed', results.run.seed === undefined ? 'none (unseeded)' : String(results.run.seed)],
    ['Started', results.run.startedAt],
    ['Finished', results.run.finishedAt],
    ['Tool', `${results.tool.name} ${results.tool.version}`],
  ];
  return facts.filter((fact): fact is [string, string] => fact[1] !== undefined);
}
