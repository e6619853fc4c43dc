import type { NotComparedGroup } from '../../results/comparison.ts';

/** `not compared: 25 rows: 12 only in new (a, b, c and 9 more); 13 failed in base (d, e, f and 10 more)`. */
export function notComparedLine(groups: readonly NotComparedGroup[], shown = 3): string | undefined {
  if (groups.length === 0) return undefined;
  const total = groups.reduce((sum, group) => sum + group.rows.length, 0);
  const parts = groups.map((group) => {
    const listed = group.rows.slice(0, shown).join(', ');
    const more = group.rows.length > shown ? ` and ${group.rows.length - shown} more` : '';
    return `${group.rows.length} ${group.reason} (${listed}${more})`;
  });
  return `not compared: ${total} ${total === 1 ? 'row' : 'rows'}: ${parts.join('; ')}`;
}
