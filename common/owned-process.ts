/**
 * Lifecycle of a process the harness starts (mock server, cluster worker, child runner). Ctrl-C reaches the
 * whole process group, so SIGINT is ignored and the harness decides when to stop; the process leaves when
 * told (SIGTERM) or when its parent is gone (the IPC channel closes), after `shutdown` releases what it holds.
 */
export function ownedByParent(shutdown: () => Promise<void>): void {
  let leaving = false;
  const leave = (): void => {
    if (leaving) return;
    leaving = true;
    void shutdown().finally(() => process.exit(0));
  };
  process.on('SIGINT', () => {});
  process.on('SIGTERM', leave);
  process.on('disconnect', leave);
}
