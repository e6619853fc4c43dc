import path from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { UsageError } from '../common/usage-error.ts';
import { parseOrThrow } from '../common/validation.ts';
import { mergeSegments } from '../harness/merge/merge-runs.ts';
import { renderConsole } from '../reports/console.ts';
import { checkOutputFolder } from '../reports/output-folder.ts';
import { writeReport } from '../reports/write-report.ts';
import { loadResultsFile } from '../results/load.ts';
import { EXIT_OK, runMain } from './cli/run-main.ts';
import { parseCommand } from './cli/parse-command.ts';

const argsSchema = z.object({ files: z.array(z.string().min(1)).min(1), out: z.string().min(1) });

function mergeCommand(): Command {
  return new Command('merge')
    .description('Join the segments of a split run (bench --segment i/N) into one results.json and the full report.')
    .argument('<results.json...>', "every segment's results.json, each exactly once")
    .option('--out <dir>', 'required: the folder for the merged results.json and report')
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
}

await runMain(async () => {
  const command = mergeCommand();
  parseCommand(command, process.argv.slice(2));
  const out = command.opts<{ out?: string }>().out;
  if (out === undefined) throw new UsageError('Expected `--out` (the folder for the merged results.json and report), got nothing');
  const args = parseOrThrow(argsSchema, { files: command.args, out }, { prefix: '--' });
  const outDir = path.resolve(args.out);
  const files = await Promise.all(args.files.map(async (file) => ({ file, results: await loadResultsFile(path.resolve(file)) })));
  const merged = mergeSegments(files);
  await checkOutputFolder(outDir, '--out');
  const report = await writeReport(merged, outDir);
  process.stdout.write(`\n${renderConsole(merged)}\n\n`);
  for (const note of report.notes) process.stdout.write(`${note}\n`);
  process.stdout.write(`Merged ${files.length} segments. Report: ${path.join(outDir, 'index.html')}\n`);
  return EXIT_OK;
});
