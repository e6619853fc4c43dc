import { formatPercent } from '../common/format.ts';
import type { CompletedResult } from '../results/types.ts';

/** Efficiency, or why there is none: never above 100% (a wall within 2% under the ideal is noise, not a gain). */
export function efficiencyText(result: CompletedResult): string {
  if (result.idealInvalid !== undefined) return 'ideal invalid';
  if (result.efficiency === undefined) return 'n/a';
  return result.efficiency > 1 ? '~100%' : formatPercent(result.efficiency);
}
