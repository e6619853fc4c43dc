import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { PROJECT_ROOT } from '../common/project-root.ts';

// No cluster runs here: the manifests are parsed with `yaml`, their shapes read with zod, and the shell that turns
// a pod's index into its segment is run by a real /bin/sh, with an `npm` on PATH that prints what it was handed.
const KUBERNETES = path.join(PROJECT_ROOT, 'deploy', 'kubernetes');
const DOCKERFILE = path.join(PROJECT_ROOT, 'deploy', 'Dockerfile');
const tempDirs: string[] = [];
after(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const quantities = z.object({ cpu: z.string(), memory: z.string() });
const containerSchema = z.object({
  name: z.string(),
  image: z.string(),
  command: z.array(z.string()),
  // Strings only: Kubernetes refuses a number in args, and YAML reads an unquoted 2 as one.
  args: z.array(z.string()).default([]),
  envFrom: z.array(z.object({ configMapRef: z.object({ name: z.string() }) })),
  resources: z.object({ requests: quantities, limits: quantities }),
  volumeMounts: z.array(z.object({ name: z.string(), mountPath: z.string() })),
});
const antiAffinityTerm = z.object({ topologyKey: z.string(), labelSelector: z.object({ matchLabels: z.record(z.string(), z.string()) }) });
const jobSchema = z.object({
  kind: z.literal('Job'),
  metadata: z.object({ name: z.string() }),
  spec: z.object({
    completionMode: z.string().optional(),
    completions: z.number().optional(),
    parallelism: z.number().optional(),
    backoffLimit: z.number().optional(),
    backoffLimitPerIndex: z.number().optional(),
    maxFailedIndexes: z.number().optional(),
    suspend: z.boolean().optional(),
    podFailurePolicy: z
      .object({
        rules: z.array(
          z.object({
            action: z.string(),
            onExitCodes: z.object({ containerName: z.string(), operator: z.string(), values: z.array(z.number()) }).optional(),
          }),
        ),
      })
      .optional(),
    template: z.object({
      metadata: z.object({ labels: z.record(z.string(), z.string()) }),
      spec: z.object({
        restartPolicy: z.string(),
        automountServiceAccountToken: z.boolean().optional(),
        securityContext: z.object({ runAsNonRoot: z.boolean(), runAsUser: z.number() }),
        affinity: z
          .object({ podAntiAffinity: z.object({ requiredDuringSchedulingIgnoredDuringExecution: z.array(antiAffinityTerm) }) })
          .optional(),
        containers: z.array(containerSchema).length(1),
        volumes: z.array(z.object({ name: z.string(), persistentVolumeClaim: z.object({ claimName: z.string() }) })),
      }),
    }),
  }),
});
const kustomizationSchema = z.object({
  kind: z.literal('Kustomization'),
  resources: z.array(z.string()),
  images: z.array(z.object({ name: z.string(), newName: z.string(), newTag: z.string() })).length(1),
  configMapGenerator: z.array(z.object({ name: z.string(), literals: z.array(z.string()) })).length(1),
  replacements: z.array(
    z.object({
      source: z.object({ kind: z.string(), name: z.string(), fieldPath: z.string() }),
      targets: z.array(z.object({ select: z.object({ kind: z.string(), name: z.string() }), fieldPaths: z.array(z.string()) })),
    }),
  ),
});
const claimSchema = z.object({
  kind: z.literal('PersistentVolumeClaim'),
  metadata: z.object({ name: z.string() }),
  spec: z.object({ accessModes: z.array(z.string()) }),
});
const configMapSchema = z.object({
  kind: z.literal('ConfigMap'),
  metadata: z.object({ name: z.string() }),
  data: z.record(z.string(), z.string()),
});
type Job = z.infer<typeof jobSchema>;
type Container = z.infer<typeof containerSchema>;

/** Every YAML document of a text, refusing one that does not parse. */
function documents(text: string, source: string): unknown[] {
  return parseAllDocuments(text).map((document) => {
    assert.deepEqual(document.errors, [], `${source} does not parse`);
    return document.toJS();
  });
}

async function manifest(file: string): Promise<unknown> {
  const [only, ...rest] = documents(await readFile(path.join(KUBERNETES, file), 'utf8'), file);
  assert.equal(rest.length, 0, `${file} holds one manifest`);
  return only;
}

/** The ConfigMap the kustomization generates, as the pods' environment sees it (KEY=VALUE literals). */
function generatedEnvironment(kustomization: z.infer<typeof kustomizationSchema>): { name: string; data: Record<string, string> } {
  const [generator] = kustomization.configMapGenerator;
  assert.ok(generator);
  const entries = generator.literals.map((literal) => {
    const [key = '', value = ''] = literal.split(/=(.*)/s);
    return [key, value] as const;
  });
  return { name: generator.name, data: Object.fromEntries(entries) };
}

const onlyContainer = (job: Job): Container => job.spec.template.spec.containers[0] ?? assert.fail(`${job.metadata.name} has no container`);
const flagValue = (args: readonly string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];
const cpuCores = (quantity: string): number => (quantity.endsWith('m') ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity));

interface ShellRun {
  readonly code: number | null;
  readonly handed: string[] | undefined;
  readonly stderr: string;
}

/** An `npm` for PATH that prints the arguments it was handed, as JSON, instead of running anything. */
async function printingNpm(): Promise<string> {
  const bin = await mkdtemp(path.join(os.tmpdir(), 'cb-deploy-'));
  tempDirs.push(bin);
  await writeFile(path.join(bin, 'npm'), `#!${process.execPath}\nprocess.stdout.write(JSON.stringify(process.argv.slice(2)));\n`);
  await chmod(path.join(bin, 'npm'), 0o755);
  return bin;
}

/** Runs a container's `tini -g -- /bin/sh -c SCRIPT NAME` command (tini aside) with its args, as its pod would. */
async function runContainerShell(container: Container, env: Record<string, string>): Promise<ShellRun> {
  const [tini, group, separator, shell, dashC, script, name] = container.command;
  assert.deepEqual([tini, group, separator, shell, dashC], ['tini', '-g', '--', '/bin/sh', '-c'], `${container.name}: tini, then a shell`);
  assert.ok(script !== undefined && name !== undefined);
  const PATH = `${await printingNpm()}:/usr/bin:/bin`;
  const run = spawnSync('/bin/sh', ['-c', script, name, ...container.args], { env: { PATH, ...env }, encoding: 'utf8', timeout: 30_000 });
  const handed = run.stdout === '' ? undefined : z.array(z.string()).parse(JSON.parse(run.stdout));
  return { code: run.status, handed, stderr: run.stderr };
}

/**
 * The wiring of a whole run: each index's pod hands the bench `--segment index+1/N` with the target, the start and
 * its own folder on the volume, then the Job's bench flags; the merge hands merge exactly those folders' results.json.
 */
async function checkWiring(segments: Job, merge: Job, environment: Record<string, string>): Promise<void> {
  const segmentCount = Number(environment.SEGMENTS);
  assert.equal(segments.spec.completions, segmentCount, 'completions = SEGMENTS');
  assert.equal(segments.spec.parallelism, segmentCount, 'parallelism = SEGMENTS');
  const bench = onlyContainer(segments);
  const [mount] = bench.volumeMounts;
  assert.ok(mount);
  const written: string[] = [];
  for (let index = 0; index < segmentCount; index++) {
    const run = await runContainerShell(bench, { ...environment, JOB_COMPLETION_INDEX: String(index) });
    assert.equal(run.code, 0, run.stderr);
    const handed = run.handed ?? assert.fail('npm was not run');
    assert.deepEqual(handed.slice(0, 5), ['run', 'bench', '--', '--target', environment.TARGET]);
    assert.deepEqual(handed.slice(5, 9), ['--segment', `${index + 1}/${segmentCount}`, '--start-at', environment.START_AT]);
    const out = flagValue(handed, '--out') ?? assert.fail('no --out');
    assert.ok(out.startsWith(`${mount.mountPath}/`), `${out} is on the shared volume`);
    assert.deepEqual(handed.slice(handed.indexOf('--out') + 2), bench.args, "the Job's args follow as bench flags");
    written.push(path.posix.join(out, 'results.json'));
  }
  assert.equal(new Set(written).size, segmentCount, 'every segment writes its own folder');
  const merged = await runContainerShell(onlyContainer(merge), environment);
  assert.equal(merged.code, 0, merged.stderr);
  const handed = merged.handed ?? assert.fail('npm was not run');
  assert.deepEqual(handed.slice(0, 3), ['run', 'merge', '--']);
  assert.deepEqual(handed.slice(3, 3 + segmentCount), written, 'merge reads exactly the files the segments wrote');
  const mergedOut = handed.slice(3 + segmentCount);
  assert.equal(mergedOut[0], '--out');
  assert.equal(
    path.posix.dirname(mergedOut[1] ?? ''),
    path.posix.dirname(path.posix.dirname(written[0] ?? '')),
    'the merged report lands beside the segments',
  );
}

async function loadRun() {
  const kustomization = kustomizationSchema.parse(await manifest('kustomization.yaml'));
  return {
    kustomization,
    environment: generatedEnvironment(kustomization),
    segments: jobSchema.parse(await manifest('segments-job.yaml')),
    merge: jobSchema.parse(await manifest('merge-job.yaml')),
    claim: claimSchema.parse(await manifest('results-volume.yaml')),
  };
}

describe('deploy/kubernetes', () => {
  test('every manifest parses, is the kind its file is for, and the kustomization applies all but the reader pod', async () => {
    const kinds: Record<string, string> = {
      'kustomization.yaml': 'Kustomization',
      'results-volume.yaml': 'PersistentVolumeClaim',
      'segments-job.yaml': 'Job',
      'merge-job.yaml': 'Job',
      'results-reader.yaml': 'Pod',
    };
    const files = (await readdir(KUBERNETES)).filter((file) => file.endsWith('.yaml'));
    assert.deepEqual(files.sort(), Object.keys(kinds).sort());
    for (const file of files) assert.equal(z.object({ kind: z.string() }).parse(await manifest(file)).kind, kinds[file], file);
    const { kustomization, segments, merge } = await loadRun();
    assert.deepEqual(kustomization.resources.sort(), ['merge-job.yaml', 'results-volume.yaml', 'segments-job.yaml']);
    for (const job of [segments, merge])
      assert.equal(onlyContainer(job).image, kustomization.images[0]?.name, 'the kustomization sets the image');
  });

  test('the segments Job is Indexed, N in one place: completions and parallelism are replaced from SEGMENTS', async () => {
    const { kustomization, environment, segments, merge } = await loadRun();
    assert.equal(segments.spec.completionMode, 'Indexed');
    const segmentCount = Number(environment.data.SEGMENTS);
    assert.ok(Number.isInteger(segmentCount) && segmentCount >= 2, `SEGMENTS is an integer >= 2, got ${environment.data.SEGMENTS}`);
    assert.equal(segments.spec.completions, segments.spec.parallelism);
    assert.equal(segments.spec.completions, segmentCount, 'the file agrees with the kustomization before replacement too');
    const replacement = kustomization.replacements.find((r) => r.source.fieldPath === 'data.SEGMENTS');
    assert.deepEqual(replacement?.source, { kind: 'ConfigMap', name: environment.name, fieldPath: 'data.SEGMENTS' });
    const target = replacement?.targets.find((t) => t.select.kind === 'Job' && t.select.name === segments.metadata.name);
    assert.deepEqual(target?.fieldPaths.sort(), ['spec.completions', 'spec.parallelism']);
    for (const job of [segments, merge]) assert.deepEqual(onlyContainer(job).envFrom, [{ configMapRef: { name: environment.name } }]);
  });

  test('each index runs its own segment against --target, and merge reads exactly what they wrote (run by sh)', async () => {
    const { environment, segments, merge } = await loadRun();
    await checkWiring(segments, merge, { ...environment.data, START_AT: '2030-01-01T00:00:00.000Z' });
  });

  test('an empty START_AT is one line and exit 2 before npm runs: nobody timed the run', async () => {
    const { environment, segments } = await loadRun();
    assert.equal(environment.data.START_AT, '', 'shipped empty, so a forgotten start is refused');
    const run = await runContainerShell(onlyContainer(segments), { ...environment.data, JOB_COMPLETION_INDEX: '0' });
    assert.equal(run.code, 2);
    assert.equal(run.handed, undefined, 'npm never ran');
    assert.match(run.stderr, /^Expected START_AT in deploy\/kubernetes\/kustomization.yaml to be an ISO time or epoch ms, got ``\n$/);
  });

  test('pods: restartPolicy Never, no service account token, not root, requests = limits, pools within the CPU limit', async () => {
    const { segments, merge } = await loadRun();
    for (const job of [segments, merge]) {
      const pod = job.spec.template.spec;
      assert.equal(pod.restartPolicy, 'Never', job.metadata.name);
      assert.equal(pod.automountServiceAccountToken, false, job.metadata.name);
      assert.equal(pod.securityContext.runAsNonRoot, true);
      assert.equal(pod.securityContext.runAsUser, 1000, "the node image's own user, who owns /app");
      const { requests, limits } = onlyContainer(job).resources;
      assert.deepEqual(requests, limits, `${job.metadata.name}: Guaranteed QoS`);
      assert.ok(cpuCores(limits.cpu) >= 1, `${job.metadata.name}: at least one core`);
    }
    const bench = onlyContainer(segments);
    for (const pool of ['--threads', '--processes']) {
      const size = Number(flagValue(bench.args, pool));
      const fits = size >= 1 && size <= cpuCores(bench.resources.limits.cpu);
      assert.ok(fits, `${pool} ${size} fits the CPU limit (Node 20 counts the node's cores)`);
    }
    assert.ok(bench.args.includes('--allow-remote'), 'a target in the cluster is not loopback');
  });

  test('a failed segment is retried with its index, bad input is not, and segments land on different nodes', async () => {
    const { segments } = await loadRun();
    assert.equal(segments.spec.backoffLimitPerIndex, 1);
    assert.equal(segments.spec.maxFailedIndexes, 0, 'a missing segment fails the run: merge could not use it');
    const failIndex = segments.spec.podFailurePolicy?.rules.find((rule) => rule.action === 'FailIndex');
    assert.deepEqual(failIndex?.onExitCodes, { containerName: onlyContainer(segments).name, operator: 'In', values: [2] });
    const [term, ...others] = segments.spec.template.spec.affinity?.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    assert.equal(others.length, 0);
    assert.equal(term?.topologyKey, 'kubernetes.io/hostname');
    for (const [label, value] of Object.entries(term?.labelSelector.matchLabels ?? assert.fail('no anti-affinity'))) {
      assert.equal(segments.spec.template.metadata.labels[label], value, 'the anti-affinity selects the segment pods themselves');
    }
  });

  test('both Jobs mount the one ReadWriteMany claim at one path; the merge waits, suspended, and is not retried', async () => {
    const { segments, merge, claim } = await loadRun();
    assert.deepEqual(claim.spec.accessModes, ['ReadWriteMany']);
    const mounts = [segments, merge].map((job) => {
      const [volume] = job.spec.template.spec.volumes;
      const [mount] = onlyContainer(job).volumeMounts;
      assert.equal(volume?.persistentVolumeClaim.claimName, claim.metadata.name, job.metadata.name);
      assert.equal(mount?.name, volume?.name);
      return mount?.mountPath;
    });
    assert.equal(mounts[0], mounts[1]);
    assert.equal(merge.spec.suspend, true);
    assert.equal(merge.spec.backoffLimit, 0);
  });

  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  test('changing SEGMENTS alone in kustomization.yaml changes N everywhere (kubectl kustomize)', {
    skip: kubectl.status === 0 ? false : 'kubectl is not installed',
  }, async () => {
    const copy = await mkdtemp(path.join(os.tmpdir(), 'cb-kustomize-'));
    tempDirs.push(copy);
    await cp(KUBERNETES, copy, { recursive: true });
    const file = path.join(copy, 'kustomization.yaml');
    const original = await readFile(file, 'utf8');
    const edited = original.replace(/^(\s+- SEGMENTS=)\d+$/m, '$15');
    assert.notEqual(edited, original, 'SEGMENTS=<n> is one literal line');
    await writeFile(file, edited.replace(/^(\s+- START_AT=)$/m, '$12030-01-01T00:00:00.000Z'));
    const rendered = spawnSync('kubectl', ['kustomize', copy], { encoding: 'utf8' });
    assert.equal(rendered.status, 0, rendered.stderr);
    const objects = documents(rendered.stdout, 'kubectl kustomize');
    const configMap = configMapSchema.parse(objects.find((o) => configMapSchema.safeParse(o).success));
    const jobs = objects.filter((o) => jobSchema.safeParse(o).success).map((o) => jobSchema.parse(o));
    const byName = (name: string): Job => jobs.find((job) => job.metadata.name === name) ?? assert.fail(`no Job ${name}`);
    assert.equal(configMap.data.SEGMENTS, '5');
    assert.match(configMap.metadata.name, /^segmented-run-/, 'generated with its content hash');
    for (const job of jobs) assert.deepEqual(onlyContainer(job).envFrom, [{ configMapRef: { name: configMap.metadata.name } }]);
    await checkWiring(byName('bench-segments'), byName('bench-merge'), configMap.data);
  });
});

/** Dockerfile instructions, continuation lines joined, comments dropped. */
async function dockerInstructions(): Promise<{ keyword: string; rest: string }[]> {
  const text = (await readFile(DOCKERFILE, 'utf8')).replace(/\\\n/g, ' ');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => ({ keyword: line.split(/\s/)[0]?.toUpperCase() ?? '', rest: line.slice(line.search(/\s/) + 1).trim() }));
}

describe('deploy/Dockerfile', () => {
  test("it runs the README's two set-up commands in order, then builds dist/", async () => {
    const runs = (await dockerInstructions()).filter((i) => i.keyword === 'RUN').map((i) => i.rest);
    const position = (pattern: RegExp): number => runs.findIndex((run) => pattern.test(run));
    assert.ok(position(/\bbash scripts\/setup-system\.sh\b/) >= 0, 'runs scripts/setup-system.sh');
    assert.ok(position(/\bnpm ci\b/) > position(/\bbash scripts\/setup-system\.sh\b/), 'npm ci after the system packages');
    assert.ok(position(/\bnpm run build\b/) >= position(/\bnpm ci\b/), 'dist/ is built into the image');
    assert.match((await dockerInstructions())[0]?.rest ?? '', /^node:20-bookworm\b/, 'Debian with Node 20');
  });

  test('it does not run as root at the end, and its ENTRYPOINT starts the bench under tini with the args as flags', async () => {
    const instructions = await dockerInstructions();
    const users = instructions.filter((i) => i.keyword === 'USER').map((i) => i.rest);
    assert.ok(users.length > 0 && !['root', '0'].includes(users.at(-1)?.split(':')[0] ?? 'root'), `last USER: ${users.at(-1)}`);
    const entrypoint = z.array(z.string()).parse(JSON.parse(instructions.findLast((i) => i.keyword === 'ENTRYPOINT')?.rest ?? 'null'));
    assert.deepEqual(entrypoint, ['tini', '-g', '--', 'npm', 'run', 'bench', '--']);
    const installsTini = instructions.some((i) => i.keyword === 'RUN' && /apt-get install\b.*\btini\b/.test(i.rest));
    assert.ok(installsTini, 'tini is installed');
    const ignored = (await readFile(`${DOCKERFILE}.dockerignore`, 'utf8')).split('\n');
    for (const entry of ['**/node_modules', 'dist']) assert.ok(ignored.includes(entry), `${entry} stays out of the build context`);
  });
});
