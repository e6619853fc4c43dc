import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../common/project-root.ts';
import { runnerIds } from '../runners/registry.ts';

async function sources(folder: string): Promise<string[]> {
  const root = path.join(PROJECT_ROOT, folder);
  return (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.ts')).map((file) => path.join(root, file));
}

/** The registered ids and the prefix every Python runner's id starts with. */
const IDS = [...runnerIds(), 'python-'];
const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('no report source names a runner id: every fact about a runner comes from results.json or tune.json', async () => {
  const files = await sources('reports');
  assert.ok(files.length > 20, `found ${files.length} sources`);
  // A quoted id opens a literal comparison or a per-runner table.
  const literals = IDS.flatMap((id) => ["'", '"', '`'].map((quote) => `${quote}${id}`));
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const found = literals.filter((literal) => text.includes(literal));
    assert.deepEqual(found, [], path.relative(PROJECT_ROOT, file));
  }
});

test('no code outside runners/ compares a literal runner id: what a runner is comes from its descriptor', async () => {
  const folders = ['common', 'mock-server', 'scenarios', 'results', 'harness', 'scripts'];
  const files = (await Promise.all(folders.map(sources))).flat();
  assert.ok(files.length > 100, `found ${files.length} sources`);
  // `=== 'sequential'`, `!== "child-process"`, `case 'worker-threads':`, or a per-runner record entry `'python-x':`.
  const ids = IDS.map((id) => (id.endsWith('-') ? `${escaped(id)}[a-z-]*` : escaped(id))).join('|');
  const comparison = new RegExp(`(?:[=!]==\\s*|case\\s+)['"\`](?:${ids})['"\`]|['"\`](?:${ids})['"\`]\\s*(?:[=!]==|:)`);
  for (const file of files) {
    const match = comparison.exec(await readFile(file, 'utf8'));
    assert.equal(match?.[0], undefined, path.relative(PROJECT_ROOT, file));
  }
});
