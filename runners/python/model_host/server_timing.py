"""The mock server's `Server-Timing: queue;dur=<ms>, serve;dur=<ms>` (other metrics, such as `late`, are ignored)."""

from __future__ import annotations

import math
import re
from typing import Optional

_METRIC = re.compile(r"(?:^|[,\s])(queue|serve);dur=([0-9.eE+-]+)")


def parse_server_timing(header: Optional[str]) -> tuple[float, float]:
    """(queue ms, serve ms): a header with one of them counts the other as 0; with neither (or none), both NaN."""
    if not header:
        return math.nan, math.nan
    found: dict[str, float] = {}
    for name, value in _METRIC.findall(header):
        try:
            number = float(value)
        except ValueError:
            continue
        if math.isfinite(number):
            found.setdefault(name, number)
    if not found:
        return math.nan, math.nan
    return found.get("queue", 0.0), found.get("serve", 0.0)
