"""Checker: add_bias, the normal equation against np.linalg.lstsq, predict."""

import _common
import numpy as np

from tutor.checks import Checker

SHAPES = (
    "Check the shapes: Xb is (N, D+1), so Xb.T @ Xb is (D+1)×(D+1) and Xb.T @ y is (D+1,). "
    "Xb @ Xb.T would be N×N — the transpose is on the wrong side."
)


def _fit_hint(exc):
    if isinstance(exc, np.linalg.LinAlgError) and "singular" in str(exc).lower():
        return (
            "XbᵀXb is singular: some column is all zeros or a copy of another, so the weights are "
            "not unique. The bias column must be ones."
        )
    return SHAPES if _common.shape_error(exc) else None


def check(t: Checker) -> None:
    X, y = _common.house_prices(t.rng, 200)
    N, D = X.shape
    with t.part("add_bias"):
        f = t.function("add_bias")
        small = X[:5].copy()
        out = t.call(f, small.copy())
        t.expect_shape("add_bias: shape (N, D + 1)", out, (5, D + 1))
        want = np.column_stack([np.ones(5), small])
        t.expect_close(
            "add_bias: ones in column 0",
            out,
            want,
            rtol=0,
            atol=0,
            mistakes={
                "the ones went in the last column; put them first so that w[0] is the bias.": np.column_stack(
                    [small, np.ones(5)]
                ),
                "the new column must be ones (it multiplies the bias); you added zeros.": np.column_stack(
                    [np.zeros(5), small]
                ),
            },
        )

    if t.failed:
        t.note("fit_normal_equation and predict build on add_bias; fix add_bias first.")
        return
    Xb = np.column_stack([np.ones(N), X])
    w_best = np.linalg.lstsq(Xb, y, rcond=None)[0]
    with t.part("fit_normal_equation"):
        f = t.function("fit_normal_equation")
        before = X.copy(), y.copy()
        w = t.call(f, X, y, hint=_fit_hint)
        t.expect_unchanged(
            "inputs left unchanged",
            np.column_stack([before[0], before[1]]),
            np.column_stack([X, y]),
            "fit_normal_equation",
        )
        if isinstance(w, np.ndarray) and w.shape == (D,):
            t.fail(
                "weights: shape (D + 1,)",
                "shape",
                f"got {D} weights for {D} features: the bias is missing. Without the column of ones "
                "the line is forced through the origin. Fit on add_bias(X).",
            )
        if isinstance(w, np.ndarray) and w.shape in ((D + 1, 1), (1, D + 1)):
            t.fail(
                "weights: shape (D + 1,)",
                "shape",
                f"got shape {w.shape}; return a flat vector of shape ({D + 1},) (y is 1-D, keep it so).",
            )
        t.expect_shape("weights: shape (D + 1,)", w, (D + 1,))
        no_bias = np.linalg.lstsq(X, y, rcond=None)[0]
        t.expect_close(
            "weights equal the least-squares solution (np.linalg.lstsq)",
            w,
            w_best,
            rtol=1e-6,
            atol=1e-8,
            mistakes={
                "the bias came out last; with add_bias the ones are in column 0, so w[0] is the bias.": np.roll(
                    w_best, -1
                ),
                "the first weight is ~0 and the rest are the fit without a bias: the column of ones did not "
                "make it into the fit.": np.concatenate([[0.0], no_bias]),
            },
        )
        mse_learner = float(np.mean((Xb @ w - y) ** 2))
        t.passed("training MSE", "value", f"{mse_learner:.4f} (the least-squares minimum)")
        # Importing scikit-learn takes ~2 s quiet and over 10 s on a loaded 2-core machine: only shown, never
        # judged, so it is skipped unless most of the time limit is left.
        if t.time_left() > 20:
            from sklearn.linear_model import (
                LinearRegression,  # the library call the lesson pairs it with
            )

            model = LinearRegression().fit(X, y)
            same = np.allclose(np.concatenate([[model.intercept_], model.coef_]), w, rtol=1e-6, atol=1e-8)
            t.note(
                f"scikit-learn: LinearRegression().fit(X, y) gives intercept_ {model.intercept_:.4g} and coef_ "
                f"{np.round(model.coef_, 4).tolist()} — {'the same as your w' if same else 'compare with your w'}."
            )

    with t.part("predict"):
        f = t.function("predict")
        Xn, _ = _common.house_prices(t.rng, 7)
        out = t.call(
            f,
            Xn.copy(),
            w_best.copy(),
            hint=lambda e: (
                "predict receives raw features (N, D) and D + 1 weights: add the bias column first."
                if _common.shape_error(e)
                else None
            ),
        )
        t.expect_close(
            "predictions for 7 new houses",
            out,
            np.column_stack([np.ones(7), Xn]) @ w_best,
            rtol=1e-9,
            atol=1e-9,
            mistakes={
                "the bias w[0] is missing from your predictions: use add_bias(X) @ w.": Xn @ w_best[1:],
            },
        )
