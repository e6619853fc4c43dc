import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { PROJECT_ROOT } from '../common/project-root.ts';
import { loadResultsFile } from '../results/load.ts';
import { EXIT_OK, runMain } from './cli/run-main.ts';
import { parseCommand } from './cli/parse-command.ts';
import { COMMANDS, COMMANDS_PAGE, commandsPage } from './docs/commands-page.ts';

const OVERVIEW_PNG = path.join(PROJECT_ROOT, 'docs', 'overview.png');

function docsCommand(): Command {
  return new Command('docs')
    .description("Write docs/commands.md from every command's --help; with --overview, docs/overview.png from a run's report.")
    .option('--overview <results.json>', "a real run's results.json: its report's overview section becomes docs/overview.png")
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
}

await runMain(async () => {
  const command = docsCommand();
  parseCommand(command, process.argv.slice(2));
  const { overview } = command.opts<{ overview?: string }>();
  // Read before anything is written: a wrong file is one line and exit 2, with the docs untouched.
  const results = overview === undefined ? undefined : await loadResultsFile(path.resolve(overview));
  await writeFile(COMMANDS_PAGE, await commandsPage());
  process.stdout.write(`Wrote ${path.relative(process.cwd(), COMMANDS_PAGE)} (${COMMANDS.length} commands)\n`);
  if (results !== undefined) {
    const { screenshotOverview } = await import('./docs/overview-shot.ts');
    await screenshotOverview(results, OVERVIEW_PNG);
    process.stdout.write(`Wrote ${path.relative(process.cwd(), OVERVIEW_PNG)} from ${overview}\n`);
  }
  return EXIT_OK;
});
