import type { Comparison, ScenarioComparison } from '../../results/comparison.ts';
import { markdownTable } from '../markdown.ts';
import { comparisonHeadline } from './comparison-headline.ts';
import { COMPARISON_HEADERS, comparisonCells } from './comparison-table.ts';
import { falsePositiveLines, METHOD_NOTE } from './false-positives-text.ts';
import { notComparedLine } from './not-compared-text.ts';
import { incompleteLine, setupDifferenceLine, setupHeadline } from './setup-text.ts';

/** compare.R's stars are literal here, never emphasis. */
function literalStars(cell: string): string {
  return cell.replace(/\*/g, '\\*');
}

/** Markdown text outside a table: `<` would open raw HTML where the file is pasted. */
function text(line: string): string {
  return literalStars(line.replace(/</g, '&lt;'));
}

function scenarioSection(scenario: ScenarioComparison): string[] {
  const leftOut = notComparedLine(scenario.notCompared);
  return [
    `## ${text(scenario.title)}`,
    '',
    ...(scenario.rows.length > 0
      ? [
          markdownTable({
            headers: COMPARISON_HEADERS.map(literalStars),
            rows: scenario.rows.map((row) => comparisonCells(row).map(literalStars)),
          }),
          '',
        ]
      : []),
    ...(leftOut === undefined ? [] : [text(leftOut), '']),
  ];
}

/** compare.md: the comparison to paste into a pull request; the same content as the console and compare.html. */
export function renderComparisonMarkdown(comparison: Comparison, files: { readonly base: string; readonly current: string }): string {
  const incomplete = incompleteLine(comparison.setup);
  return [
    '# concurrency-bench comparison',
    '',
    `Base: \`${files.base}\`  `,
    `New: \`${files.current}\``,
    '',
    `**${setupHeadline(comparison.setup)}**`,
    '',
    ...comparison.setup.differences.map((difference) => `- ${text(setupDifferenceLine(difference))}`),
    ...(incomplete === undefined ? [] : [`- ${incomplete}`]),
    ...(comparison.setup.differences.length > 0 || incomplete !== undefined ? [''] : []),
    text(comparisonHeadline(comparison).sentence),
    '',
    ...comparison.scenarios.flatMap(scenarioSection),
    text(METHOD_NOTE),
    '',
    '```',
    ...falsePositiveLines(comparison.falsePositives),
    '```',
    '',
  ].join('\n');
}
