"""Randomised property checks that show the failing input.

A property is a function of one generated input returning None when it holds
or a message saying how it failed; the first failing input is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from tutor.checks.core import Checker


def _short_repr(value: Any, limit: int = 300) -> str:
    text = np.array2string(value, precision=4, threshold=20) if isinstance(value, np.ndarray) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def expect_property(
    self: Checker,
    name: str,
    prop: Callable[[Any], str | None],
    generate: Callable[[np.random.Generator], Any],
    *,
    trials: int = 25,
) -> None:
    """Check `prop(x)` on `trials` inputs from `generate(rng)`; the first failure is reported."""
    for trial in range(trials):
        value = generate(self.rng)
        problem = prop(value)
        if problem:
            self.fail(
                name,
                "property",
                f"{problem} (input #{trial}: {_short_repr(value)})",
                trial=trial,
                input=_short_repr(value, 2000),
            )
    self.passed(name, "property", f"held on {trials} random inputs")
