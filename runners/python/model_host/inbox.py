"""
The protocol's stdin, read on a thread of its own: the end of stdin or a `stop` then ends the host even while
a batch runs (they interrupt the main thread with SIGTERM, which the host handles as a request to leave).
"""

from __future__ import annotations

import json
import os
import queue
import signal
import threading
from collections.abc import Iterator
from typing import Optional

_CHUNK = 1 << 16


def _is_stop(line: bytes) -> bool:
    try:
        message = json.loads(line)
    except ValueError:
        return False
    return isinstance(message, dict) and message.get("type") == "stop"


class Inbox:
    def __init__(self, fd: int = 0) -> None:
        self._fd = fd
        self._lines: queue.SimpleQueue[Optional[bytes]] = queue.SimpleQueue()
        #: True while the main thread runs a batch and reads nothing.
        self.busy = False
        self._main = threading.main_thread().ident
        # The raw descriptor, not sys.stdin: a process forked later must not inherit a buffer lock held by this thread.
        threading.Thread(target=self._read, name="protocol-stdin", daemon=True).start()

    def lines(self) -> Iterator[bytes]:
        while (line := self._lines.get()) is not None:
            yield line

    def _chunk(self) -> bytes:
        try:
            return os.read(self._fd, _CHUNK)
        except OSError:  # no stdin at all (closed or never given): as good as its end
            return b""

    def _read(self) -> None:
        pending = b""
        while chunk := self._chunk():
            *lines, pending = (pending + chunk).split(b"\n")
            for line in lines:
                self._lines.put(line)
                if self.busy and _is_stop(line):
                    self._interrupt()
        if pending:
            self._lines.put(pending)
        self._lines.put(None)
        if self.busy:
            self._interrupt()

    def _interrupt(self) -> None:
        if self._main is not None:
            signal.pthread_kill(self._main, signal.SIGTERM)
