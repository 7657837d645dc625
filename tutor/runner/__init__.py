"""Runs learner code out of the UI/CLI process and streams what happens.

result = run_check(request, sink=print_event, pool=warm_pool)
"""

from __future__ import annotations

import threading

from tutor.protocol import CheckRequest, CheckResult, EventSink
from tutor.runner.pool import WarmPool
from tutor.runner.supervisor import spawn_child, supervise


def run_check(
    request: CheckRequest,
    *,
    sink: EventSink | None = None,
    pool: WarmPool | None = None,
    cancel: threading.Event | None = None,
    cwd: str | None = None,
) -> CheckResult:
    """Run one check in a child process (warm from `pool` if given) and return its verdict."""
    child = pool.acquire(request.uses_torch) if pool is not None else spawn_child(request.uses_torch, cwd)
    return supervise(child, request, sink=sink, cancel=cancel)


__all__ = ["CheckRequest", "CheckResult", "EventSink", "WarmPool", "run_check"]
