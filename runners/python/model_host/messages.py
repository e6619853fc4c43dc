"""The protocol's messages (docs/runner-protocol.md): lines read from stdin, lines written to the protocol's stdout."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from typing import IO, Any, Optional, Union

from .fields import BadField, Fields
from .batch_spec import BatchSpec, Unsupported, read_batch

PROTOCOL = 1
RUNNERS = ("python-sequential", "python-threading", "python-multiprocessing", "python-asyncio", "python-asyncio-uvloop")


class BadMessage(ValueError):
    """
    A line the host cannot act on: not a message it understands (BAD_MESSAGE), or a batch asking for a feature
    Python hosts do not have (UNSUPPORTED); `id` when the line had one.
    """

    def __init__(self, message: str, id_: Optional[int] = None, code: str = "BAD_MESSAGE") -> None:
        super().__init__(message)
        self.id = id_
        self.code = code


@dataclass(frozen=True)
class Start:
    runner: str
    pool_size: int


@dataclass(frozen=True)
class Batch:
    id: int
    batch: BatchSpec


@dataclass(frozen=True)
class Stop:
    pass


Message = Union[Start, Batch, Stop]


def read_message(line: bytes) -> Message:
    """One line as a message, or BadMessage naming what was wrong."""
    try:
        value = json.loads(line)
    except ValueError as error:
        raise BadMessage(f"Expected a JSON object on one line, got `{_excerpt(line)}` ({error})") from None
    if not isinstance(value, dict):
        raise BadMessage(f"Expected a JSON object on one line, got `{_excerpt(line)}`")
    id_ = value.get("id")
    id_ = id_ if isinstance(id_, int) and not isinstance(id_, bool) else None
    try:
        fields = Fields(value, "")
        kind = fields.choice("type", ("start", "batch", "stop"))
        if kind == "start":
            protocol = fields.integer("protocol", 1, 1_000_000, PROTOCOL)
            if protocol != PROTOCOL:
                raise BadField("protocol", f"{PROTOCOL}", protocol)
            return Start(fields.choice("runner", RUNNERS), fields.integer("poolSize", 1, 1024, 1))
        if kind == "batch":
            if id_ is None:
                raise BadField("id", "an integer", fields.raw("id"))
            return Batch(id_, read_batch(fields.object("batch")))
        return Stop()
    except BadField as error:
        raise BadMessage(str(error), id_) from None
    except Unsupported as error:
        raise BadMessage(str(error), id_, "UNSUPPORTED") from None


def _excerpt(line: bytes) -> str:
    text = line.decode("utf-8", "replace").strip()
    return text if len(text) <= 60 else text[:57] + "..."


class ProtocolOut:
    """
    The protocol's own copy of stdout. Taking it points file descriptor 1 at stderr, so nothing else printed by
    this process, its libraries or its children can land among the protocol's lines.
    """

    def __init__(self) -> None:
        sys.stdout.flush()
        self.fd = os.dup(1)
        os.dup2(2, 1)
        self._out: IO[str] = os.fdopen(self.fd, "w", encoding="utf-8", closefd=False)

    def send(self, message: dict[str, Any]) -> None:
        self._out.write(json.dumps(message, separators=(",", ":"), allow_nan=False) + "\n")
        self._out.flush()

    def failed(self, id_: Optional[int], code: str, message: str) -> None:
        one_line = " ".join(message.split()) or code
        self.send({"type": "failed", "id": id_, "code": code, "message": one_line})
