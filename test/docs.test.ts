import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { PROJECT_ROOT } from '../common/project-root.ts';
import { anchorOf, COMMANDS_PAGE, commandsPage } from '../scripts/docs/commands-page.ts';
import { performancePage, type PartRun } from '../scripts/self-bench/performance-page.ts';
import { runCli } from './support/run-cli.ts';

const README = path.join(PROJECT_ROOT, 'README.md');
const DOCS = path.join(PROJECT_ROOT, 'docs');

async function markdownFiles(): Promise<string[]> {
  const pages = (await readdir(DOCS)).filter((name) => name.endsWith('.md')).map((name) => path.join(DOCS, name));
  return [README, ...pages];
}

/** The text a reader sees as prose: fenced blocks and code spans hold examples, not links. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Every link and image target in a page, as written: `[text](target)` and `![alt](target "title")`. */
function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1] ?? '');
}

/** The anchors GitHub gives a page's headings, repeated headings numbered as it numbers them. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const match of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = anchorOf((match[1] ?? '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

describe('docs', () => {
  test('README.md stays short: at most 200 lines', async () => {
    const lines = (await readFile(README, 'utf8')).trimEnd().split('\n').length;
    assert.ok(lines <= 200, `README.md has ${lines} lines`);
  });

  test("docs/commands.md is what every command's --help prints now (run `npm run docs` after changing a flag)", async () => {
    const written = await readFile(COMMANDS_PAGE, 'utf8');
    assert.equal(written, await commandsPage());
  });

  test('every relative link in README.md and docs/*.md points at a file that exists, and at a heading it has', async () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of await markdownFiles()) {
      const text = await readFile(file, 'utf8');
      for (const target of linkTargets(text)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
        checked += 1;
        const [pathPart = '', anchor] = target.split('#');
        const resolved = pathPart === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(pathPart));
        const where = `${path.relative(PROJECT_ROOT, file)}: ${target}`;
        if (!existsSync(resolved)) {
          broken.push(`${where} (no such file)`);
          continue;
        }
        if (anchor !== undefined && anchor !== '' && resolved.endsWith('.md')) {
          if (!anchors(await readFile(resolved, 'utf8')).has(anchor)) broken.push(`${where} (no such heading)`);
        }
      }
    }
    assert.deepEqual(broken, []);
    assert.ok(checked > 20, `only ${checked} relative links found: the link pattern is likely broken`);
  });

  test('the link check itself finds a missing file and a missing heading', () => {
    const page = '# One\n## Two words\n[a](#two-words) [b](#three) `[c](nowhere.md)`\n```\n[d](nowhere.md)\n```\n[e](x.md "t")\n';
    assert.deepEqual(linkTargets(page), ['#two-words', '#three', 'x.md']);
    assert.deepEqual([...anchors(page)], ['one', 'two-words']);
  });
});

function fakeRun(part: string, overrides: Partial<PartRun> = {}): PartRun {
  return {
    part,
    section: {
      title: `${part} title`,
      lines: [`${part} raw line 1`, `${part} raw line 2`],
      checks: [
        { name: `${part} ratio`, measured: '0.97', target: '>= 0.95', pass: true },
        { name: `${part} p99 | pipe`, measured: '+7.1 ms', target: '<= +2 ms', pass: false },
      ],
    },
    finishedAt: new Date('2026-12-01T10:00:00Z'),
    commit: 'aaaaaaa',
    machine: {
      cpuModel: 'Test CPU',
      cores: 2,
      memoryBytes: 8 * 1024 ** 3,
      node: '20.20.2',
      loadAverage: { min: 0.5, max: 1.25 },
      stealShare: 0.004,
    },
    ...overrides,
  };
}

describe('docs/performance.md writer (npm run bench:self -- --write)', () => {
  const order = ['runners', 'limiters', 'mock-server'];

  test('a part is written with its date, machine, commit, checks and raw lines', () => {
    const page = performancePage(undefined, [fakeRun('limiters')], order);
    assert.match(page, /^# Performance\n/);
    assert.match(page, /Measured 2026-12-01T10:00:00\.000Z at commit `aaaaaaa` on Test CPU, 2 cores, 8\.0 GiB, Node 20\.20\.2/);
    assert.match(page, /load average 0\.50 to 1\.25 during the part, steal time 0\.4%/);
    assert.match(page, /\| limiters ratio \| 0\.97 \| >= 0\.95 \| PASS \|/);
    assert.match(page, /\| limiters p99 \\\| pipe \| \+7\.1 ms \| <= \+2 ms \| \*\*FAIL\*\* \|/);
    assert.match(page, /```text\nlimiters raw line 1\nlimiters raw line 2\n```/);
  });

  test('running one part keeps the sections of the others, each with its own date and commit', () => {
    const first = performancePage(undefined, [fakeRun('limiters'), fakeRun('mock-server')], order);
    const later = fakeRun('runners', { finishedAt: new Date('2026-12-02T08:00:00Z'), commit: 'bbbbbbb' });
    const second = performancePage(first, [later], order);
    assert.match(second, /## runners: runners title\n\nMeasured 2026-12-02T08:00:00\.000Z at commit `bbbbbbb`/);
    assert.match(second, /## limiters: limiters title\n\nMeasured 2026-12-01T10:00:00\.000Z at commit `aaaaaaa`/);
    assert.match(second, /## mock-server: mock-server title\n\nMeasured 2026-12-01T10:00:00\.000Z at commit `aaaaaaa`/);
    const headings = [...second.matchAll(/^## (\S+):/gm)].map((match) => match[1]);
    assert.deepEqual(headings, order);
    // The same part again replaces its section rather than adding one.
    const third = performancePage(second, [fakeRun('limiters', { commit: 'ccccccc' })], order);
    assert.equal([...third.matchAll(/^## limiters:/gm)].length, 1);
    assert.match(third, /## limiters: limiters title\n\nMeasured [^\n]* at commit `ccccccc`/);
    assert.match(third, /at commit `bbbbbbb`/);
  });

  test('a section of a part the suite no longer has is kept after the known ones', () => {
    const old = performancePage(undefined, [fakeRun('retired')], order);
    const page = performancePage(old, [fakeRun('runners')], order);
    assert.deepEqual(
      [...page.matchAll(/^## (\S+):/gm)].map((match) => match[1]),
      ['runners', 'retired'],
    );
  });
});

describe('bad input to the docs commands', () => {
  test('bench:self with an unknown part: one line, exit 2, nothing measured', async () => {
    const run = await runCli('self-bench.ts', ['runner'], { timeoutMs: 30_000 });
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'Expected each part to be one of runners, limiters, python, mock-server, repeat, got `runner`\n');
    assert.equal(run.stdout, '');
  });

  test('docs --overview with a file that is not there: one line, exit 2, no page written', async () => {
    const run = await runCli('docs.ts', ['--overview', path.join(PROJECT_ROOT, 'no-such-results.json')], { timeoutMs: 30_000 });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^Cannot read results\.json file `.*no-such-results\.json` \(ENOENT\)\n$/);
    assert.equal(run.stdout, '');
  });
});
