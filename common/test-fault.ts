/**
 * Test hook, read only by the fault tests: `CB_TEST_FAULT=<name>:<n>` (e.g. `throw-in-worker-after:3`) asks the
 * code that checks for `<name>` to fail for real after `n` units of work. Unset, as in every real run, it is
 * inert. Parsed once here, so no entry point reads the environment ad hoc.
 */
export function testFaultAfter(name: string, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const match = /^([a-z-]+):(\d+)$/.exec(env.CB_TEST_FAULT ?? '');
  return match && match[1] === name ? Number(match[2]) : undefined;
}
