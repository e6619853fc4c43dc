"""
python-threading: concurrent.futures.ThreadPoolExecutor(max_workers=<in flight>) mapping a fetch over the batch,
one requests.Session per thread (thread-local), its HTTPAdapter sized to the threads (the articles' 6 s row).
"""

from __future__ import annotations

import gc
import threading
from concurrent.futures import ThreadPoolExecutor
from time import perf_counter_ns
from typing import Optional

from ..batch_spec import BatchSpec, Setup
from ..outcome import Recorder, Usage, outcome_of
from ..request_step import run_request
from ..requests_client import RequestsClient
from ..tries import identity_prefix
from .model import Outcome


class ThreadPoolModel:
    def __init__(self, busy_rounds_per_ms: float) -> None:
        self._busy_rounds_per_ms = busy_rounds_per_ms
        self._executor: Optional[ThreadPoolExecutor] = None
        self._threads = 0
        self._local = threading.local()
        self._clients: list[RequestsClient] = []

    def worker_pids(self) -> list[int]:
        return []

    def run_batch(self, batch: BatchSpec) -> tuple[float, Outcome]:
        executor = self._executor_for(batch)
        prefix = identity_prefix(batch)
        recorders: dict[int, Recorder] = {}
        start = 0

        def fetch(index: int) -> None:
            thread = threading.get_ident()
            recorder = recorders.get(thread) or recorders.setdefault(thread, Recorder())
            run_request(self._client(batch.setup), batch, prefix, index, recorder, start, self._busy_rounds_per_ms)

        gc.collect()
        usage = Usage.now()
        start = perf_counter_ns()
        for _ in executor.map(fetch, range(batch.requests)):
            pass
        wall_ms = (perf_counter_ns() - start) / 1e6
        return wall_ms, outcome_of(list(recorders.values()), [Usage.now().since(usage)])

    def _executor_for(self, batch: BatchSpec) -> ThreadPoolExecutor:
        """A pool of exactly the level's threads, started and given their sessions before the batch is timed."""
        if self._executor is None or self._threads != batch.concurrency:
            self._shutdown()
            self._threads = batch.concurrency
            self._executor = ThreadPoolExecutor(max_workers=self._threads, thread_name_prefix="fetch")
        # Every thread takes one of these (none returns until all have one), so each has its session ready.
        ready = threading.Barrier(self._threads)

        def warm(_: int) -> None:
            self._client(batch.setup)
            ready.wait(timeout=30)

        for _ in self._executor.map(warm, range(self._threads)):
            pass
        return self._executor

    def _client(self, setup: Setup) -> RequestsClient:
        client: Optional[RequestsClient] = getattr(self._local, "client", None)
        if client is None or client.key != setup.key:
            if client is not None:
                client.close()
                self._clients.remove(client)
            client = RequestsClient(setup, setup.client.pool_size(self._threads))
            self._local.client = client
            self._clients.append(client)
        return client

    def _shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        for client in self._clients:
            client.close()
        self._clients.clear()
        # The old threads are gone with their thread-locals; the new ones start without a session.
        self._local = threading.local()

    def close(self) -> None:
        self._shutdown()
