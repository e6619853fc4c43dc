import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { copyToLatest } from '../reports/write-report.ts';

test('runs finishing at once each swap a whole report into latest/: never an error, a mix or a leftover', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'cb-latest-'));
  try {
    const runs = await Promise.all(
      Array.from({ length: 6 }, async (_, index) => {
        const dir = path.join(root, `run-${index}`);
        await mkdir(path.join(dir, 'charts'), { recursive: true });
        await writeFile(path.join(dir, 'results.json'), `run ${index}`);
        await writeFile(path.join(dir, 'charts', 'a.png'), `run ${index}`);
        return dir;
      }),
    );
    const latest = path.join(root, 'latest');
    await Promise.all(runs.map((dir) => copyToLatest(dir, latest)));
    const winner = await readFile(path.join(latest, 'results.json'), 'utf8');
    assert.match(winner, /^run \d$/);
    assert.equal(await readFile(path.join(latest, 'charts', 'a.png'), 'utf8'), winner, 'one run whole, not a mix');
    assert.deepEqual(
      (await readdir(root)).filter((name) => name.startsWith('latest')),
      ['latest'],
      'no staging or retired copy left',
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
