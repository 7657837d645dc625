"""Checker: MSE, its gradient by finite differences, then training to the lstsq optimum."""

import _common
import numpy as np

from tutor.checks import Checker, numerical_gradient

LR, STEPS = 0.1, 500


def _data(t: Checker, n: int):
    X, y = _common.house_prices(t.rng, n)
    Xs = (X - X.mean(axis=0)) / X.std(axis=0)
    return np.column_stack([np.ones(n), Xs]), y


def check(t: Checker) -> None:
    ref = t.reference
    X, y = _data(t, 40)
    N = X.shape[0]
    w = t.rng.normal(size=X.shape[1])
    r = X @ w - y

    with t.part("mse_loss"):
        f = t.function("mse_loss")
        got = t.call(f, X.copy(), y.copy(), w.copy())
        t.expect_scalar(
            "mse_loss at random weights",
            got,
            ref.mse_loss(X, y, w),
            rtol=1e-9,
            batch=N,
            mistakes={
                "that is the root of the MSE (RMSE); the loss here is the mean of the squares, no sqrt.": float(
                    np.sqrt(np.mean(r**2))
                ),
                "that is the sum of squared errors; the *mean* squared error divides by N.": float(np.sum(r**2)),
                "that is half the MSE; the loss here has no ½ in front.": float(np.mean(r**2) / 2),
                "that is the mean absolute error; square the residuals instead.": float(np.mean(np.abs(r))),
            },
        )

    with t.part("mse_gradient"):
        f = t.function("mse_gradient")
        grad = t.call(
            f,
            X.copy(),
            y.copy(),
            w.copy(),
            hint=lambda e: (
                "The gradient has one entry per weight: multiply the residual (N,) by X.T (D+1, N), "
                "i.e. X.T @ (X @ w - y)."
                if _common.shape_error(e)
                else None
            ),
        )
        numeric, _ = numerical_gradient(lambda v: ref.mse_loss(X, y, v), w)
        t.expect_gradient(
            "mse_gradient matches finite differences",
            grad,
            numeric,
            batch=N,
            mistakes={
                "the gradient is N times too large: you forgot the 1/N of the *mean* squared error.": 2 * X.T @ r,
                "the factor 2 from the square is missing: d/dw mean(r²) = (2/N) Xᵀr. (Tutorials that "
                "use ½·MSE drop it; this loss has no ½.)": X.T @ r / N,
                "the sign is flipped: with r = Xw − y the gradient is +(2/N)Xᵀr; (y − Xw) needs a minus.": -2
                * X.T
                @ r
                / N,
            },
        )

        def samples(n):
            Xn, yn = _common.house_prices(t.rng, n)
            return np.column_stack([np.ones(n), Xn]), yn, w.copy()

        t.expect_no_python_loop(
            "mse_gradient: no loop over samples",
            f,
            samples,
            sizes=(10, 40),
            over="the samples",
            advice="One matrix product does every sample at once: (2 / N) * X.T @ (X @ w - y).",
        )

    if any(step.name.startswith("mse_gradient") and step.status == "fail" for step in t.steps):
        t.note("gd_step is checked once mse_gradient is right (it uses the gradient).")
        return
    with t.part("gd_step"):
        f = t.function("gd_step")
        before = w.copy()
        new = t.call(f, X, y, w, 0.05)
        t.expect_unchanged("w left unchanged", before, w, "gd_step")
        g = ref.mse_gradient(X, y, before)
        t.expect_close(
            "one step",
            new,
            before - 0.05 * g,
            rtol=1e-9,
            atol=1e-12,
            mistakes={
                "your step goes uphill: w_new = w - lr * gradient (minus).": before + 0.05 * g,
                "you returned the gradient step itself, lr * gradient, not the new weights w - lr * gradient.": 0.05
                * g,
                "the learning rate is not used: w_new = w - lr * gradient.": before - g,
            },
        )
    if t.failed:
        return
    _check_training(t)


def _check_training(t: Checker) -> None:
    ref, step_fn = t.reference, t.learner.gd_step
    X, y = _data(t, 200)
    w_best = np.linalg.lstsq(X, y, rcond=None)[0]
    best = ref.mse_loss(X, y, w_best)
    w_ref, reference = np.zeros(X.shape[1]), []
    for _ in range(STEPS):
        w_ref = ref.gd_step(X, y, w_ref, LR)
        reference.append(ref.mse_loss(X, y, w_ref))
    state = {"w": np.zeros(X.shape[1])}

    def step(i):
        state["w"] = np.asarray(step_fn(X, y, state["w"], LR), dtype=float)
        return ref.mse_loss(X, y, state["w"])

    t.converge(
        f"gradient descent, lr {LR}, {STEPS} steps, 200 houses",
        step,
        steps=STEPS,
        target=best * (1 + 1e-3),
        metric="training MSE",
        reference=reference,
    )
    t.expect_close("weights reach the least-squares solution", state["w"], w_best, rtol=1e-2, atol=1e-2)
