import { stopAllChildren } from '../common/child-processes.ts';
import { EXIT_FAILED, EXIT_OK, runMain } from './cli/run-main.ts';
import type { SelfBench, SelfBenchSection } from './self-bench/section.ts';
import { STEAL_WARNING_SHARE, watchSteal } from '../harness/steal.ts';

// Each part measures one promise of the product (speed, fidelity, overhead) side by side in one run.
// `optIn` parts run only when named (repeat takes three default runs).
const parts: readonly { readonly id: string; readonly optIn?: boolean; readonly load: () => Promise<SelfBench> }[] = [
  { id: 'runners', load: async () => (await import('./self-bench/runners.ts')).runnersSelfBench },
  { id: 'limiters', load: async () => (await import('./self-bench/runners.ts')).limitersSelfBench },
  { id: 'mock-server', load: async () => (await import('./self-bench/mock-server.ts')).mockServerSelfBench },
  { id: 'repeat', optIn: true, load: async () => (await import('./self-bench/repeat.ts')).repeatSelfBench },
];

function print(section: SelfBenchSection): void {
  process.stdout.write(`\n== ${section.title}\n`);
  for (const line of section.lines) process.stdout.write(`   ${line}\n`);
  for (const check of section.checks) {
    process.stdout.write(`   [${check.pass ? 'PASS' : 'FAIL'}] ${check.name}: ${check.measured} (target ${check.target})\n`);
  }
}

await runMain(async () => {
  const only = process.argv.slice(2);
  let failed = false;
  try {
    for (const part of parts) {
      if (only.length > 0 ? !only.includes(part.id) : part.optIn === true) continue;
      const stolen = watchSteal();
      const section = await (await part.load())();
      print(section);
      const share = stolen();
      if (share !== undefined) {
        const verdict = share > STEAL_WARNING_SHARE ? ': the host was busy, rerun for figures to quote' : '';
        process.stdout.write(`   steal time during this part: ${(share * 100).toFixed(1)}% of CPU time${verdict}\n`);
      }
      failed ||= section.checks.some((check) => !check.pass);
    }
  } finally {
    await stopAllChildren();
  }
  return failed ? EXIT_FAILED : EXIT_OK;
});
