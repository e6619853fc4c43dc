import cliProgress from 'cli-progress';
import type { Progress } from '../../harness/progress.ts';

/**
 * A live bar on a terminal: levels done out of the whole run, the scenario, the runner and level being measured,
 * its iteration and an ETA. Notes print above the bar.
 */
export function ttyProgress(totalLevels: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: '{bar} {value}/{total} levels | {scenario} | {level} | iteration {iteration} | ETA {eta_formatted}',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 8,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(totalLevels, 0, { scenario: '', level: '', iteration: '-' });
  let levelsDone = 0;
  return {
    scenario(title, index, total) {
      bar.update({ scenario: `${index + 1}/${total} ${title.length > 32 ? `${title.slice(0, 31)}…` : title}` });
    },
    level(label) {
      bar.update({ level: label, iteration: 'warm-up' });
    },
    iteration(done, total) {
      if (done === total) levelsDone += 1;
      bar.update(levelsDone, { iteration: `${done}/${total}` });
    },
    note(message) {
      bars.log(`${message}\n`);
    },
    stop() {
      bars.stop();
    },
  };
}
