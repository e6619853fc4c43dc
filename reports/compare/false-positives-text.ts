import type { FalsePositives, RiskLevel } from '../../results/comparison.ts';

function formatRisk(risk: RiskLevel): string {
  return `${Number((risk * 100).toFixed(1))}%`;
}

/** Below this chance, the stars seen are too many to be luck, and the footer says so. */
const UNLIKELY = 0.001;

/** The stars that count at a risk level: `*, **, ***` at 5%. */
function starsAtOrAbove(levels: FalsePositives['levels'], index: number): string {
  return levels
    .slice(index)
    .map((level) => level.stars)
    .join(', ');
}

/** compare.R's footer in its own words, then how many rows reached each level and what was not tested. */
export function falsePositiveLines(footer: FalsePositives): string[] {
  const lines = [
    'Be aware that when doing many comparisons the risk of a false-positive result increases.',
    `In this case, there are ${footer.comparisons} comparisons, you can thus expect the following amount of false-positive results:`,
    ...footer.levels.map(
      (level, index) =>
        `  ${level.expected.toFixed(2)} false positives, when considering a ${formatRisk(level.risk).padStart(4)} risk acceptance (${starsAtOrAbove(footer.levels, index)}),`,
    ),
  ];
  const last = lines.length - 1;
  lines[last] = (lines[last] ?? '').replace(/,$/, '');
  lines.push(`Observed: ${footer.levels.map((level) => `${level.observed} at ${formatRisk(level.risk)} (${level.stars})`).join(', ')}.`);
  const first = footer.levels[0];
  if (first && first.chance < UNLIKELY) {
    lines.push(
      `${first.observed} rows at ${formatRisk(first.risk)} where ${first.expected.toFixed(2)} are expected by chance ` +
        `(chance of as many if nothing changed: ${first.chance.toExponential(0)}): either the change moved many rows, or the ` +
        'machine moved between the runs (other load, another host): run the base again to see how far two runs of the same code differ.',
    );
  }
  if (footer.untested > 0) {
    lines.push(
      `Not tested: ${footer.untested} matched ${footer.untested === 1 ? 'row has' : 'rows have'} fewer than 2 iterations on a side.`,
    );
  }
  return lines;
}

/** What the stars and the accuracy columns mean, and what they cannot see. */
export const METHOD_NOTE =
  "Confidence: Welch's t-test on the per-iteration throughputs, two-sided: * p < 0.05, ** p < 0.01, *** p < 0.001 " +
  '(faster/slower from one star). Accuracy: the smallest change the data could detect at 5%, 1% and 0.1% risk, the ' +
  "interval's half-width over the base mean. Both see only the spread within each run, not what the machine did " +
  'between the runs: compare runs made one after the other on a quiet machine. p99 changes have no test (one value per run).';
