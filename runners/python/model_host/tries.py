"""One try of a request and the rule for trying again, shared by the requests and the aiohttp clients."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from .backoff import jitter_random, retry_delay_ms
from .batch_spec import BatchSpec
from .outcome import Answer

IDENTITY_HEADER = "x-cb-request"


def identity_prefix(batch: BatchSpec) -> Optional[str]:
    """`<stream>.<iteration>.`, built once per batch: a try's identity is then `<prefix><index>.<attempt>`."""
    return f"{batch.stream}.{batch.iteration}." if batch.setup.identity_header else None


@dataclass
class Try:
    """What one try got: status 0 and an error kind when no answer came (or its body failed)."""

    status: int = 0
    byte_count: int = 0
    error_kind: Optional[str] = None
    body: Optional[bytes] = None
    retry_after: Optional[str] = None
    server_queue_ms: float = math.nan
    server_serve_ms: float = math.nan

    def answer(self, attempts: int, backoff_ms: float) -> Answer:
        return Answer(
            self.status, self.byte_count, self.error_kind, self.body, attempts, backoff_ms, self.server_queue_ms, self.server_serve_ms
        )


def wait_before_retry_ms(batch: BatchSpec, index: int, tried: Try, retries_used: int) -> Optional[float]:
    """None when this try is the last (it succeeded, its kind is not retried, or no retry is left), else the wait."""
    policy = batch.setup.client.retry
    kind = tried.error_kind
    if kind is None or retries_used >= policy.max_retries or kind not in policy.retry_on:
        return None
    random = jitter_random(batch.setup.seed, batch.stream, batch.iteration, index, retries_used)
    return retry_delay_ms(retries_used, policy, tried.retry_after, random)
