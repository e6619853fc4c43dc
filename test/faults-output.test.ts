import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { assertNoProcessLeft, loadJournal, runWithMarker, states, tempDir } from './support/fault-run.ts';

const TINY = ['--scenario', 'io-bound', '--runners', 'promise-concurrent', '--requests', '8', '--latency', '5'];
const TINY_LEVELS = ['--concurrency', '2', '--iterations', '1', '--warmup', '0'];
const mounts: string[] = [];
const dirs: string[] = [];

/** A small tmpfs (root only): a real full disk or a read-only folder. Undefined where mounting is not allowed. */
function mountTmpfs(dir: string, options: string): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    mounts.push(dir);
    return dir;
  } catch {
    return undefined;
  }
}

after(async () => {
  for (const dir of mounts) execFileSync('umount', [dir], { stdio: 'ignore' });
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function dir(): Promise<string> {
  const made = await tempDir('cb-faults-out-');
  dirs.push(made);
  return made;
}

describe('output checked before measuring', () => {
  const bad: [string, () => Promise<string | undefined>][] = [
    ['/proc (mkdir answers ENOENT there: recursive mkdir used to loop forever)', async () => '/proc/forbidden'],
    ['a path under a file (ENOTDIR)', async () => '/etc/hostname/x'],
    ['a read-only folder', async () => mountTmpfs(await dir(), 'ro,size=64k')],
  ];
  for (const [name, outDir] of bad) {
    test(`${name}: one line, exit 2, nothing measured, no process left`, async (t) => {
      const out = await outDir();
      if (!out) return t.skip('cannot mount a read-only tmpfs here');
      const run = await runWithMarker('bench.ts', [...TINY, ...TINY_LEVELS, '--out', path.join(out, 'report')], { timeoutMs: 15_000 });
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, /^Expected `--out` to be a writable folder, got `.+` \(cannot .+: E[A-Z]+/);
      // Nothing was measured: that one line is all of stderr, where every scenario and level would be announced.
      await assertNoProcessLeft(run);
    });
  }

  test('tune checks its output folder before measuring', async () => {
    const tune = await runWithMarker('tune.ts', ['--out', '/proc/forbidden'], { timeoutMs: 15_000 });
    assert.equal(tune.code, 2, tune.stderr);
    assert.match(tune.stderr, /^Expected `--out` to be a writable folder, got `\/proc\/forbidden`/);
    await assertNoProcessLeft(tune);
  });

  test('a full disk while writing the report: results.json stays valid and complete, the failure is named, exit 1', async (t) => {
    const out = mountTmpfs(await dir(), 'size=64k');
    if (!out) return t.skip('cannot mount a small tmpfs here');
    const run = await runWithMarker('bench.ts', [...TINY, ...TINY_LEVELS, '--out', out], { timeoutMs: 30_000 });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /Report incomplete: Cannot write .*index\.html: ENOSPC.*results\.json is written/);
    const results = await loadJournal(out);
    assert.equal(results.run.complete, true);
    assert.deepEqual(states(results), ['2:completed']);
    assert.ok(!(await readdir(out)).includes('index.html'), 'no half-written page is left looking like a report');
    await assertNoProcessLeft(run);
  });

  test('an incomplete journal renders like a finished run, with a banner in HTML, Markdown and on the console', async () => {
    const out = await dir();
    const run = await runWithMarker('bench.ts', [...TINY, ...TINY_LEVELS, '--out', out], { timeoutMs: 30_000 });
    assert.equal(run.code, 0, run.stderr);
    const journal = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as { run: { complete: boolean } };
    journal.run.complete = false;
    await writeFile(path.join(out, 'results.json'), JSON.stringify(journal));
    const report = await runWithMarker('report.ts', [path.join(out, 'results.json')], { timeoutMs: 30_000 });
    assert.equal(report.code, 0, report.stderr);
    assert.match(report.stdout, /^Incomplete run: it was interrupted or ended before finishing/);
    assert.match(await readFile(path.join(out, 'index.html'), 'utf8'), /<p class="partial">Incomplete run/);
    assert.match(await readFile(path.join(out, 'summary.md'), 'utf8'), /> \*\*Incomplete run/);
    const source = path.join(out, 'results.json');
    const compare = await runWithMarker('compare.ts', [source, source, '--out', '/proc/forbidden'], { timeoutMs: 15_000 });
    assert.equal(compare.code, 2, compare.stderr);
    assert.equal(compare.stdout, '', 'compare checks its folder before printing a comparison');
    assert.match(compare.stderr, /^Expected `--out` to be a writable folder, got `\/proc\/forbidden`/);
  });
});
