"""Run a learner's ASGI app with uvicorn on 127.0.0.1, in a thread, and always stop it.

General enough for the checker library (any exercise that serves something):
`serve_on_loopback(app)` binds a socket to 127.0.0.1 on a port the OS picks (port 0,
so two checks never race for one), starts uvicorn on it in a daemon thread, waits a
bounded time for it to accept connections, and yields a `LoopbackServer`. The
exceptions uvicorn logs while answering (a 500's cause) are collected so the checker
can show the learner's own error, not just "Internal Server Error". On every way out
the server is told to exit, the thread is joined with a timeout and the socket closed.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

STARTUP_S = 10.0
SHUTDOWN_S = 5.0


class _Collect(logging.Handler):
    def __init__(self, sink: list[BaseException]) -> None:
        super().__init__(level=logging.ERROR)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            self.sink.append(record.exc_info[1])


@dataclass
class LoopbackServer:
    base_url: str
    thread: threading.Thread
    errors: list[BaseException] = field(default_factory=list)

    @property
    def alive(self) -> bool:
        return self.thread.is_alive()

    def take_errors(self) -> list[BaseException]:
        taken, self.errors[:] = list(self.errors), []
        return taken


class ServerDidNotStart(Exception):
    pass


@contextlib.contextmanager
def serve_on_loopback(app) -> Iterator[LoopbackServer]:
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="error", access_log=False, lifespan="auto", log_config=None)
    server = uvicorn.Server(config)
    errors: list[BaseException] = []
    handler = _Collect(errors)
    loggers = [logging.getLogger(name) for name in ("uvicorn.error", "uvicorn", "fastapi")]
    for logger in loggers:
        logger.addHandler(handler)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            server.run(sockets=[sock])
        except BaseException as exc:  # noqa: BLE001 - reported to the checker below
            failure.append(exc)

    thread = threading.Thread(target=run, name="dltutor-loopback-server", daemon=True)
    try:
        thread.start()
        deadline = time.monotonic() + STARTUP_S
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.02)
        if not server.started:
            why = f": {type(failure[0]).__name__}: {failure[0]}" if failure else ""
            why = why or (f": {type(errors[0]).__name__}: {errors[0]}" if errors else "")
            raise ServerDidNotStart(f"uvicorn did not start serving your app within {STARTUP_S:g} s{why}")
        yield LoopbackServer(f"http://127.0.0.1:{port}", thread, errors)
    finally:
        server.should_exit = True
        thread.join(SHUTDOWN_S)
        if thread.is_alive():
            server.force_exit = True
            thread.join(1.0)
        sock.close()
        for logger in loggers:
            logger.removeHandler(handler)
