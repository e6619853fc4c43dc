"""One request of a batch as every blocking model runs it: fetch (with retries), then the CPU work, recorded."""

from __future__ import annotations

from time import perf_counter_ns
from typing import Optional

from .batch_spec import BatchSpec
from .outcome import Recorder
from .requests_client import RequestsClient
from .work import do_work


def run_request(
    client: RequestsClient, batch: BatchSpec, prefix: Optional[str], index: int, recorder: Recorder, batch_start_ns: int, busy_rounds_per_ms: float
) -> None:
    """Every request counts as submitted when the batch starts: the time until it begins is its slot wait."""
    begin = perf_counter_ns()
    answer = client.fetch(batch, prefix, index)
    answered = perf_counter_ns()
    work_ns = 0
    work = batch.setup.cpu_work
    if work.kind != "none" and answer.error_kind is None:
        do_work(work, answer.body or b"", busy_rounds_per_ms)
        work_ns = perf_counter_ns() - answered
    recorder.record(answered - begin, answer, begin - batch_start_ns, work_ns)
