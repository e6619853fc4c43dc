"""
python-asyncio and python-asyncio-uvloop: one event loop, one aiohttp.ClientSession whose
TCPConnector(limit=<in flight>) holds the connections, and as many lanes (coroutines) as the level's in flight,
each taking the next index when its previous request ends (the articles' 3 s row).
"""

from __future__ import annotations

import asyncio
import gc
import signal
from time import perf_counter_ns
from typing import Optional

from ..aiohttp_client import AiohttpClient
from ..batch_spec import BatchSpec
from ..leave import Leave, handle_sigterm
from ..outcome import Recorder, Usage, outcome_of
from ..tries import identity_prefix
from ..work import do_work
from .model import Outcome


def new_loop(use_uvloop: bool) -> asyncio.AbstractEventLoop:
    if use_uvloop:
        import uvloop

        return uvloop.new_event_loop()
    return asyncio.new_event_loop()


class EventLoopModel:
    def __init__(self, use_uvloop: bool, busy_rounds_per_ms: float) -> None:
        self._busy_rounds_per_ms = busy_rounds_per_ms
        self._loop = new_loop(use_uvloop)
        asyncio.set_event_loop(self._loop)
        self._client: Optional[AiohttpClient] = None

    def worker_pids(self) -> list[int]:
        return []

    def run_batch(self, batch: BatchSpec) -> tuple[float, Outcome]:
        """
        While the loop runs, SIGTERM is the loop's to handle (uvloop would not run the host's handler until the
        batch ended): it cancels the batch, and the host then leaves.
        """
        batch = self._loop.create_task(self._run(batch))
        terminated = False

        def on_sigterm() -> None:
            nonlocal terminated
            terminated = True
            batch.cancel()

        self._loop.add_signal_handler(signal.SIGTERM, on_sigterm)
        try:
            return self._loop.run_until_complete(batch)
        except asyncio.CancelledError:
            if terminated:
                raise Leave() from None
            raise
        finally:
            self._loop.remove_signal_handler(signal.SIGTERM)
            handle_sigterm()

    async def _run(self, batch: BatchSpec) -> tuple[float, Outcome]:
        client = await self._client_for(batch)
        prefix = identity_prefix(batch)
        recorder = Recorder()
        work = batch.setup.cpu_work
        working = work.kind != "none"
        rounds_per_ms = self._busy_rounds_per_ms
        next_index = 0
        gc.collect()
        usage = Usage.now()
        start = perf_counter_ns()

        async def lane() -> None:
            nonlocal next_index
            while next_index < batch.requests:
                index = next_index
                next_index += 1
                begin = perf_counter_ns()
                answer = await client.fetch(batch, prefix, index)
                answered = perf_counter_ns()
                work_ns = 0
                if working and answer.error_kind is None:
                    do_work(work, answer.body or b"", rounds_per_ms)
                    work_ns = perf_counter_ns() - answered
                recorder.record(answered - begin, answer, begin - start, work_ns)

        await asyncio.gather(*(lane() for _ in range(min(batch.concurrency, max(1, batch.requests)))))
        wall_ms = (perf_counter_ns() - start) / 1e6
        return wall_ms, outcome_of([recorder], [Usage.now().since(usage)])

    async def _client_for(self, batch: BatchSpec) -> AiohttpClient:
        """One session per setup and in flight (its connector's limit); made on this loop, outside the timed batch."""
        key = (batch.setup.key, batch.concurrency)
        if self._client is None or self._client.key != key:
            if self._client is not None:
                await self._client.close()
            self._client = AiohttpClient(batch.setup, batch.concurrency)
        return self._client

    def close(self) -> None:
        if self._client is not None and not self._loop.is_running():
            self._loop.run_until_complete(self._client.close())
        self._loop.close()
