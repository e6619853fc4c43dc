import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { writeFileAtomically } from '../results/journal.ts';
import { loadResultsFile } from '../results/load.ts';
import { loadTuneFile } from '../results/load-tune.ts';
import { readJsonFile } from '../results/read-json-file.ts';
import { writeTuneRenderings } from '../reports/tune/write-tune.ts';
import { incompleteBanner } from '../reports/incomplete-banner.ts';
import { checkOutputFolder } from '../reports/output-folder.ts';
import { writeRenderings } from '../reports/write-report.ts';
import { EXIT_OK, runMain } from './cli/run-main.ts';
import { parseCommand } from './cli/parse-command.ts';
import { parseOrThrow } from '../common/validation.ts';

const argsSchema = z.object({ results: z.string().min(1), out: z.string().min(1).optional() });

function reportCommand(): Command {
  return new Command('report')
    .description('Re-render index.html, summary.md and charts/*.png from a results.json alone, or tune.html from a tune.json.')
    .argument('<file>', 'a results.json written by `npm run bench`, or a tune.json written by `npm run tune`')
    .option('--out <dir>', 'output folder (default: the folder of the results file)')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
}

/** tune.json says `kind: "tune"`; anything else is read as a results.json (and refused there if it is not one). */
async function isTuneFile(source: string): Promise<boolean> {
  const json = await readJsonFile(source, 'results.json or tune.json file');
  return typeof json === 'object' && json !== null && (json as { kind?: unknown }).kind === 'tune';
}

async function reportTune(source: string, outDir: string): Promise<number> {
  const tune = await loadTuneFile(source);
  await checkOutputFolder(outDir, '--out');
  if (path.join(outDir, 'tune.json') !== source) await writeFileAtomically(path.join(outDir, 'tune.json'), await readFile(source, 'utf8'));
  const written = await writeTuneRenderings(tune, outDir);
  for (const note of written.notes) process.stdout.write(`${note}\n`);
  process.stdout.write(`Report: ${path.join(outDir, 'tune.html')} (${written.files.length} files)\n`);
  return EXIT_OK;
}

await runMain(async () => {
  const command = reportCommand();
  parseCommand(command, process.argv.slice(2));
  const args = parseOrThrow(argsSchema, { results: command.args[0], out: command.opts<{ out?: string }>().out }, { prefix: '--' });
  const source = path.resolve(args.results);
  const outDir = path.resolve(args.out ?? path.dirname(source));
  if (await isTuneFile(source)) return await reportTune(source, outDir);
  const results = await loadResultsFile(source);
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
