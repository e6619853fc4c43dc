import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { writeFileAtomically } from '../results/journal.ts';
import { loadResultsFile } from '../results/load.ts';
import { incompleteBanner } from '../reports/incomplete-banner.ts';
import { checkOutputFolder } from '../reports/output-folder.ts';
import { writeRenderings } from '../reports/write-report.ts';
import { EXIT_OK, runMain } from './cli/run-main.ts';
import { parseCommand } from './cli/parse-command.ts';
import { parseOrThrow } from '../common/validation.ts';

const argsSchema = z.object({ results: z.string().min(1), out: z.string().min(1).optional() });

function reportCommand(): Command {
  return new Command('report')
    .description('Re-render index.html, summary.md and charts/*.png from a results.json alone.')
    .argument('<results.json>', 'a results file written by `npm run bench`')
    .option('--out <dir>', 'output folder (default: the folder of the results file)')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
}

await runMain(async () => {
  const command = reportCommand();
  parseCommand(command, process.argv.slice(2));
  const args = parseOrThrow(argsSchema, { results: command.args[0], out: command.opts<{ out?: string }>().out }, { prefix: '--' });
  const source = path.resolve(args.results);
  const results = await loadResultsFile(source);
  const outDir = path.resolve(args.out ?? path.dirname(source));
  await checkOutputFolder(outDir, '--out');
  // The file as written by the run, byte for byte: validation drops keys this version does not know.
  if (path.join(outDir, 'results.json') !== source)
    await writeFileAtomically(path.join(outDir, 'results.json'), await readFile(source, 'utf8'));
  const banner = incompleteBanner(results);
  if (banner) process.stdout.write(`${banner}\n`);
  const report = await writeRenderings(results, outDir);
  for (const note of report.notes) process.stdout.write(`${note}\n`);
  process.stdout.write(`Report: ${path.join(outDir, 'index.html')} (${report.files.length} files)\n`);
  return EXIT_OK;
});
