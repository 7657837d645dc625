"""Course self-test time: every reference solution checked, per stage (target <= 3 min on 2 cores).

python benchmarks/selftest.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

from tutor.course import load_course


def main() -> None:
    course = load_course()
    stage_of = {ex.id: ex.stage_id for ex in course.exercises()}
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "tutor.cli", "check", "--all", "--solutions", "--json"],
            capture_output=True,
            text=True,
            env={**os.environ, "DLTUTOR_HOME": tmp},
        )
        wall = time.perf_counter() - started
    doc = json.loads(proc.stdout)
    per_stage: dict[str, list[float]] = defaultdict(list)
    for result in doc["results"]:
        per_stage[stage_of[result["exercise"]]].append(result["duration_s"])
    for stage, times in per_stage.items():
        print(f"{stage:<24} {len(times):3d} exercises  {sum(times):6.1f} s   slowest {max(times):5.2f} s")
    slow = sorted(doc["results"], key=lambda r: -r["duration_s"])[:5]
    print("slowest:", ", ".join(f"{r['exercise']} {r['duration_s']:.2f}s" for r in slow))
    print(f"{doc['passed']} passed, {doc['failed']} failed; whole self-test {wall:.1f} s wall (target <= 180 s)")


if __name__ == "__main__":
    main()
