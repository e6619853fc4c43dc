"""
python-multiprocessing: a multiprocessing.Pool(processes=poolSize) started once, each process with its own
requests.Session; a batch is Pool.map over one share per process (the articles' 5 s row). When the level asks
for more in flight than processes, each process runs its share on lanes (threads), so the total is the level's.
"""

from __future__ import annotations

import gc
import multiprocessing
from multiprocessing.sharedctypes import Synchronized
from time import perf_counter_ns
from typing import Optional, cast

from ..batch_spec import BatchSpec
from ..outcome import Recorder, outcome_of
from .model import Outcome
from .process_worker import Share, init_worker, run_share, warm

_WATCH_S = 0.25


def even_split(total: int, parts: int) -> list[int]:
    """common/even-split.ts: `total` in `parts` whole shares that differ by at most one."""
    base, extra = divmod(total, parts)
    return [base + (1 if part < extra else 0) for part in range(parts)]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


class ProcessPoolModel:
    def __init__(self, pool_size: int, busy_rounds_per_ms: float, protocol_fd: int) -> None:
        self._pool_size = pool_size
        self._busy_rounds_per_ms = busy_rounds_per_ms
        self._broken: Optional[str] = None
        # The platform's default start method (fork on Linux), as the articles' code gets it.
        context = multiprocessing.get_context()
        self._counter = cast("Synchronized[int]", context.Value("q", 0))
        started = [context.Barrier(parties) for parties in range(1, pool_size + 1)]
        initargs = (self._counter, started, protocol_fd)
        self._pool = context.Pool(processes=pool_size, initializer=init_worker, initargs=initargs)
        try:
            self._pids: list[int] = self._pool.map(warm, range(pool_size), chunksize=1)
        except BaseException:
            self.close()
            raise

    def worker_pids(self) -> list[int]:
        return list(self._pids)

    def run_batch(self, batch: BatchSpec) -> tuple[float, Outcome]:
        if self._broken is not None:
            raise RuntimeError(f"{self._broken}; the pool was terminated, this host takes no more batches")
        processes = max(1, min(self._pool_size, batch.concurrency))
        with self._counter.get_lock():
            self._counter.value = 0
        gc.collect()
        start = perf_counter_ns()
        shares = [Share(batch, lanes, processes, self._busy_rounds_per_ms, start) for lanes in even_split(batch.concurrency, processes)]
        pending = self._pool.map_async(run_share, shares, chunksize=1)
        # A worker killed mid-task would leave map waiting forever: the batch fails instead, naming it.
        while not pending.ready():
            pending.wait(_WATCH_S)
            # Done: no /proc scan between the last answer and the wall's end.
            if pending.ready():
                break
            dead = [pid for pid in self._pids if not _alive(pid)]
            if dead and not pending.ready():
                # The others would go on with their shares: the whole pool ends, so nothing runs unasked.
                self._broken = f"worker process {dead[0]} of the pool ended mid-batch"
                self.close()
                raise RuntimeError(self._broken)
        parts: list[tuple[Recorder, dict[str, int]]] = pending.get()
        wall_ms = (perf_counter_ns() - start) / 1e6
        return wall_ms, outcome_of([recorder for recorder, _ in parts], [usage for _, usage in parts])

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()
