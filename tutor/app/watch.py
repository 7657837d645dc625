"""Noticing saves: watchfiles events, with a hash poll as the fallback.

The watcher thread watches the file's folder (editors that save by rename
are seen) and wakes at least once a second even without events; each wake
compares the file's content hash, so network filesystems that send no
events are still caught within a second, and touching a file without
changing it never triggers a check.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from tutor.workspace import file_digest


class FileWatcher:
    """Calls `on_change(digest)` from its own thread when `path`'s content changes."""

    def __init__(self, path: Path, on_change: Callable[[str], object], *, poll_s: float = 1.0,
                 use_events: bool = True) -> None:
        self.path = path
        self._on_change = on_change
        self._poll_s = poll_s
        self._use_events = use_events
        self._stop = threading.Event()
        self._last = file_digest(path)
        self._thread = threading.Thread(target=self._run, name=f"watch {path.name}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def seen(self, content_digest: str) -> None:
        """The app changed the file itself (reset): do not report that as a save."""
        self._last = content_digest

    def _poke(self) -> None:
        now = file_digest(self.path)
        if now and now != self._last:
            self._last = now
            self._on_change(now)

    def _run(self) -> None:
        if self._use_events:
            try:
                self._run_events()
                return
            except (ImportError, OSError, RuntimeError):
                pass  # no inotify here (watch limit, odd filesystem): the poll below still works
        while not self._stop.wait(self._poll_s):
            self._poke()

    def _run_events(self) -> None:
        import watchfiles

        for _changes in watchfiles.watch(self.path.parent, stop_event=self._stop, debounce=150,
                                         step=50, rust_timeout=int(self._poll_s * 1000),
                                         yield_on_timeout=True, raise_interrupt=False):
            self._poke()
