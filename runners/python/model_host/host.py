"""
The model host's life (docs/runner-protocol.md): `start` -> ready, then one batch at a time -> outcome or failed,
until `stop`, stdin's end or SIGTERM; SIGINT is ignored (Ctrl-C reaches the whole group, the orchestrator decides).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Optional

from .inbox import Inbox
from .leave import Leave, handle_sigterm
from .messages import Batch, BadMessage, ProtocolOut, Start, Stop, read_message
from .models.model import Model
from .work import calibrate_busy_rounds_per_ms

_CLOSE_GRACE_S = 5.0


def start_model(start: Start, busy_rounds_per_ms: float, protocol_fd: int) -> Model:
    # Imported here: a host loads only its own model's libraries (aiohttp is slow to import, uvloop may be absent).
    if start.runner == "python-sequential":
        from .models.sequential import SequentialModel

        return SequentialModel(busy_rounds_per_ms)
    if start.runner == "python-threading":
        from .models.thread_pool import ThreadPoolModel

        return ThreadPoolModel(busy_rounds_per_ms)
    if start.runner == "python-multiprocessing":
        from .models.process_pool import ProcessPoolModel

        return ProcessPoolModel(start.pool_size, busy_rounds_per_ms, protocol_fd)
    from .models.event_loop import EventLoopModel

    return EventLoopModel(start.runner == "python-asyncio-uvloop", busy_rounds_per_ms)


def _one_line(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def serve(inbox: Inbox, out: ProtocolOut) -> None:
    model: Optional[Model] = None
    try:
        for line in inbox.lines():
            if not line.strip():
                continue
            try:
                message = read_message(line)
            except BadMessage as error:
                out.failed(error.id, error.code, str(error))
                continue
            if isinstance(message, Stop):
                return
            if isinstance(message, Start):
                if model is not None:
                    out.failed(None, "BAD_MESSAGE", "Expected one `start` message, got a second one")
                    continue
                try:
                    # Calibrated before any pool starts: process CPU time counts every thread of the process.
                    model = start_model(message, calibrate_busy_rounds_per_ms(), out.fd)
                except Exception as error:  # noqa: BLE001 -- the orchestrator hears why, in one line
                    out.failed(None, "START_FAILED", f"{message.runner} could not start: {_one_line(error)}")
                    continue
                out.send({"type": "ready", "pid": os.getpid(), "workerPids": model.worker_pids()})
                continue
            assert isinstance(message, Batch)
            if model is None:
                out.failed(message.id, "BAD_MESSAGE", "Expected a `start` message before the first batch, got a batch")
                continue
            inbox.busy = True
            try:
                wall_ms, outcome = model.run_batch(message.batch)
            except Exception as error:  # noqa: BLE001
                out.failed(message.id, "BATCH_FAILED", _one_line(error))
                continue
            finally:
                inbox.busy = False
            out.send({"type": "outcome", "id": message.id, "wallMs": wall_ms, "outcome": outcome})
    finally:
        if model is not None:
            _close_quietly(model)


def _close_quietly(model: Model) -> None:
    # Bounded: a close that hangs (a pool that will not join) must not keep the host alive.
    deadline = threading.Timer(_CLOSE_GRACE_S, os._exit, (0,))
    deadline.daemon = True
    deadline.start()
    try:
        model.close()
    except BaseException as error:  # noqa: BLE001 -- leaving anyway; say why on stderr
        print(f"model host: closing the model failed: {_one_line(error)}", file=sys.stderr)


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    handle_sigterm()
    out = ProtocolOut()
    try:
        serve(Inbox(), out)
    except (Leave, BrokenPipeError):
        # SIGTERM, or the orchestrator no longer reads what the host writes: either way, leave.
        pass
    sys.stderr.flush()
    # Not a normal exit: threads blocked in a request (a stalled server) would hold it up.
    os._exit(0)
