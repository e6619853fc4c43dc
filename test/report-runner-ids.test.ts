import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../common/project-root.ts';
import { runnerIds } from '../runners/registry.ts';

/** reports/tune/ is being moved onto its own contract by another branch; everything else in reports/ is checked. */
const LEFT_OUT = 'tune';

test('no report source names a runner id: every fact about a runner comes from results.json', async () => {
  const folder = path.join(PROJECT_ROOT, 'reports');
  const files = (await readdir(folder, { recursive: true }))
    .filter((file) => file.endsWith('.ts') && file.split(path.sep)[0] !== LEFT_OUT)
    .map((file) => path.join(folder, file));
  assert.ok(files.length > 20, `found ${files.length} sources`);
  // A quoted id opens a literal comparison or a per-runner table; the Python runners' ids all start the same way.
  const literals = [...runnerIds(), 'python-'].flatMap((id) => ["'", '"', '`'].map((quote) => `${quote}${id}`));
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const found = literals.filter((literal) => text.includes(literal));
    assert.deepEqual(found, [], path.relative(PROJECT_ROOT, file));
  }
});
