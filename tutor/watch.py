"""Noticing saves, for the CLI's `dltutor watch` and the app's exercise screen alike.

`FileWatcher` watches the file's folder with watchfiles (editors that save
by rename are seen) and wakes at least once a second even without events;
each wake compares the file's content hash, so network filesystems that send
no events (NFS, some container mounts) are still caught within a second, and
touching a file without changing it never triggers a check. Where inotify is
unavailable it falls back to the hash poll alone.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.workspace import file_digest

if TYPE_CHECKING:
    from tutor.course import Exercise
    from tutor.session import Session


class FileWatcher:
    """Calls `on_change(digest)` from its own thread when `path`'s content changes."""

    def __init__(
        self, path: Path, on_change: Callable[[str], object], *, poll_s: float = 1.0, use_events: bool = True
    ) -> None:
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
        """The caller changed the file itself (reset): do not report that as a save."""
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

        for _changes in watchfiles.watch(
            self.path.parent,
            stop_event=self._stop,
            debounce=150,
            step=50,
            rust_timeout=int(self._poll_s * 1000),
            yield_on_timeout=True,
            raise_interrupt=False,
        ):
            self._poke()


def watch(
    session: Session,
    ex: Exercise,
    *,
    device: str = "auto",
    poll: bool = False,
    stay: bool = False,
    stop: threading.Event | None = None,
    max_checks: int | None = None,
) -> int:
    """`dltutor watch`: check once, then again after every save, until Ctrl-C (or `stop`).

    After a pass it moves on to the next unsolved exercise of the track (as rustlings does)
    and checks that one at once; `stay` keeps it on the same exercise.
    """
    from tutor.report import Painter, format_result
    from tutor.runner import WarmPool

    paint = Painter()
    stop = stop or threading.Event()
    saves: queue.Queue[str] = queue.Queue()
    checks = 0
    watcher: FileWatcher | None = None

    def follow(exercise: Exercise) -> FileWatcher:
        path = session.workspace.file_for(exercise)
        session.remember(exercise.id)
        print(paint(f"watching {exercise.id}: {path} — save to re-check, Ctrl-C to stop", "dim"), flush=True)
        started = FileWatcher(path, saves.put, use_events=not poll)
        started.start()
        return started

    with WarmPool(cwd=str(session.workspace.root)) as pool:
        pool.prepare(ex.uses_torch)
        watcher = follow(ex)
        try:
            pending = True  # check once at start
            while not stop.is_set():
                if not pending:
                    try:
                        saves.get(timeout=0.5)
                    except queue.Empty:
                        continue
                pending = False
                result = session.check(ex.id, device=device, pool=pool)
                checks += 1
                print(format_result(result, paint, title=f"{ex.id} — {ex.title}"), flush=True)
                if max_checks is not None and checks >= max_checks:
                    break
                if not result.passed:
                    continue
                following = None if stay else session.next_exercise()
                if stay:
                    print(paint("  passed! still watching it (--stay).", "green"), flush=True)
                    continue
                if following is None:
                    print(
                        paint("  passed — and that was the last unsolved exercise of your track.", "green"), flush=True
                    )
                    break
                print(
                    paint(
                        f"  passed! moving on to {following.id} — {following.title} "
                        f"(`dltutor watch {ex.id} --stay` stays on one exercise)",
                        "green",
                    ),
                    flush=True,
                )
                watcher.stop()
                ex = following
                pool.prepare(ex.uses_torch)
                watcher = follow(ex)
                pending = True
        except KeyboardInterrupt:
            pass
        finally:
            watcher.stop()
    return 0
