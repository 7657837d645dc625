"""Shape, dtype, device and value steps, with diagnoses that name the mistake.

Order matters: type, then exact shape (a comparison must never broadcast),
then finiteness, then values. A value mismatch is explained, in this order, by
a known mistake the checker supplied, a constant scale factor (a forgotten
1/N, a flipped sign), or the first mismatching index, expected vs got.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from tutor.checks.integrity import pristine, unpatched_isclose

if TYPE_CHECKING:
    from tutor.checks.core import Checker


def _is_tensor(value: Any) -> bool:
    module = pristine.type(value).__module__
    return module.startswith("torch") and hasattr(value, "detach") and hasattr(value, "shape")


def as_array(value: Any) -> np.ndarray:
    """Tensor or array to a fresh numpy array (never a view the learner can mutate)."""
    if _is_tensor(value):
        return pristine.array(value.detach().cpu().numpy(), copy=True)
    return pristine.array(value, copy=True)


def _kind_name(value: Any) -> str:
    kind = pristine.type(value)
    return f"{kind.__module__}.{kind.__qualname__}" if kind.__module__ != "builtins" else kind.__name__


def _shape(value: Any) -> tuple[int, ...]:
    return tuple(int(n) for n in value.shape)


def shape_mismatch_message(got: tuple, expected: tuple) -> str:
    message = f"expected shape {expected}, got {got}"
    if len(got) == len(expected) >= 2 and got == expected[::-1]:
        return message + " — that is the transpose: check the order of a matmul or a `.T`."
    if len(got) == len(expected) - 1 and got in (expected[1:], expected[:-1]):
        return message + " — one axis is missing: did you reduce (sum/mean) without keepdims, or over the wrong axis?"
    if len(got) == len(expected) + 1 and expected in (got[1:], got[:-1]):
        return message + " — one axis too many: did a `keepdims=True` or a `[:, None]` stay in?"
    if math.prod(got) == math.prod(expected):
        return message + " — same number of elements, different layout: check a reshape or the axis you reduced."
    return message


def expect_type(self: Checker, name: str, got: Any, expected: type | tuple[type, ...], kind: str = "shape") -> None:
    if pristine.isinstance(got, expected):
        self.passed(name, kind)
        return
    names = ", ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
    self.fail(name, kind, f"expected {names}, got {_kind_name(got)}")


def expect_shape(
    self: Checker,
    name: str,
    got: Any,
    shape: tuple[int, ...],
    *,
    tensor: bool = False,
    mistakes: dict[tuple[int, ...], str] | None = None,
) -> None:
    """`got` is a numpy array (or a torch tensor if `tensor`) of exactly `shape`.

    `mistakes` maps a wrong shape to the mistake that produces it, e.g.
    `{(n, h): "that is the transpose; ..."}`: a learner whose output has that
    shape is told the mistake instead of only the two shapes.
    """
    got_shape = getattr(got, "shape", None)
    if got_shape is not None and tuple(got_shape) != tuple(shape):
        for wrong, message in (mistakes or {}).items():
            if tuple(got_shape) == tuple(wrong):
                self.fail(
                    name,
                    "shape",
                    f"expected shape {tuple(shape)}, got {tuple(got_shape)}: {message}",
                    expected=list(shape),
                    got=list(got_shape),
                )
    want = "torch.Tensor" if tensor else "numpy.ndarray"
    ok_type = _is_tensor(got) if tensor else pristine.type(got) is pristine.ndarray
    if not ok_type:
        hint = ""
        if not tensor and _is_tensor(got):
            hint = " — this exercise works in NumPy; do not convert to torch."
        elif pristine.isinstance(got, list | tuple):
            hint = " — wrap the result in np.array(...) or use NumPy operations throughout."
        self.fail(name, "shape", f"expected a {want}, got {_kind_name(got)}{hint}")
    got_shape = _shape(got)
    if got_shape != tuple(shape):
        self.fail(
            name, "shape", shape_mismatch_message(got_shape, tuple(shape)), expected=list(shape), got=list(got_shape)
        )
    self.passed(name, "shape", f"shape {tuple(shape)}")


def expect_array(
    self: Checker,
    name: str,
    got: Any,
    *,
    shape: tuple[int, ...],
    dtype_kind: str | None = "f",
    tensor: bool = False,
    device: str | None = None,
    mistakes: dict[tuple[int, ...], str] | None = None,
) -> None:
    """Type, exact shape (wrong shapes named by `mistakes`, as in `expect_shape`), dtype kind
    ('f' float, 'i' integer, 'b' bool) and, for tensors, device."""
    expect_shape(self, name, got, shape, tensor=tensor, mistakes=mistakes)
    if dtype_kind is not None:
        dtype = got.dtype
        kind = (dtype.is_floating_point and "f" or "i") if tensor else dtype.kind
        if tensor and str(dtype) == "torch.bool":
            kind = "b"
        if kind == "u" and dtype_kind == "i":
            kind = "i"
        if kind != dtype_kind:
            wanted = {"f": "a floating-point", "i": "an integer", "b": "a boolean"}[dtype_kind]
            hint = " — integer division or np.zeros(..., dtype=int) somewhere?" if dtype_kind == "f" else ""
            self.fail(f"{name} dtype", "shape", f"expected {wanted} dtype, got {dtype}{hint}")
    if tensor and device is not None:
        got_device = str(got.device)
        if got_device.split(":")[0] != device.split(":")[0]:
            self.fail(
                f"{name} device",
                "shape",
                f"expected a tensor on {device}, got one on {got_device} — create new tensors with device=x.device.",
            )


def scale_diagnosis(got: np.ndarray, expected: np.ndarray, batch: int | None = None) -> str | None:
    """Name a constant factor between got and expected (sign flip, missing 1/N, ...)."""
    g = got.astype(np.float64).ravel()
    e = expected.astype(np.float64).ravel()
    denom = float(pristine.dot(e, e))
    if denom == 0.0 or not pristine.all(pristine.isfinite(g)):
        return None
    c = float(pristine.dot(g, e)) / denom
    residual = float(pristine.sqrt(pristine.sum((g - c * e) ** 2)))
    if residual > 1e-4 * (float(pristine.sqrt(pristine.sum(g * g))) + 1e-12):
        return None
    if abs(c - 1) < 1e-3:
        return None  # the same scale: the difference is elsewhere, not a constant factor
    if abs(c + 1) < 1e-3:
        return "every value has the opposite sign — a sign flipped somewhere (e.g. `a - b` vs `b - a`, or gradient ascent instead of descent)."
    if abs(c) < 1e-12:
        return "everything is zero where it should not be."
    for factor, label in ((c, "larger"), (1 / c, "smaller")):
        n = round(factor)
        if n >= 2 and abs(factor - n) < 1e-3 * n:
            guess = ""
            if batch is not None and n == batch:
                guess = (
                    " — did you forget to divide by the batch size?"
                    if label == "larger"
                    else " — you divided by the batch size where the sum was wanted (or divided twice)."
                )
            elif n == 2:
                guess = " — a factor of 2: the derivative of x² is 2x; check whether a ½ belongs there."
            return f"every value is {n}× {label} than expected{guess}"
    return f"every value is {c:.4g}× the expected one — a constant factor is off."


def first_mismatch(got: np.ndarray, expected: np.ndarray, close: np.ndarray) -> dict:
    bad = pristine.argwhere(~close)
    index = tuple(int(i) for i in bad[0]) if bad.size else ()
    info = {
        "index": list(index),
        "expected": expected[index].item() if expected.ndim else expected.item(),
        "got": got[index].item() if got.ndim else got.item(),
        "mismatches": int(bad.shape[0]),
        "total": int(expected.size),
        "max_abs_error": float(pristine.abs(got.astype(np.float64) - expected).max()) if got.size else 0.0,
    }
    picture = array_picture(got, expected, close, index)
    if picture is not None:
        info["picture"] = picture
    return info


# A picture is worth drawing up to this size: three maps side by side fit 80 columns.
PICTURE_MAX_ROWS, PICTURE_MAX_COLS = 16, 20


def array_picture(got: np.ndarray, expected: np.ndarray, close: np.ndarray, index: tuple[int, ...]) -> dict | None:
    """The 2-D slice holding the first mismatch, expected beside got (Details.picture), or None.

    Only for arrays of two or more axes whose last two are small enough to read as
    a heat map (feature maps, attention weights, confusion matrices); a vector or
    a large matrix keeps the numeric evidence alone.
    """
    if expected.ndim < 2 or got.shape != expected.shape or len(index) != expected.ndim:
        return None
    rows, cols = expected.shape[-2:]
    if not (1 < rows <= PICTURE_MAX_ROWS and 1 < cols <= PICTURE_MAX_COLS):
        return None
    where = tuple(index[:-2])

    def grid(a: np.ndarray) -> list[list[float | None]]:
        return [[float(v) if math.isfinite(v) else None for v in row] for row in a[where].tolist()]

    return {
        "expected": grid(expected),
        "got": grid(got.astype(np.float64)),
        "differs": [[not bool(c) for c in row] for row in close[where].tolist()],
        "where": list(where),
    }


def _fmt(value: Any) -> str:
    return f"{value:.6g}" if isinstance(value, float) else repr(value)


def expect_close(
    self: Checker,
    name: str,
    got: Any,
    expected: Any,
    *,
    rtol: float | None = None,
    atol: float | None = None,
    mistakes: dict[str, Any] | None = None,
    batch: int | None = None,
    kind: str = "value",
    tensor: bool = False,
) -> None:
    """`got` equals `expected` elementwise within tolerance, with exact shape.

    `mistakes` maps a message to the output a known wrong solution produces
    (e.g. softmax over the wrong axis); if `got` matches one, that message is
    the failure. `batch` lets a constant factor be named as a missing 1/N.
    """
    expected_arr = as_array(expected).astype(np.float64)
    expect_shape(self, f"{name} (shape)", got, _shape(expected_arr), tensor=tensor)
    got_arr = as_array(got)
    if got_arr.dtype.kind not in "fiub":
        self.fail(name, kind, f"expected numbers, got an array of {got_arr.dtype}")
    got_arr = got_arr.astype(np.float64)
    default_rtol, default_atol = self.float_tolerances()
    rtol = default_rtol if rtol is None else rtol
    atol = default_atol if atol is None else atol
    close = unpatched_isclose(got_arr, expected_arr, rtol, atol)
    if pristine.all(close):
        self.passed(name, kind)
        return
    nonfinite = ~pristine.isfinite(got_arr) & pristine.isfinite(expected_arr)
    if pristine.any(nonfinite):
        index = [int(i) for i in pristine.argwhere(nonfinite)[0]]
        self.fail(
            name,
            kind,
            f"got {got_arr[tuple(index)]} at index {index} where "
            f"{_fmt(expected_arr[tuple(index)].item())} was expected — an overflow "
            "(exp of a large number?) or a division by zero.",
            index=index,
        )
    for message, wrong in (mistakes or {}).items():
        wrong_arr = as_array(wrong).astype(np.float64)
        if wrong_arr.shape == got_arr.shape and pristine.all(
            unpatched_isclose(got_arr, wrong_arr, max(rtol, 1e-5), max(atol, 1e-7))
        ):
            self.fail(name, kind, message, **first_mismatch(got_arr, expected_arr, close))
    info = first_mismatch(got_arr, expected_arr, close)
    scale = scale_diagnosis(got_arr, expected_arr, batch)
    at = f" at index {tuple(info['index'])}" if info["index"] else ""
    message = (
        f"{info['mismatches']} of {info['total']} values differ; first{at}: "
        f"expected {_fmt(info['expected'])}, got {_fmt(info['got'])}"
    )
    diagnosis = scale or structure_diagnosis(got_arr, expected_arr, close)
    if diagnosis:
        message = f"{diagnosis} ({message})"
    self.fail(name, kind, message, **info)


def structure_diagnosis(got: np.ndarray, expected: np.ndarray, close: np.ndarray) -> str | None:
    """The property a mismatch has when no named mistake or global factor explains it.

    Tried in order: one offset everywhere; the right values in the wrong places;
    an offset or a factor of its own per row (the last axis) or per column
    (axis 0); differences confined to some indices of one axis. None if the
    difference has no such structure.
    """
    if got.shape != expected.shape or got.size < 2 or not pristine.all(pristine.isfinite(got)):
        return None
    diff = got - expected
    tol = 1e-6 * (float(pristine.abs(expected).max()) + 1.0)
    if float(diff.max() - diff.min()) <= tol:
        return (
            f"every value is off by the same amount ({float(diff.flat[0]):+.4g}): a constant term "
            "(a bias, a mean, an offset) is added or dropped."
        )
    if pristine.all(unpatched_isclose(pristine.sort(got.ravel()), pristine.sort(expected.ravel()), 1e-6, 1e-9)):
        return (
            "the right values in the wrong places: the numbers all appear, but at other indices "
            "(a transpose, a reshape without a transpose, or an index order mixed up)."
        )
    if got.ndim >= 2:
        for axis, what, where in ((-1, "row", "along the last axis"), (0, "column", "along axis 0")):
            message = _per_slice(got, expected, diff, tol, axis, what, where)
            if message:
                return message
    return _confined(close)


def _per_slice(
    got: np.ndarray, expected: np.ndarray, diff: np.ndarray, tol: float, axis: int, what: str, where: str
) -> str | None:
    """A per-row (axis=-1) or per-column (axis=0) offset or factor, or None."""
    if got.shape[axis] < 2:
        return None
    if float((diff.max(axis=axis) - diff.min(axis=axis)).max()) <= tol:
        offsets = pristine.moveaxis(diff, axis, -1)[..., 0].ravel()[:3]
        shown = ", ".join(f"{float(v):+.3g}" for v in offsets)
        return (
            f"each {what} is shifted by a constant of its own ({shown}, ...): a per-{what} term — a bias, "
            f"a mean or a normaliser — is added, dropped, or computed {where} when it should not be."
        )
    nonzero = pristine.abs(expected) > 1e-12
    if not pristine.all(nonzero):
        return None
    ratio = got / expected
    spread = ratio.max(axis=axis) - ratio.min(axis=axis)
    if float(spread.max()) <= 1e-6 * (float(pristine.abs(ratio).max()) + 1.0):
        factors = pristine.moveaxis(ratio, axis, -1)[..., 0].ravel()[:3]
        shown = ", ".join(f"{float(v):.3g}" for v in factors)
        total = (
            " Your whole array sums to 1: you normalised over all of it at once."
            if abs(float(got.sum()) - 1.0) < 1e-6
            else ""
        )
        return (
            f"each {what} is a constant multiple of the right one, with a factor of its own ({shown}, ...): "
            f"the values within a {what} are in the right proportions, but the normalisation is wrong — a "
            f"sum or norm over the wrong axis, or over the whole array?{total}"
        )
    return None


def _confined(close: np.ndarray) -> str | None:
    """'The differences lie only at indices ... of axis k' when they do, else None."""
    bad = pristine.argwhere(~close)
    if close.ndim == 0 or bad.size == 0:
        return None
    for axis in range(close.ndim):
        touched = sorted({int(i) for i in bad[:, axis]})
        size = close.shape[axis]
        if size >= 2 and len(touched) <= max(1, size // 2) and len(touched) <= 4:
            where = "position" if close.ndim == 1 else f"axis {axis} (size {size}) at"
            listed = ", ".join(str(i) for i in touched)
            return (
                f"the differences lie only at {where} {'index' if len(touched) == 1 else 'indices'} "
                f"{listed}; everything else matches — look at what is special there "
                "(the first or last step, a border, an edge case)."
            )
    return None


def expect_scalar(
    self: Checker,
    name: str,
    got: Any,
    expected: float,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    mistakes: dict[str, float] | None = None,
    batch: int | None = None,
) -> None:
    """A single number (Python float, numpy scalar, 0-d array or 1-element tensor)."""
    if _is_tensor(got):
        if got.numel() != 1:
            self.fail(name, "shape", f"expected a single number, got a tensor of shape {tuple(got.shape)}")
        got = got.detach().cpu().item()
    if pristine.type(got) is pristine.ndarray:
        if got.size != 1:
            self.fail(
                name,
                "shape",
                f"expected a single number, got an array of shape {got.shape}"
                " — did you forget to average (or sum) over the batch?",
            )
        got = got.reshape(()).item()
    if not isinstance(got, int | float | np.integer | np.floating) or isinstance(got, bool):
        self.fail(name, "shape", f"expected a number, got {_kind_name(got)}")
    value = float(got)
    if not math.isfinite(value):
        self.fail(name, "value", f"got {value} — an overflow (exp of a large number?) or log(0).")
    if abs(value - expected) <= atol + rtol * abs(expected):
        self.passed(name, "value", f"{value:.6g}")
        return
    for message, wrong in (mistakes or {}).items():
        if abs(value - wrong) <= max(atol, 1e-8) + max(rtol, 1e-6) * abs(wrong):
            self.fail(name, "value", message, expected=expected, got=value)
    scale = scale_diagnosis(np.array([value]), np.array([expected]), batch) if expected else None
    detail = f"expected {expected:.6g}, got {value:.6g}"
    if value == math.floor(expected) != expected and math.isfinite(expected):
        self.fail(
            name,
            "value",
            f"{detail}: the right value rounded down to a whole number — integer division "
            "(`//`) or an int(...) somewhere truncates it; use `/`.",
            expected=expected,
            got=value,
        )
    # A single number always has "a constant factor"; only name the telling ones.
    if scale and ("sign" in scale or "batch" in scale):
        detail = f"{scale} ({detail})"
    self.fail(name, "value", detail, expected=expected, got=value)


def expect_unchanged(self: Checker, name: str, before: np.ndarray, after: np.ndarray, fn_name: str) -> None:
    """The learner's function left an argument as it was (`before` is a copy taken before the call)."""
    same = before.shape == after.shape
    if same:
        equal = before == after
        if before.dtype.kind in "fc":  # NaN where NaN was is unchanged
            equal |= pristine.isnan(before) & pristine.isnan(after)
        same = bool(pristine.all(equal))
    self.expect(
        name,
        same,
        f"`{fn_name}` modified an array you passed in (an in-place `-=`, `+=`, `/=` "
        "or `out=`); build and return a new array instead.",
        kind="property",
    )


def expect_equal(self: Checker, name: str, got: Any, expected: Any, kind: str = "value") -> None:
    """Exact equality (integers, labels, tuples of shapes)."""
    if pristine.type(expected) is pristine.ndarray:
        if pristine.type(got) is not pristine.ndarray:
            self.fail(name, "shape", f"expected a numpy array, got {_kind_name(got)}")
        if got.shape != expected.shape:
            self.fail(name, "shape", shape_mismatch_message(got.shape, expected.shape))
        equal = pristine.asarray(got == expected)
        if not pristine.all(equal):
            index = [int(i) for i in pristine.argwhere(~equal)[0]]
            self.fail(
                name,
                kind,
                f"first difference at index {index}: expected {expected[tuple(index)]!r}, got {got[tuple(index)]!r}",
                index=index,
            )
        self.passed(name, kind)
        return
    if pristine.type(got) is pristine.ndarray and got.shape == ():
        got = got.item()
    if pristine.isinstance(got, np.generic):
        got = got.item()
    if _is_tensor(got) and got.numel() == 1:
        got = got.item()
    if isinstance(expected, int) and not isinstance(expected, bool) and isinstance(got, float):
        self.fail(
            name,
            kind,
            f"expected the integer {expected!r}, got the float {got!r} — `/` always "
            "gives a float in Python 3; use `//` for whole-number division.",
        )
    if got == expected and pristine.type(got == expected) is bool:
        self.passed(name, kind)
    else:
        self.fail(name, kind, f"expected {expected!r}, got {got!r}")
