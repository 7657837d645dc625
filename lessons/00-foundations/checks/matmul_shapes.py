"""Checker: matmul_shape against what np.matmul actually does."""

import numpy as np

from tutor.checks import Checker
from tutor.checks.integrity import pristine

_matmul = np.matmul
_zeros = np.zeros


def _truth(a, b, reference=None):
    """np.matmul's verdict on these shapes: a tuple, or None when it refuses.

    Shapes too big to build are answered by the reference solution, which the
    small cases hold to np.matmul itself.
    """
    if reference is not None and max(int(np.prod(a)), int(np.prod(b))) > 10**6:
        try:
            return reference(tuple(a), tuple(b))
        except ValueError:
            return None
    try:
        return tuple(int(n) for n in _matmul(_zeros(a), _zeros(b)).shape)
    except ValueError:
        return None


def _ask(t: Checker, f, a, b):
    """(outcome, value): ("shape", tuple) | ("raised", exc) | ("other", value)."""
    try:
        got = f(tuple(a), tuple(b))
    except NotImplementedError:
        t.call(f, tuple(a), tuple(b))  # records "not implemented yet"
    except ValueError as exc:
        return "raised", exc
    except MemoryError:
        t.fail(
            f"{tuple(a)} @ {tuple(b)}",
            "run",
            "MemoryError: your function builds arrays of these shapes (tens of gigabytes). Work "
            "with the shape tuples alone: the rules need no data.",
        )
    except Exception as exc:  # noqa: BLE001 - learner code may raise anything
        t.fail(
            f"{tuple(a)} @ {tuple(b)}",
            "run",
            f"raised {type(exc).__name__}: {exc} — raise ValueError for shapes that do not fit "
            "(and nothing for shapes that do).",
        )
    return "shape", got


def _explain(a, b, want, got) -> str:
    a, b = tuple(a), tuple(b)
    if want is None:
        return f"{a} @ {b} cannot be computed, but you returned {got!r}; raise ValueError. " + _why_not(a, b)
    if got == "raised":
        if len(a) > 2 or len(b) > 2:
            return (
                f"{a} @ {b} is fine — it gives {want} — but you raised ValueError. Leading axes "
                "broadcast like elementwise ops: sizes that are equal, or 1, or missing fit."
            )
        return f"{a} @ {b} gives {want}, but you raised ValueError."
    if isinstance(got, list):
        return f"return a tuple, not a list: tuple({got!r})"
    if not isinstance(got, tuple) or not all(isinstance(n, int | np.integer) and not isinstance(n, bool) for n in got):
        return f"expected a tuple of ints such as {want!r}, got {got!r}"
    if len(a) == 1 or len(b) == 1:
        return (
            f"{a} @ {b} gives {want}, you returned {got}: a 1-D operand is treated as a row "
            "(first) or column (second) vector, and the axis added for that is removed from the result."
        )
    if got == (a[-2], b[-1]) and len(want) > 2:
        return f"{a} @ {b} gives {want}, you returned {got}: the leading (batch) axes are part of the result."
    return f"{a} @ {b} gives {want}, you returned {got}."


def _why_not(a, b) -> str:
    ka = a[-1]
    kb = b[0] if len(b) == 1 else b[-2]
    if ka != kb:
        return f"The inner sizes differ: {ka} (last axis of a) vs {kb} (the matching axis of b)."
    return "The batch axes cannot be broadcast: sizes that differ must include a 1."


def _case(t: Checker, name, f, a, b, quiet=False):
    """One pair of shapes; with `quiet`, only a failure is recorded."""
    want = _truth(a, b, t.reference.matmul_shape)
    outcome, got = _ask(t, f, a, b)
    if want is None:
        ok = outcome == "raised"
        message = "" if ok else _explain(a, b, None, got)
    elif outcome == "raised":
        ok, message = False, _explain(a, b, want, "raised")
    else:
        ok = (
            pristine.type(got) is tuple
            and got == want
            and all(pristine.type(n) is int or isinstance(n, np.integer) for n in got)
        )
        message = "" if ok else _explain(a, b, want, got)
    if not ok:
        t.fail(name, "value", message, a=list(a), b=list(b), expected=want)
    if not quiet:
        t.passed(name, "value")


def check(t: Checker) -> None:
    f = t.function("matmul_shape")
    r = t.rng
    m, k, n = (int(v) for v in r.integers(2, 9, size=3))
    while len({m, k, n}) < 3:
        m, k, n = (int(v) for v in r.integers(2, 9, size=3))
    with t.part("matrices"):
        _case(t, f"({m}, {k}) @ ({k}, {n})", f, (m, k), (k, n))
        _case(t, f"({n}, {m}) @ ({m}, {k})", f, (n, m), (m, k))
        _case(t, f"({m}, {k}) @ ({n}, {m}) must raise", f, (m, k), (n, m))
        _case(t, f"({m}, {k}) @ ({m}, {k}) must raise", f, (m, k), (m, k))
    with t.part("vectors"):
        _case(t, f"({k},) @ ({k}, {n})", f, (k,), (k, n))
        _case(t, f"({m}, {k}) @ ({k},)", f, (m, k), (k,))
        _case(t, f"({k},) @ ({k},)", f, (k,), (k,))
        _case(t, f"({k},) @ ({m},) must raise", f, (k,), (m,))
        _case(t, f"({m},) @ ({k}, {n}) must raise", f, (m,), (k, n))
    with t.part("batches"):
        b1, b2 = 5, 3
        _case(t, f"({b1}, {m}, {k}) @ ({k}, {n})", f, (b1, m, k), (k, n))
        _case(t, f"({m}, {k}) @ ({b1}, {k}, {n})", f, (m, k), (b1, k, n))
        _case(t, f"({b1}, 1, {m}, {k}) @ ({b2}, {k}, {n})", f, (b1, 1, m, k), (b2, k, n))
        _case(t, f"({b1}, {m}, {k}) @ ({b1}, {k}, {n})", f, (b1, m, k), (b1, k, n))
        _case(t, f"({b1}, {m}, {k}) @ ({b2}, {k}, {n}) must raise", f, (b1, m, k), (b2, k, n))
        _case(t, f"({b1}, {m}, {k}) @ ({k},)", f, (b1, m, k), (k,))
        _case(t, f"({k},) @ ({b1}, {k}, {n})", f, (k,), (b1, k, n))
    with t.part("huge shapes (rules, not arrays)"):
        _case(t, "(200000, 50000) @ (50000, 10)", f, (200000, 50000), (50000, 10))
        _case(t, "(64, 20000, 30000) @ (30000, 20000)", f, (64, 20000, 30000), (30000, 20000))
    with t.part("random shapes"):
        for trial in range(60):
            a, b = _random_pair(r)
            _case(t, f"random pair #{trial}: {a} @ {b}", f, a, b, quiet=True)
        t.passed("60 random shape pairs", "property")


def _random_pair(r: np.random.Generator):
    k = int(r.integers(1, 5))

    def side(first: bool):
        if r.random() < 0.2:
            return [k]
        rows = int(r.integers(1, 5))
        core = [rows, k] if first else [k, rows]
        batch = [int(r.choice([1, 2, 3])) for _ in range(int(r.integers(0, 3)))]
        return batch + core

    a, b = side(True), side(False)
    if r.random() < 0.25:  # perturb one size so some pairs do not fit
        which = a if r.random() < 0.5 else b
        i = int(r.integers(len(which)))
        which[i] = int(which[i]) + 1
    return tuple(a), tuple(b)
