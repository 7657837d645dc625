"""What goes into a check and what comes out, as plain data.

The child speaks JSON lines on a dedicated pipe (never stdout, which the
learner's prints share): `ready`, `step`, `curve`, `target`, `note`,
`verdict`. Every event carries the child's pid, so a process the learner
forked cannot speak for the check.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

STATUSES = ("pass", "fail", "error")


@dataclass(frozen=True)
class CheckRequest:
    exercise_id: str
    learner_path: str
    checker_path: str
    reference_path: str
    seed: int
    device: str  # "auto" | "cpu" | "cuda"
    uses_torch: bool
    time_limit_s: float
    memory_mb: int
    cache_dir: str | None = None
    numpy_only: bool = False  # the exercise's manifest says so: the runner enforces it

    def to_line(self) -> bytes:
        return (json.dumps(asdict(self)) + "\n").encode()

    @classmethod
    def from_line(cls, line: str | bytes) -> CheckRequest:
        return cls(**json.loads(line))


@dataclass
class CheckResult:
    exercise: str
    status: str
    device: str
    seed: int
    duration_s: float
    message: str = ""
    steps: list[dict[str, Any]] = field(default_factory=list)
    curves: dict[str, list[list[float]]] = field(default_factory=dict)
    targets: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    output: str = ""  # what the learner's code printed (trimmed)
    usage_error: bool = False  # e.g. cuda asked for but missing: the CLI exits 2

    @property
    def passed(self) -> bool:
        return self.status == "pass"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("usage_error")
        data["duration_s"] = round(self.duration_s, 3)
        return data
