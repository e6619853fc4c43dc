import type { SetupComparison, SetupDifference, SetupScope } from '../../results/comparison.ts';

function scopeText(scope: SetupScope): string {
  return typeof scope === 'string' ? scope : `scenario ${scope.scenario}`;
}

/** The comparison's first line: the same set-up, or how many settings differ. */
export function setupHeadline(setup: SetupComparison): string {
  const count = setup.differences.length;
  if (count === 0) return 'Same set-up: client, seed, profile, workloads, machine and tool version match.';
  return `Set-up differs in ${count} ${count === 1 ? 'setting' : 'settings'} (base → new): a change below may come from the set-up, not from the code.`;
}

/** `client.kind: undici → fetch (every scenario)`. */
export function setupDifferenceLine(difference: SetupDifference): string {
  return `${difference.setting}: ${difference.base} → ${difference.current} (${scopeText(difference.scope)})`;
}

/** Said when a run was interrupted: its rows are what was measured before the stop. */
export function incompleteLine(setup: SetupComparison): string | undefined {
  const [first, second] = setup.incomplete;
  if (first === undefined) return undefined;
  const which = second === undefined ? `The ${first} run was` : 'Both runs were';
  return `${which} interrupted: only what was measured before the stop is compared.`;
}

/** The settings that differ, named in a few words for the closing sentence: `client.kind, server.seed`. */
export function differingSettings(setup: SetupComparison, most = 3): string {
  const names = [...new Set(setup.differences.map((d) => d.setting))];
  const shown = names.slice(0, most).join(', ');
  return names.length > most ? `${shown} and ${names.length - most} more` : shown;
}
