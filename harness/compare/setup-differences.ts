import { formatBytes } from '../../common/format.ts';
import type { SetupComparison, SetupDifference, SetupScope } from '../../results/comparison.ts';
import type { ResultsFile, ScenarioResults } from '../../results/types.ts';

/** Settings by their results.json path (`client.retry.maxRetries`), values as text. */
type Settings = Map<string, string>;

function flatten(value: unknown, prefix: string, into: Settings): Settings {
  if (value === undefined) return into;
  if (Array.isArray(value)) {
    into.set(
      prefix,
      value.map((item: unknown) => (typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item))).join(', '),
    );
  } else if (typeof value === 'object' && value !== null) {
    for (const [name, inner] of Object.entries(value)) flatten(inner, prefix === '' ? name : `${prefix}.${name}`, into);
  } else {
    into.set(prefix, String(value));
  }
  return into;
}

function differences(base: Settings, current: Settings, scope: SetupScope): SetupDifference[] {
  const names = [...new Set([...base.keys(), ...current.keys()])];
  return names
    .filter((name) => base.get(name) !== current.get(name))
    .map((setting) => ({ setting, scope, base: base.get(setting) ?? 'unset', current: current.get(setting) ?? 'unset' }));
}

// The run's `seed` is left out: it only overrides each scenario's `server.seed`, which is compared (what was sent).
function runSettings(file: ResultsFile): Settings {
  const target = file.run.target;
  const sent = target && {
    url: target.url,
    method: target.method,
    headers: target.headers,
    maxRatePerSecond: target.maxRatePerSecond,
    maxRequests: target.maxRequests,
  };
  return flatten({ profile: file.run.profile, target: sent }, '', new Map());
}

function machineSettings(file: ResultsFile): Settings {
  const env = file.environment;
  const machine = {
    cpuModel: env.cpuModel,
    cores: env.cores,
    memory: formatBytes(env.memoryBytes),
    node: env.node,
    v8: env.v8,
    os: `${env.platform} ${env.release}`,
    arch: env.arch,
  };
  return flatten(machine, '', new Map());
}

function toolSettings(file: ResultsFile): Settings {
  return flatten(
    { version: file.tool.version, gitCommit: file.environment.gitCommit ?? 'unknown', packages: file.environment.packages },
    '',
    new Map(),
  );
}

/** The workload as set: `host` is left out, it is measured on the host (its round-trip floor), not set. */
function workloadSettings(scenario: ScenarioResults): Settings {
  const { host: _measured, ...workload } = scenario.workload;
  return flatten(workload, '', new Map());
}

/**
 * Per common scenario the workload differences; one that every common scenario shares is said once, for
 * `every scenario` (a `--client fetch` run changes `client.kind` everywhere).
 */
function workloadDifferences(base: ResultsFile, current: ResultsFile): SetupDifference[] {
  const common = current.scenarios.flatMap((scenario) => {
    const before = base.scenarios.find((s) => s.id === scenario.id);
    return before
      ? [{ id: scenario.id, found: differences(workloadSettings(before), workloadSettings(scenario), { scenario: scenario.id }) }]
      : [];
  });
  const signature = (d: SetupDifference): string => JSON.stringify([d.setting, d.base, d.current]);
  const counts = new Map<string, number>();
  for (const { found } of common) for (const d of found) counts.set(signature(d), (counts.get(signature(d)) ?? 0) + 1);
  const shared = (d: SetupDifference): boolean => common.length > 1 && counts.get(signature(d)) === common.length;
  const everywhere = (common[0]?.found ?? []).filter(shared).map((d): SetupDifference => ({ ...d, scope: 'every scenario' }));
  return [...everywhere, ...common.flatMap(({ found }) => found.filter((d) => !shared(d)))];
}

const isClient = (d: SetupDifference): boolean => d.setting.startsWith('client.');

/** What differs in set-up between two runs: client settings first, then run, workload, machine and tool. */
export function setupComparison(base: ResultsFile, current: ResultsFile): SetupComparison {
  const workload = workloadDifferences(base, current);
  const incomplete = [...(base.run.complete ? [] : (['base'] as const)), ...(current.run.complete ? [] : (['new'] as const))];
  return {
    differences: [
      ...workload.filter(isClient),
      ...differences(runSettings(base), runSettings(current), 'run'),
      ...workload.filter((d) => !isClient(d)),
      ...differences(machineSettings(base), machineSettings(current), 'machine'),
      ...differences(toolSettings(base), toolSettings(current), 'tool'),
    ],
    incomplete,
  };
}
