"""SIGTERM asks the host to leave, wherever it is: the handler raises Leave, and the host closes what it holds and exits 0."""

from __future__ import annotations

import os
import signal
from types import FrameType
from typing import Optional

_host_pid = 0


class Leave(BaseException):
    """Not an Exception: no `except Exception` on the way up may swallow it."""


def _on_sigterm(_signal: int, _frame: Optional[FrameType]) -> None:
    if os.getpid() != _host_pid:
        # A pool worker forked with this handler, terminated before its initializer replaced it.
        os._exit(0)
    raise Leave()


def handle_sigterm() -> None:
    """Installs the handler (again, after an event loop held the signal for a batch)."""
    global _host_pid
    _host_pid = os.getpid()
    signal.signal(signal.SIGTERM, _on_sigterm)
