"""Gradient checks: central differences in float64, relative error, diagnosis.

Relative error e = ||g - ĝ|| / (||g|| + ||ĝ||): below 1e-7 passes, above 1e-2
fails; in between, each element is looked at (a few kink-crossing elements
are forgiven, systematic error is not). A failure names the pattern when it
has one: a constant factor N (missing 1/N), -1 (sign), a transposed shape.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from tutor.checks.integrity import pristine
from tutor.checks.values import as_array, expect_shape, scale_diagnosis, shape_mismatch_message

if TYPE_CHECKING:
    from tutor.checks.core import Checker

PASS_BELOW = 1e-7
FAIL_ABOVE = 1e-2


def numerical_gradient(
    f: Callable[[np.ndarray], float],
    x: np.ndarray,
    h: float = 1e-5,
) -> tuple[np.ndarray, np.ndarray]:
    """Central-difference gradient of scalar `f` at `x` (float64), and a kink mask.

    An element is flagged as on a kink when its two one-sided differences
    disagree far more than smooth curvature allows (ReLU at 0, max ties); the
    numerical value there means nothing, so it is not held against anyone.
    """
    x = pristine.array(x, dtype=np.float64, copy=True)
    grad = pristine.zeros_like(x)
    kink = np.zeros(x.shape, dtype=bool)
    flat, gflat, kflat = x.reshape(-1), grad.reshape(-1), kink.reshape(-1)
    f0 = float(f(x))
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        fp = float(f(x))
        flat[i] = old - h
        fm = float(f(x))
        flat[i] = old
        gflat[i] = (fp - fm) / (2 * h)
        forward, backward = (fp - f0) / h, (f0 - fm) / h
        scale = max(abs(forward), abs(backward), 1e-8)
        kflat[i] = abs(forward - backward) > 1e-2 * scale and abs(forward - backward) > 1e-4
    return grad, kink


def relative_error(g: Any, g_hat: Any) -> float:
    """||g - ĝ|| / (||g|| + ||ĝ||) over all elements, in float64; 0 when both are zero."""
    g = pristine.asarray(g, dtype=np.float64).ravel()
    g_hat = pristine.asarray(g_hat, dtype=np.float64).ravel()
    num = float(pristine.sqrt(pristine.sum((g - g_hat) ** 2)))
    den = float(pristine.sqrt(pristine.sum(g * g))) + float(pristine.sqrt(pristine.sum(g_hat * g_hat)))
    return 0.0 if den == 0.0 else num / den


def worst_elements(got: np.ndarray, numeric: np.ndarray, k: int = 5) -> list[dict]:
    """The k elements with the largest absolute error: where the UI draws its heatmap."""
    err = pristine.abs(got.astype(np.float64) - numeric)
    order = np.argsort(err, axis=None)[::-1][:k]
    rows = []
    for flat_index in order:
        index = tuple(int(i) for i in pristine.unravel_index(flat_index, got.shape))
        rows.append(
            {
                "index": list(index),
                "analytic": float(got[index]),
                "numeric": float(numeric[index]),
                "error": float(err[index]),
            }
        )
    return rows


def expect_gradient(
    self: Checker,
    name: str,
    got: Any,
    numeric: np.ndarray,
    *,
    batch: int | None = None,
    kink: np.ndarray | None = None,
    mistakes: dict[str, Any] | None = None,
) -> None:
    """Compare an analytic gradient `got` with a numerical one of the same shape."""
    numeric = pristine.asarray(numeric, dtype=np.float64)
    if pristine.type(got) is pristine.ndarray and got.shape != numeric.shape:
        self.fail(
            name,
            "gradient",
            shape_mismatch_message(tuple(got.shape), numeric.shape)
            + " (a gradient has the shape of the thing it differentiates)",
            expected=list(numeric.shape),
            got=list(got.shape),
        )
    expect_shape(
        self,
        f"{name} (shape)",
        got,
        numeric.shape,
        tensor=pristine.type(got) is not pristine.ndarray and hasattr(got, "detach"),
    )
    g = as_array(got).astype(np.float64)
    if not pristine.all(pristine.isfinite(g)):
        self.fail(name, "gradient", "the gradient contains NaN or inf — an overflow or a division by zero.")
    mask = ~kink if kink is not None else np.ones(g.shape, dtype=bool)
    err = relative_error(g[mask], numeric[mask])
    details: dict[str, Any] = {"relative_error": err, "worst": worst_elements(g, numeric)}
    if err < PASS_BELOW:
        self.passed(name, "gradient", f"relative error {err:.1e}", **details)
        return
    if err <= FAIL_ABOVE:
        # In the grey zone, look per element: a handful of elements near kinks
        # or with tiny values is float noise; widespread error is a bug.
        elem_err = pristine.abs(g - numeric) / (pristine.abs(g) + pristine.abs(numeric) + 1e-8)
        bad = (elem_err > 1e-4) & mask
        if int(bad.sum()) <= max(1, bad.size // 100):
            self.passed(name, "gradient", f"relative error {err:.1e} (float noise)", **details)
            return
    for message, wrong in (mistakes or {}).items():
        wrong_arr = as_array(wrong).astype(np.float64)
        if wrong_arr.shape == g.shape and relative_error(g, wrong_arr) < 1e-6:
            self.fail(name, "gradient", message, **details)
    scale = scale_diagnosis(g[mask], numeric[mask], batch)
    message = f"relative error {err:.1e} (should be < {PASS_BELOW:g})"
    if scale:
        message = f"{scale} ({message})"
    else:
        worst = details["worst"][0]
        message += (
            f"; worst at index {tuple(worst['index'])}: your gradient "
            f"{worst['analytic']:.6g}, numerical {worst['numeric']:.6g}"
        )
    if g.ndim == 2 and g.shape == numeric.shape and g.shape[0] == g.shape[1] and relative_error(g, numeric.T) < 1e-6:
        message = "the gradient is the transpose of the right one — swap the operands of the matmul (or drop a `.T`)."
    self.fail(name, "gradient", message, **details)


def _numeric_jacobian(fn: Callable[..., Any], inputs: tuple, index: int, eps: float = 1e-6) -> Any:
    """d fn(inputs) / d inputs[index] by central differences, shaped (*out, *in)."""
    import torch

    x = inputs[index].detach().clone()
    out_shape = tuple(fn(*inputs).shape)
    columns = []
    flat = x.view(-1)
    for i in range(flat.numel()):
        old = flat[i].item()
        flat[i] = old + eps
        plus = fn(*(x if j == index else a for j, a in enumerate(inputs))).detach()
        flat[i] = old - eps
        minus = fn(*(x if j == index else a for j, a in enumerate(inputs))).detach()
        flat[i] = old
        columns.append(((plus - minus) / (2 * eps)).reshape(-1))
    return torch.stack(columns, dim=1).reshape(*out_shape, *x.shape)


def expect_torch_gradcheck(self: Checker, name: str, fn: Callable[..., Any], inputs: tuple, **kwargs: Any) -> None:
    """torch.autograd.gradcheck in fast mode; on failure, full Jacobians to say where it is wrong."""
    import torch

    inputs = tuple(
        i.detach().double().requires_grad_(True) if torch.is_tensor(i) and i.is_floating_point() else i for i in inputs
    )

    def run(fast: bool) -> bool:
        return torch.autograd.gradcheck(
            fn, inputs, eps=1e-6, atol=1e-5, rtol=1e-3, fast_mode=fast, raise_exception=False, **kwargs
        )

    if self.call(run, True, step=f"{name} runs") or self.call(run, False, step=f"{name} runs"):
        self.passed(name, "gradient", "torch.autograd.gradcheck")
        return
    analytic = self.call(torch.autograd.functional.jacobian, fn, inputs, step=f"{name} runs")
    analytic = analytic if isinstance(analytic, tuple) else (analytic,)
    for index, block in enumerate(analytic):
        if not (torch.is_tensor(inputs[index]) and inputs[index].requires_grad):
            continue
        numeric = self.call(_numeric_jacobian, fn, inputs, index, step=f"{name} runs")
        got, want = block.detach().cpu().numpy(), numeric.cpu().numpy()
        if relative_error(got, want) < 1e-6:
            continue
        worst = worst_elements(got, want, k=3)
        out_rank = got.ndim - inputs[index].dim()
        first = worst[0]
        where = f"d out{tuple(first['index'][:out_rank])} / d input{index}{tuple(first['index'][out_rank:])}"
        scale = scale_diagnosis(got, want)
        message = (
            f"the gradient with respect to input {index} is wrong"
            + (f": {scale.rstrip('.')}" if scale else "")
            + f"; worst at {where}: backward gives {first['analytic']:.6g}, "
            f"finite differences {first['numeric']:.6g}"
        )
        self.fail(name, "gradient", message, worst=worst, input=index)
    self.fail(
        name,
        "gradient",
        "your backward does not match finite differences of your forward; check each term of the chain rule.",
    )
