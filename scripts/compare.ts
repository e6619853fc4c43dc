import path from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { PROJECT_ROOT } from '../common/project-root.ts';
import { compareRuns } from '../harness/compare/compare-runs.ts';
import { regressions } from '../harness/compare/regressions.ts';
import { formatChange } from '../reports/compare/comparison-table.ts';
import { renderComparisonConsole } from '../reports/compare/console.ts';
import { renderComparisonHtml } from '../reports/compare/html.ts';
import { renderComparisonMarkdown } from '../reports/compare/markdown.ts';
import { differingSettings } from '../reports/compare/setup-text.ts';
import { writeFileAtomically } from '../results/journal.ts';
import { loadResultsFile } from '../results/load.ts';
import { checkOutputFolder } from '../reports/output-folder.ts';
import { EXIT_FAILED, EXIT_OK, runMain } from './cli/run-main.ts';
import { parseCommand } from './cli/parse-command.ts';
import { numeric, parseOrThrow } from '../common/validation.ts';

const argsSchema = z.object({
  base: z.string().min(1),
  current: z.string().min(1),
  out: z.string().min(1).optional(),
  failOnRegression: z.number().min(0).max(100).optional(),
});

function compareCommand(): Command {
  return new Command('compare')
    .description(
      'Compare two results.json files: their set-up differences, then per matched row (runner, limiter, layout, concurrency, rate) ' +
        "the throughput improvement with Welch's t-test stars and accuracy, as Node core's benchmark/compare.R prints them.",
    )
    .argument('<base.json>', 'the results to compare against')
    .argument('<new.json>', 'the results to judge')
    .option('--out <dir>', 'folder for compare.html and compare.md (default: a new folder under reports/out/)')
    .option('--fail-on-regression <pct>', 'exit 1 when a significant throughput drop exceeds this percentage')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
}

await runMain(async () => {
  const command = compareCommand();
  parseCommand(command, process.argv.slice(2));
  const flags = command.opts<{ out?: string; failOnRegression?: string }>();
  const args = parseOrThrow(
    argsSchema,
    { base: command.args[0], current: command.args[1], out: flags.out, failOnRegression: numeric(flags.failOnRegression) },
    { prefix: '--', names: { failOnRegression: 'fail-on-regression' } },
  );
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = path.resolve(args.out ?? path.join(PROJECT_ROOT, 'reports', 'out', `compare-${stamp}`));
  const [base, current] = [await loadResultsFile(args.base), await loadResultsFile(args.current)];
  await checkOutputFolder(outDir, '--out');
  const comparison = compareRuns(base, current);
  process.stdout.write(`${renderComparisonConsole(comparison)}\n`);
  const files = { base: path.resolve(args.base), current: path.resolve(args.current) };
  const page = path.join(outDir, 'compare.html');
  const markdown = path.join(outDir, 'compare.md');
  await writeFileAtomically(page, renderComparisonHtml(comparison, files));
  await writeFileAtomically(markdown, renderComparisonMarkdown(comparison, files));
  process.stdout.write(`Comparison page: ${page}\nMarkdown: ${markdown}\n`);
  if (args.failOnRegression === undefined) return EXIT_OK;
  const failed = regressions(comparison, args.failOnRegression);
  for (const { scenarioId, row } of failed) {
    process.stdout.write(
      `Regression over ${args.failOnRegression}%: ${scenarioId} ${row.label} throughput ${formatChange(row.improvement, 2)} (p=${row.test?.pValue.toPrecision(2) ?? 'n/a'})\n`,
    );
  }
  if (failed.length > 0 && comparison.setup.differences.length > 0) {
    process.stdout.write(`The set-ups differ (${differingSettings(comparison.setup)}): the regression may come from them (see the top).\n`);
  }
  return failed.length > 0 ? EXIT_FAILED : EXIT_OK;
});
