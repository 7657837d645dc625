"""Cold start of the app: process start -> first screen mounted (target <= 0.5 s, RSS <= 100 MB).

    python benchmarks/app_startup.py [--runs 10]

Each run is a fresh interpreter that builds the real app on the shipped
course and a fresh workspace, runs it headless at 80x24, and reports the
moment the roadmap has been mounted and rendered, measured from the process's
own start time in /proc (so interpreter start-up and imports count).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

PROBE = r"""
import os, time
ticks = os.sysconf("SC_CLK_TCK")
with open("/proc/self/stat") as f:
    start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
with open("/proc/uptime") as f:
    uptime = float(f.read().split()[0])
boot = time.time() - uptime
process_start = boot + start_ticks / ticks

import asyncio, json, sys
from pathlib import Path
from tutor.session import Session
from tutor.app.app import TutorApp

session = Session.open(Path(sys.argv[1]))
app = TutorApp(session)

async def main():
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        elapsed = time.time() - process_start
        with open("/proc/self/status") as status:
            rss = next(int(l.split()[1]) for l in status if l.startswith("VmRSS:")) / 1024
        print(json.dumps({"first_screen_s": elapsed, "screen": type(app.screen).__name__, "rss_mb": rss,
                          "torch": "torch" in sys.modules}))

asyncio.run(main())
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    times, rss = [], []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DLTUTOR_HOME": tmp}
        for i in range(args.runs + 1):
            out = subprocess.run(
                [sys.executable, "-c", PROBE, os.path.join(tmp, "ws")],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            )
            doc = json.loads(out.stdout.strip().splitlines()[-1])
            assert not doc["torch"], "the UI process imported torch"
            if i == 0:
                continue  # the first run also creates the workspace and warms the page cache
            times.append(doc["first_screen_s"])
            rss.append(doc["rss_mb"])
    print(
        f"first screen ({doc['screen']}): median {statistics.median(times):.3f} s, "
        f"min {min(times):.3f} s, max {max(times):.3f} s over {args.runs} runs (target <= 0.5 s)"
    )
    print(f"RSS at first screen: median {statistics.median(rss):.0f} MB (target <= 100 MB)")


if __name__ == "__main__":
    main()
