"""`dltutor watch`: re-check on every save, in a plain terminal.

File events come from watchfiles (watching the folder, so editors that save
by rename are seen); every second without events the file's hash is compared
too, which is the polling fallback for filesystems that send no events (NFS,
some container mounts). Only a real content change triggers a check.
"""

from __future__ import annotations

import threading
from pathlib import Path

from tutor.course import Exercise
from tutor.report import Painter, format_result
from tutor.runner import WarmPool
from tutor.session import Session
from tutor.workspace import file_digest


def watch(session: Session, ex: Exercise, *, device: str = "auto", poll: bool = False,
          stop: threading.Event | None = None, max_checks: int | None = None) -> int:
    import watchfiles

    paint = Painter()
    path = session.workspace.file_for(ex)
    session.remember(ex.id)
    stop = stop or threading.Event()
    print(paint(f"watching {path} — save to re-check, Ctrl-C to stop", "dim"), flush=True)
    last_digest = None
    checks = 0
    with WarmPool(cwd=str(session.workspace.root)) as pool:
        pool.prepare(ex.uses_torch)
        try:
            for _changes in _events(watchfiles, path, stop, poll):
                digest = file_digest(path)
                if digest == last_digest or not digest:
                    continue
                last_digest = digest
                result = session.check(ex.id, device=device, pool=pool)
                checks += 1
                print(format_result(result, paint, title=f"{ex.id} — {ex.title}"), flush=True)
                if result.passed:
                    print(paint("  passed! `dltutor list` shows what is next.", "green"), flush=True)
                if max_checks is not None and checks >= max_checks:
                    break
        except KeyboardInterrupt:
            pass
    return 0


def _events(watchfiles, path: Path, stop: threading.Event, poll: bool):
    yield set()  # check once at start
    yield from watchfiles.watch(path.parent, stop_event=stop, yield_on_timeout=True,
                                    rust_timeout=1000, debounce=200, force_polling=poll or None,
                                    raise_interrupt=True)
