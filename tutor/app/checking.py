"""The UI's side of running checks: one warm pool, cancel flags, event streams.

`session.check` blocks, so screens call it from thread workers; the
`CheckStream` they pass as `sink` turns runner events into messages. The app
owns one `CheckControl`: quitting sets every cancel flag (the supervisor then
kills the child's process group) and closes the pool, so no child outlives
the app.
"""

from __future__ import annotations

import threading
import time

from textual.message_pump import MessagePump

from tutor.app.messages import CheckEvent, CurvePoints
from tutor.protocol import Curve, CurveEvent, Event, NoteEvent, StepEvent, TargetEvent
from tutor.runner import WarmPool

CURVE_POST_INTERVAL_S = 0.1  # at most ~10 curve redraws a second


class CheckStream:
    """The event sink of one check; called on the check's thread."""

    def __init__(self, target: MessagePump, generation: int) -> None:
        self._target = target
        self.generation = generation
        self._lock = threading.Lock()
        self._curves: dict[str, Curve] = {}
        self._last_post = 0.0
        self._trailing: threading.Timer | None = None

    def __call__(self, event: Event) -> None:
        if isinstance(event, CurveEvent):
            with self._lock:
                self._curves.setdefault(event.series, []).append((event.step, event.value))
                now = time.monotonic()
                wait = CURVE_POST_INTERVAL_S - (now - self._last_post)
                due = wait <= 0
                if due:
                    self._last_post = now
                elif self._trailing is None:
                    # Points held back by the rate limit are still shown when training then
                    # pauses (a slow epoch): one trailing post after the interval.
                    self._trailing = threading.Timer(wait, self._post_trailing)
                    self._trailing.daemon = True
                    self._trailing.start()
            if due:
                self._target.post_message(CurvePoints(self.generation))
        elif isinstance(event, StepEvent | TargetEvent | NoteEvent):
            self._target.post_message(CheckEvent(self.generation, event))

    def _post_trailing(self) -> None:
        with self._lock:
            self._trailing = None
            self._last_post = time.monotonic()
        self._target.post_message(CurvePoints(self.generation))

    def curves(self) -> dict[str, Curve]:
        with self._lock:
            return {name: list(points) for name, points in self._curves.items()}


class CheckControl:
    """The app's warm pool and the cancel flags of every running check."""

    def __init__(self, cwd: str) -> None:
        self._cwd = cwd
        self._pool: WarmPool | None = None
        self._cancels: set[threading.Event] = set()
        self._lock = threading.Lock()
        self.closed = False

    @property
    def pool(self) -> WarmPool:
        with self._lock:
            if self._pool is None:
                self._pool = WarmPool(cwd=self._cwd)
            return self._pool

    def prepare(self, torch: bool) -> None:
        """Start a spare child ahead of the first check (call from a worker thread)."""
        if not self.closed:
            self.pool.prepare(torch)

    def begin(self) -> threading.Event:
        cancel = threading.Event()
        with self._lock:
            if self.closed:
                cancel.set()
            self._cancels.add(cancel)
        return cancel

    def end(self, cancel: threading.Event) -> None:
        with self._lock:
            self._cancels.discard(cancel)

    def close(self) -> None:
        """Cancel every check and stop the spares; idempotent."""
        with self._lock:
            self.closed = True
            cancels, pool = list(self._cancels), self._pool
        for cancel in cancels:
            cancel.set()
        if pool is not None:
            pool.close()
