"""
What runs inside each process of python-multiprocessing's Pool: its own requests.Session, and as many lanes
(threads) as its share of the level's in flight. Indices come from one counter the processes share.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Barrier
from typing import Optional

from ..batch_spec import BatchSpec
from ..lanes import NO_MORE, Lanes
from ..outcome import Recorder, Usage, merge_recorders
from ..request_step import run_request
from ..requests_client import RequestsClient
from ..tries import identity_prefix

_PARENT_POLL_S = 0.2
_START_TIMEOUT_S = 30


@dataclass(frozen=True)
class Share:
    """One process's part of a batch: the whole batch's batch, with `lanes` requests of it in flight at once."""

    batch: BatchSpec
    lanes: int
    #: Processes sharing the batch: each share waits until that many hold one, so no process runs two.
    processes: int
    busy_rounds_per_ms: float
    batch_start_ns: int


@dataclass
class _Worker:
    counter: Synchronized[int]
    #: started[n - 1]: the barrier of the n processes of a pool or a batch.
    started: list[Barrier]
    lanes: Lanes
    client: Optional[RequestsClient] = None


_worker: Optional[_Worker] = None


def init_worker(counter: Synchronized[int], started: list[Barrier], protocol_fd: int) -> None:
    """Pool initializer: leave with the host, ignore Ctrl-C (the orchestrator decides), never write the protocol."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Forked with the host's handler; Pool.terminate()'s SIGTERM should simply end the worker.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError):  # absent when the start method is not fork
        os.close(protocol_fd)
    _worker = _Worker(counter, started, Lanes())
    # The parent is the host (fork), or a fork server that ends with it.
    threading.Thread(target=_leave_with, args=(os.getppid(),), name="watch-parent", daemon=True).start()


def _leave_with(parent: int) -> None:
    """A host that is SIGKILLed cannot terminate its pool: each worker leaves once its parent is gone."""
    while os.getppid() == parent:
        time.sleep(_PARENT_POLL_S)
    os._exit(0)


def warm(_: int) -> int:
    """One per process (none returns until every process holds one), so the pids are every worker's."""
    assert _worker is not None
    _worker.started[-1].wait(timeout=_START_TIMEOUT_S)
    return os.getpid()


def run_share(share: Share) -> tuple[Recorder, dict[str, int]]:
    assert _worker is not None
    worker = _worker
    batch = share.batch
    client = _client_for(worker, batch, share.lanes)
    prefix = identity_prefix(batch)
    recorders: dict[int, Recorder] = {}
    counter = worker.counter

    def next_index() -> int:
        with counter.get_lock():
            index = counter.value
            if index >= batch.requests:
                return NO_MORE
            counter.value = index + 1
            return index

    def one(index: int) -> None:
        thread = threading.get_ident()
        recorder = recorders.get(thread) or recorders.setdefault(thread, Recorder())
        run_request(client, batch, prefix, index, recorder, share.batch_start_ns, share.busy_rounds_per_ms)

    worker.started[share.processes - 1].wait(timeout=_START_TIMEOUT_S)
    usage = Usage.now()
    worker.lanes.run(share.lanes, next_index, one)
    return merge_recorders(list(recorders.values())), Usage.now().since(usage)


def _client_for(worker: _Worker, batch: BatchSpec, lanes: int) -> RequestsClient:
    """The process's one Session, its pool sized to its lanes; a new one when the setup or the lanes change."""
    key = f"{batch.setup.key}|{lanes}"
    if worker.client is None or worker.client.key != key:
        if worker.client is not None:
            worker.client.close()
        worker.client = RequestsClient(batch.setup, batch.setup.client.pool_size(lanes), key)
    return worker.client
