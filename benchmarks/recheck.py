"""Re-check latency (warm worker) and one-shot `dltutor check`, for a NumPy exercise.

    python benchmarks/recheck.py [--runs 20] [--exercise softmax]

Targets (DESIGN.md): warm re-check p50 <= 150 ms; one-shot check <= 0.6 s.
Warm re-check = from "the file was saved" to the verdict in hand, with the
spare child already waiting (as in the app and `dltutor watch`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tutor.course import load_course
from tutor.runner import WarmPool
from tutor.session import Session


def _wait_ready(pool: WarmPool, torch: bool, timeout: float = 30) -> None:
    """Block until the pool's spare has said `ready` (peek at its pipe)."""
    import selectors

    spare = pool._spares.get(torch)  # noqa: SLF001 - a benchmark may look inside
    if spare is None:
        return
    sel = selectors.DefaultSelector()
    sel.register(spare.result_fd, selectors.EVENT_READ)
    sel.select(timeout)
    sel.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--exercise", default="softmax")
    args = parser.parse_args()
    course = load_course()
    ex = course.exercise(args.exercise)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DLTUTOR_HOME"] = tmp
        session = Session.open(Path(tmp) / "ws", course=course)
        path = session.workspace.file_for(ex)
        path.write_text(ex.solution.read_text())
        warm = []
        with WarmPool(cwd=tmp) as pool:
            pool.prepare(ex.uses_torch)
            for _ in range(args.runs):
                _wait_ready(pool, ex.uses_torch)
                time.sleep(0.05)
                started = time.perf_counter()
                result = session.check(ex.id, pool=pool)
                warm.append(time.perf_counter() - started)
                assert result.passed, result
        cold = []
        env = {**os.environ, "DLTUTOR_HOME": tmp}
        for _ in range(max(5, args.runs // 2)):
            started = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "tutor.cli", "check", ex.id],
                cwd=session.workspace.root,
                env=env,
                capture_output=True,
            )
            cold.append(time.perf_counter() - started)
            assert proc.returncode == 0, proc.stdout
    print(f"exercise {ex.id}: {args.runs} runs")
    print(
        f"warm re-check   median {statistics.median(warm) * 1000:7.1f} ms   "
        f"p90 {sorted(warm)[int(0.9 * len(warm)) - 1] * 1000:7.1f} ms   (target <= 150 ms)"
    )
    print(
        f"one-shot check  median {statistics.median(cold) * 1000:7.1f} ms   "
        f"max {max(cold) * 1000:7.1f} ms   (target <= 600 ms)"
    )


if __name__ == "__main__":
    main()
