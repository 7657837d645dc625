"""Cold start of the app: process start -> first screen mounted (target <= 0.5 s, RSS <= 100 MB).

    python benchmarks/app_startup.py [--runs 10]

Each run is a fresh interpreter that builds the real app on the shipped
course and a fresh workspace, runs it headless at 80x24, and reports the
moment the roadmap has been mounted and rendered, measured from the process's
own start time in /proc (so interpreter start-up and imports count).

Interleaved with those runs, a bare Textual app (a header, a line of text, a
footer) is started the same way: the floor no Textual app on this machine gets
under, at the same minute. This machine's speed drifts by tens of percent
within an hour, so "dltutor minus bare" is the number to compare across days.
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

if sys.argv[1] == "--bare":
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("hello")
            yield Footer()

    app = Bare()
else:
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
    times, rss, bare = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DLTUTOR_HOME": tmp}

        def probe(target: str) -> dict:
            command = [sys.executable, "-c", PROBE, target]
            out = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
            return json.loads(out.stdout.strip().splitlines()[-1])

        for i in range(args.runs + 1):
            doc = probe(os.path.join(tmp, "ws"))
            assert not doc["torch"], "the UI process imported torch"
            floor = probe("--bare")
            if i == 0:
                continue  # the first run also creates the workspace and warms the page cache
            times.append(doc["first_screen_s"])
            rss.append(doc["rss_mb"])
            bare.append(floor["first_screen_s"])
    print(
        f"first screen ({doc['screen']}): median {statistics.median(times):.3f} s, "
        f"min {min(times):.3f} s, max {max(times):.3f} s over {args.runs} runs (target <= 0.5 s)"
    )
    print(
        f"bare Textual app, same runs: median {statistics.median(bare):.3f} s; "
        f"dltutor's own share: median {statistics.median(t - b for t, b in zip(times, bare, strict=True)):.3f} s"
    )
    print(f"RSS at first screen: median {statistics.median(rss):.0f} MB (target <= 100 MB)")


if __name__ == "__main__":
    main()
