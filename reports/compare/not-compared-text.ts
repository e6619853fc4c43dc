import type { NotComparedGroup } from '../../results/comparison.ts';

/**
 * `not compared: 25 rows: 12 only in new (a, b, c and 9 more); 13 failed in base (d, e, f and 10 more)`; with one
 * reason its count is the total, said once: `not compared: 4 rows: scenario only in base (a, b, c and 1 more)`.
 */
export function notComparedLine(groups: readonly NotComparedGroup[], shown = 3): string | undefined {
  if (groups.length === 0) return undefined;
  const total = groups.reduce((sum, group) => sum + group.rows.length, 0);
  const parts = groups.map((group) => {
    const listed = group.rows.slice(0, shown).join(', ');
    const more = group.rows.length > shown ? ` and ${group.rows.length - shown} more` : '';
    return `${groups.length === 1 ? '' : `${group.rows.length} `}${group.reason} (${listed}${more})`;
  });
  return `not compared: ${total} ${total === 1 ? 'row' : 'rows'}: ${parts.join('; ')}`;
}
