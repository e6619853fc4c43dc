"""python-sequential: a requests.Session loop, one request after another (the articles' 16 s row)."""

from __future__ import annotations

import gc
from time import perf_counter_ns
from typing import Optional

from ..batch_spec import BatchSpec
from ..outcome import Recorder, Usage, outcome_of
from ..request_step import run_request
from ..requests_client import RequestsClient
from ..tries import identity_prefix
from .model import Outcome


class SequentialModel:
    def __init__(self, busy_rounds_per_ms: float) -> None:
        self._busy_rounds_per_ms = busy_rounds_per_ms
        self._client: Optional[RequestsClient] = None

    def worker_pids(self) -> list[int]:
        return []

    def run_batch(self, batch: BatchSpec) -> tuple[float, Outcome]:
        client = self._client_for(batch)
        prefix = identity_prefix(batch)
        recorder = Recorder()
        gc.collect()
        usage = Usage.now()
        start = perf_counter_ns()
        for index in range(batch.requests):
            run_request(client, batch, prefix, index, recorder, start, self._busy_rounds_per_ms)
        wall_ms = (perf_counter_ns() - start) / 1e6
        return wall_ms, outcome_of([recorder], [Usage.now().since(usage)])

    def _client_for(self, batch: BatchSpec) -> RequestsClient:
        if self._client is None or self._client.key != batch.setup.key:
            if self._client is not None:
                self._client.close()
            self._client = RequestsClient(batch.setup, 1)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
