"""What the checkers of stage 02 share beyond the library: the 0/1 output of a threshold unit.

`int_problem` says what is wrong when a neuron or perceptron returns
something other than the integer 0 or 1 (a bool, a float, a probability, the
weighted sum itself). Everything general — calling learner code with a hint,
the training stream, per-step gradient checks — is in `tutor.checks`.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def int_problem(
    value: Any,
    total: str = "total > threshold",
    sum_name: str = "the weighted sum",
    z: float | None = None,
    allow_0d: bool = False,
) -> str | None:
    """None if `value` is a plain integer 0/1 result (Python int or NumPy integer scalar).

    `allow_0d` also accepts a 0-d integer array: the perceptron's checker recommends
    np.where(z > 0, 1, 0), one line for a sample and a batch, which gives one.

    `z`, when the checker knows it, is the number the step is applied to: a
    value equal to z (or to sigmoid(z)) is then named for what it is instead
    of guessed from its range.
    """
    if isinstance(value, bool | np.bool_) or (isinstance(value, np.ndarray) and value.dtype == bool):
        return f"returned a bool (True/False); return the integer 1 or 0, e.g. `int({total})` or `1 if ... else 0`."
    if isinstance(value, int | np.integer):
        return None
    if isinstance(value, np.ndarray) and value.shape == () and value.dtype.kind in "iu":
        if allow_0d:
            return None
        # The task promises an int: a 0-d array prints like one but is an array (it is no
        # dict key or list index in every library, and `type(out) is int` fails).
        return (
            f"returned a 0-d NumPy array ({value!r}), not an int; unwrap it with int(...) "
            "(e.g. `int(total > threshold)` instead of `np.asarray(...).astype(int)`)."
        )
    if isinstance(value, float | np.floating):
        value = float(value)
        if value in (0.0, 1.0):
            return f"returned the float {value!r}; return the integer 1 or 0 (wrap it in int(...))."
        if z is not None and abs(value - z) <= 1e-9 * (1 + abs(z)):
            return (
                f"returned {value!r}, which is exactly {sum_name} — the step was never applied. "
                f"Return 1 if {total} else 0."
            )
        if z is not None and abs(value - 1 / (1 + np.exp(-z))) <= 1e-9:
            return (
                f"returned {value!r}, which is exactly sigmoid({z:.4g}) — a smooth activation; this unit "
                f"uses a hard step ({total}) and returns 1 or 0."
            )
        if 0.0 < value < 1.0:
            return (
                f"returned {value!r}, a value between 0 and 1 — that is a smooth activation such "
                f"as a sigmoid; this unit uses a hard step ({total}) and returns 1 or 0."
            )
        return (
            f"returned {value!r}, which is not 0 or 1 — that looks like {sum_name} itself; "
            f"apply the step ({total}) and return 1 or 0."
        )
    if isinstance(value, np.ndarray):
        return f"returned an array of shape {value.shape}; for a single sample return one int (1 or 0), not an array."
    return f"returned {type(value).__name__} {value!r:.80}; return the integer 1 or 0."
