import { formatBytes } from '../../common/format.ts';
import type { SelfBenchSection } from './section.ts';

/** The machine a part ran on, and how busy it was meanwhile. */
export interface PartMachine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly node: string;
  /** The 1-minute load average, lowest and highest seen while the part ran. */
  readonly loadAverage: { readonly min: number; readonly max: number };
  /** CPU time the hypervisor gave to other guests during the part (0..1); undefined where /proc/stat is missing. */
  readonly stealShare: number | undefined;
}

/** One part of `npm run bench:self` as it ran: what it measured, when, at which commit, on what. */
export interface PartRun {
  /** The part's id, as named on the command line (`runners`, `limiters`, ...). */
  readonly part: string;
  readonly section: SelfBenchSection;
  readonly finishedAt: Date;
  /** `1ad77ed`, with a note when the working tree had uncommitted changes. */
  readonly commit: string;
  readonly machine: PartMachine;
}

const HEADER = [
  '# Performance',
  '',
  '<!-- Written by `npm run bench:self -- --write`: never edit by hand. A part run again replaces its own section. -->',
  '',
  'What `npm run bench:self` measured of the suite itself: the harness cost of each model against bare loops, the',
  'limiters against lanes, the mock server against plain node:http, the repeatability of the default run. Every',
  'section is one part as it ran, with its date, commit and machine; parts that did not run in the latest',
  '`--write` keep their earlier section. On a shared machine single figures move by tens of percent: read the',
  'ratios measured side by side in one run, and the load average and steal time beside them.',
  '[measurement.md](measurement.md) says what each figure means; [commands.md](commands.md#npm-run-benchself) how',
  'to run a part.',
].join('\n');

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function machineLine(run: PartRun): string {
  const { machine } = run;
  const load =
    machine.loadAverage.min === machine.loadAverage.max
      ? `${machine.loadAverage.min.toFixed(2)}`
      : `${machine.loadAverage.min.toFixed(2)} to ${machine.loadAverage.max.toFixed(2)}`;
  const steal = machine.stealShare === undefined ? 'steal time unknown' : `steal time ${(machine.stealShare * 100).toFixed(1)}%`;
  return (
    `Measured ${run.finishedAt.toISOString()} at commit \`${run.commit}\` on ${machine.cpuModel}, ${machine.cores} cores, ` +
    `${formatBytes(machine.memoryBytes)}, Node ${machine.node}; 1-minute load average ${load} during the part, ${steal}.`
  );
}

/** One part's section, between markers that let the next `--write` find and replace it. */
function partSection(run: PartRun): string {
  const { section } = run;
  const checks =
    section.checks.length === 0
      ? ['No checks in this part.']
      : [
          '| check | measured | target | result |',
          '| --- | --- | --- | --- |',
          ...section.checks.map(
            (check) => `| ${cell(check.name)} | ${cell(check.measured)} | ${cell(check.target)} | ${check.pass ? 'PASS' : '**FAIL**'} |`,
          ),
        ];
  return [
    `<!-- part ${run.part} -->`,
    `## ${run.part}: ${section.title}`,
    '',
    machineLine(run),
    '',
    ...checks,
    '',
    '```text',
    ...section.lines,
    '```',
    `<!-- /part ${run.part} -->`,
  ].join('\n');
}

/** The sections of an earlier page, by part id, as they were written. */
function sectionsOf(page: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const match of page.matchAll(/<!-- part (\S+) -->\n[\s\S]*?<!-- \/part \1 -->/g)) {
    const [text, part] = match;
    if (part !== undefined) sections.set(part, text);
  }
  return sections;
}

/**
 * docs/performance.md: the parts that ran now, and the earlier page's sections of every part that did not, in the
 * order of `partOrder` (parts the suite no longer has, after them).
 */
export function performancePage(previous: string | undefined, runs: readonly PartRun[], partOrder: readonly string[]): string {
  const sections = sectionsOf(previous ?? '');
  for (const run of runs) sections.set(run.part, partSection(run));
  const known = partOrder.filter((part) => sections.has(part));
  const others = [...sections.keys()].filter((part) => !partOrder.includes(part));
  return `${[HEADER, ...[...known, ...others].map((part) => sections.get(part) ?? '')].join('\n\n')}\n`;
}
