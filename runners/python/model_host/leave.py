"""SIGTERM asks the host to leave, wherever it is: the handler raises Leave, and the host closes what it holds and exits 0."""

from __future__ import annotations

import signal
from types import FrameType
from typing import Optional


class Leave(BaseException):
    """Not an Exception: no `except Exception` on the way up may swallow it."""


def _on_sigterm(_signal: int, _frame: Optional[FrameType]) -> None:
    raise Leave()


def handle_sigterm() -> None:
    """Installs the handler (again, after an event loop held the signal for a batch)."""
    signal.signal(signal.SIGTERM, _on_sigterm)
