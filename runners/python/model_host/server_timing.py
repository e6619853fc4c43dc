"""The mock server's `Server-Timing: queue;dur=<ms>, serve;dur=<ms>` (other metrics, such as `late`, are ignored)."""

from __future__ import annotations

import math
from typing import Optional

_QUEUE = "queue;dur="
_SERVE = "serve;dur="


def _metric_ms(header: str, needle: str) -> float:
    """`<name>;dur=<ms>` as a number, read in place with str.find (this runs once per request); NaN when absent."""
    at = header.find(needle)
    if at < 0:
        return math.nan
    start = at + len(needle)
    end = start
    while end < len(header) and header[end] not in ",; ":
        end += 1
    try:
        value = float(header[start:end])
    except ValueError:
        return math.nan
    return value if math.isfinite(value) else math.nan


def parse_server_timing(header: Optional[str]) -> tuple[float, float]:
    """(queue ms, serve ms): a header with one of them counts the other as 0; with neither (or none), both NaN."""
    if not header:
        return math.nan, math.nan
    queue_ms = _metric_ms(header, _QUEUE)
    serve_ms = _metric_ms(header, _SERVE)
    if math.isnan(queue_ms) and math.isnan(serve_ms):
        return math.nan, math.nan
    return (0.0 if math.isnan(queue_ms) else queue_ms), (0.0 if math.isnan(serve_ms) else serve_ms)
