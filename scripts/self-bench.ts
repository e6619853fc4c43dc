import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { stopAllChildren } from '../common/child-processes.ts';
import { PROJECT_ROOT } from '../common/project-root.ts';
import { UsageError } from '../common/usage-error.ts';
import { EXIT_FAILED, EXIT_OK, runMain } from './cli/run-main.ts';
import { parseCommand } from './cli/parse-command.ts';
import { performancePage, type PartRun } from './self-bench/performance-page.ts';
import type { SelfBench, SelfBenchSection } from './self-bench/section.ts';
import { measuredCommit, watchMachine } from './self-bench/watch-machine.ts';
import { STEAL_WARNING_SHARE } from '../harness/measure/steal.ts';

// Each part measures one promise of the product (speed, fidelity, overhead) side by side in one run.
// `optIn` parts run only when named (repeat takes three default runs).
const parts: readonly { readonly id: string; readonly optIn?: boolean; readonly load: () => Promise<SelfBench> }[] = [
  { id: 'runners', load: async () => (await import('./self-bench/runners.ts')).runnersSelfBench },
  { id: 'limiters', load: async () => (await import('./self-bench/runners.ts')).limitersSelfBench },
  { id: 'python', load: async () => (await import('./self-bench/python-harness-cost.ts')).pythonSelfBench },
  { id: 'mock-server', load: async () => (await import('./self-bench/mock-server.ts')).mockServerSelfBench },
  { id: 'repeat', optIn: true, load: async () => (await import('./self-bench/repeat.ts')).repeatSelfBench },
];
const partIds = parts.map((part) => part.id);

const PERFORMANCE_PAGE = path.join(PROJECT_ROOT, 'docs', 'performance.md');

function selfBenchCommand(): Command {
  return new Command('bench:self')
    .description(
      'Measure the suite itself against its targets, side by side in one run: what the harness costs each model ' +
        'against a bare loop (runners), the limiters against lanes (limiters), the Python host against a bare aiohttp loop ' +
        '(python), the mock server against plain ' +
        'node:http (mock-server), and three default runs for repeatability (repeat, only when named).',
    )
    .argument('[parts...]', `parts to run: ${partIds.join(', ')} (default: all but repeat)`)
    .option('--write', 'write docs/performance.md: the parts run now with date, machine and commit; other parts keep their section')
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
}

function print(section: SelfBenchSection): void {
  process.stdout.write(`\n== ${section.title}\n`);
  for (const line of section.lines) process.stdout.write(`   ${line}\n`);
  for (const check of section.checks) {
    process.stdout.write(`   [${check.pass ? 'PASS' : 'FAIL'}] ${check.name}: ${check.measured} (target ${check.target})\n`);
  }
}

async function writePerformancePage(runs: readonly PartRun[]): Promise<void> {
  const previous = await readFile(PERFORMANCE_PAGE, 'utf8').catch(() => undefined);
  await writeFile(PERFORMANCE_PAGE, performancePage(previous, runs, partIds));
  process.stdout.write(`\nWrote ${path.relative(process.cwd(), PERFORMANCE_PAGE)} (${runs.map((run) => run.part).join(', ')})\n`);
}

await runMain(async () => {
  const command = selfBenchCommand();
  parseCommand(command, process.argv.slice(2));
  const only = command.args;
  const unknown = only.find((id) => !partIds.includes(id));
  if (unknown !== undefined) throw new UsageError(`Expected each part to be one of ${partIds.join(', ')}, got \`${unknown}\``);
  const write = command.opts<{ write?: boolean }>().write === true;
  const commit = measuredCommit();
  const runs: PartRun[] = [];
  let failed = false;
  try {
    for (const part of parts) {
      if (only.length > 0 ? !only.includes(part.id) : part.optIn === true) continue;
      const machine = watchMachine();
      const section = await (await part.load())();
      print(section);
      const seen = machine();
      runs.push({ part: part.id, section, finishedAt: new Date(), commit, machine: seen });
      const share = seen.stealShare;
      if (share !== undefined) {
        const verdict = share > STEAL_WARNING_SHARE ? ': the host was busy, rerun for figures to quote' : '';
        process.stdout.write(`   steal time during this part: ${(share * 100).toFixed(1)}% of CPU time${verdict}\n`);
      }
      failed ||= section.checks.some((check) => !check.pass);
    }
  } finally {
    await stopAllChildren();
    // What ran before a failure is still written.
    if (write && runs.length > 0) await writePerformancePage(runs);
  }
  return failed ? EXIT_FAILED : EXIT_OK;
});
