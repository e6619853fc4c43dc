import { formatShare } from '../common/format.ts';
import type { CompletedResult, ScenarioResults } from '../results/types.ts';
import { completed } from './model-limits.ts';

/** Beside a row's name: it carries warnings, listed under the table. */
export const WARNING_MARK = '!';
/** Beside a p99: the mock server, not the model, made part of this tail. */
export const HOST_TAIL_MARK = '†';

export function hostBoundTail(result: CompletedResult): boolean {
  return result.warnings?.some((warning) => warning.kind === 'host-bound-tail') ?? false;
}

function serverLoad(result: CompletedResult): string {
  const { cpuCores, stealShare } = result.server;
  const parts = [
    ...(cpuCores === undefined ? [] : [`server CPU ${cpuCores.toFixed(2)} cores`]),
    ...(stealShare === undefined ? [] : [`steal ${formatShare(stealShare)}`]),
  ];
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/**
 * A row's warnings (hyperfine's kind: first-iteration outlier, outliers, few iterations, Little's gap), one line per
 * message with every row that has it; a host-bound tail gets its own line with the server's CPU and steal.
 */
export function rowWarnings(scenario: ScenarioResults): string[] {
  const rows = completed(scenario.results);
  const byMessage = new Map<string, string[]>();
  for (const result of rows)
    for (const warning of result.warnings ?? [])
      if (warning.kind !== 'host-bound-tail') byMessage.set(warning.message, [...(byMessage.get(warning.message) ?? []), result.label]);
  const tails = rows.flatMap((result) =>
    (result.warnings ?? [])
      .filter((warning) => warning.kind === 'host-bound-tail')
      .map(
        (warning) =>
          `${HOST_TAIL_MARK} ${result.label}: host-bound tail: the server, not the model, made part of this tail${serverLoad(result)}; ${warning.message}`,
      ),
  );
  return [...[...byMessage].map(([message, shapes]) => `${WARNING_MARK} ${shapes.join(', ')}: ${message}`), ...tails];
}

/** What a reader must know about the rows besides their warnings: failures, saturation, an ideal the run beat. */
export function rowNotes(scenario: ScenarioResults): string[] {
  return scenario.results.flatMap((result) => {
    if (result.state === 'failed') return [`${result.label} failed (${result.error.code}): ${result.error.message}`];
    return [
      ...(result.clientSaturated
        ? [`* ${result.label}: client saturated (${result.clientSaturated}); this figure measures the client, not the model.`]
        : []),
      ...(result.idealInvalid ? [`${result.label}: ideal invalid: ${result.idealInvalid.reason}.`] : []),
    ];
  });
}
