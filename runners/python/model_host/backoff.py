"""Retry waits, ported from runners/backoff.ts so a retried request waits what it would wait in a Node model."""

from __future__ import annotations

import re
import time
from email.utils import parsedate_to_datetime
from typing import Optional

from .batch_spec import RetryPolicy

_UINT32 = 0xFFFFFFFF
_JITTER_SALT = 0x5BD1E995
_DELAY_SECONDS = re.compile(r"\d+(\.\d+)?")


def _mix(hash_: int, word: int) -> int:
    """murmur3's finaliser over one more 32-bit word, in unsigned 32-bit arithmetic as Math.imul and >>> compute it."""
    h = ((hash_ ^ (word & _UINT32)) * 0x85EBCA6B) & _UINT32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & _UINT32
    return h ^ (h >> 16)


def jitter_random(seed: int, stream: int, iteration: int, index: int, retry: int) -> float:
    """The jitter draw in [0, 1) for retry `retry` (0 = first retry) of one request: bit for bit jitterRandom()."""
    hash_ = _mix(_mix(_mix(_mix(_mix(_JITTER_SALT, seed), stream), iteration), index), retry)
    return hash_ / 4294967296


def parse_retry_after_ms(value: Optional[str], now_s: Optional[float] = None) -> Optional[float]:
    """Retry-After as delay-seconds or an HTTP date, in milliseconds; None when absent or unreadable."""
    if value is None or value.strip() == "":
        return None
    trimmed = value.strip()
    if _DELAY_SECONDS.fullmatch(trimmed):
        return float(trimmed) * 1000
    try:
        when = parsedate_to_datetime(trimmed)
    except (TypeError, ValueError, IndexError):
        return None
    now = time.time() if now_s is None else now_s
    return max(0.0, (when.timestamp() - now) * 1000)


def retry_delay_ms(retry: int, policy: RetryPolicy, retry_after: Optional[str], random: float) -> float:
    """The server's Retry-After when sent and honoured (capped), else full-jitter exponential backoff."""
    asked = parse_retry_after_ms(retry_after) if policy.honour_retry_after else None
    if asked is not None:
        return min(asked, policy.max_retry_after_ms)
    return random * min(policy.max_delay_ms, policy.base_delay_ms * 2.0**retry)
