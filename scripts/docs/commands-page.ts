import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DIST_ROOT, PROJECT_ROOT } from '../../common/project-root.ts';

const run = promisify(execFile);

export const COMMANDS_PAGE = path.join(PROJECT_ROOT, 'docs', 'commands.md');

/** Every command a user runs, in the README's order: its npm script and the compiled file behind it. */
export const COMMANDS: readonly { readonly npm: string; readonly file: string; readonly summary: string }[] = [
  { npm: 'bench', file: 'bench.js', summary: 'measure scenarios (or your service) through every model and write a report' },
  { npm: 'tune', file: 'tune.js', summary: 'find the limit, pool size and connections a workload should use' },
  {
    npm: 'calibrate',
    file: 'calibrate.js',
    summary: 'sample your service and write its twin, a scenario whose mock server behaves like it',
  },
  { npm: 'compare', file: 'compare.js', summary: 'two runs side by side, with significance and accuracy' },
  { npm: 'merge', file: 'merge.js', summary: 'join the segments of a split run into one results file and report' },
  { npm: 'report', file: 'report.js', summary: 'render the report again from a results.json alone' },
  { npm: 'mock-server', file: 'mock-server.js', summary: 'serve the mock API on 127.0.0.1 until stopped' },
  { npm: 'bench:self', file: 'self-bench.js', summary: 'measure the suite itself against its targets' },
];

/**
 * Defaults that depend on the machine (the cores) are printed as on a 2-core machine, so the page is the same
 * wherever it is generated or tested; a user's own `--help` shows theirs.
 */
const DOCUMENTED_CORES = 2;
const FIXED_CORES = `data:text/javascript,import os from "node:os"; os.availableParallelism = () => ${DOCUMENTED_CORES};`;

/** What `npm run <command> -- --help` prints: the compiled script run with `--help`, 80 columns, no colour. */
async function helpText(file: string): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.npm_lifecycle_event;
  const { stdout } = await run(process.execPath, ['--import', FIXED_CORES, path.join(DIST_ROOT, 'scripts', file), '--help'], {
    env,
    timeout: 30_000,
  });
  return stdout.trimEnd();
}

/** docs/commands.md: every command's own `--help`, so the help and the page cannot disagree. */
export async function commandsPage(): Promise<string> {
  const sections = await Promise.all(
    COMMANDS.map(
      async (command) => `## npm run ${command.npm}\n\n${command.summary}.\n\n\`\`\`text\n${await helpText(command.file)}\n\`\`\`\n`,
    ),
  );
  return [
    '# Commands',
    '',
    "<!-- Written by `npm run docs` from every command's --help: edit the commands, not this page. -->",
    '',
    'Every command as its `--help` prints it. Flags go after `--` (`npm run bench -- --scenario io-bound`): without it',
    'npm keeps them for itself. Defaults that depend on the machine are shown as on a machine with',
    `${DOCUMENTED_CORES} cores; \`npm run <command> -- --help\` shows yours. Bad input is one line and exit 2, a failed run exit 1.`,
    '',
    ...COMMANDS.map((command) => `- [npm run ${command.npm}](#${anchorOf(`npm run ${command.npm}`)}): ${command.summary}`),
    '',
    ...sections,
  ].join('\n');
}

/** GitHub's anchor for a heading: lower case, punctuation other than `-` and `_` dropped, spaces as `-`. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
