"""Checker: a scaler fitted on training rows only, applied to both sets; constant columns survive."""

import numpy as np

from tutor.checks import Checker
from tutor.datasets import load_digits, split

LEAK_ALL = (
    "your scaler was fitted on training *and* test rows together. That leaks the test set: "
    "its values shaped the features the model trains on, so the test score is optimistic. Fit on "
    "X_train only, then transform both with those statistics."
)
LEAK_TEST = (
    "the test set was scaled with its own mean and std (a second scaler fitted on X_test). The "
    "test set must go through the *training* scaler, exactly as new data would — one test sample "
    "alone has no std at all."
)
LEAK_FIT_TEST = (
    "your scaler was fitted on the *test* set and applied to both. The test set may only be "
    "transformed, never learned from: fit on X_train, then transform X_train and X_test with those "
    "training statistics."
)
ZERO_STD = (
    "NaN in the output: some pixels are 0 in every training image, so their std is 0 and 0/0 is "
    "NaN. fit_scaler should use scale 1 for such columns."
)

ROUNDING = (
    "a column of seven 0.1s came out as ±1, not 0: 0.1 has no exact binary form, so the computed "
    "mean is off by a rounding error and the std is about 1e-17, not 0 — `std > 0` is true and the "
    "rounding noise gets scaled up to ±1. Treat a column as constant when all its values are equal "
    "(X.max(axis=0) == X.min(axis=0)), or when its std is tiny next to its mean "
    "(std <= 1e-12 * abs(mean)), and use 1 there."
)


def check(t: Checker) -> None:
    X, y = load_digits()
    X_train, X_test, _, _ = split(X, y, test_fraction=0.25, seed=int(t.rng.integers(2**31)))
    mu, sd = X_train.mean(axis=0), X_train.std(axis=0)
    scale = np.where(sd > 0, sd, 1.0)
    D = X.shape[1]

    with t.part("fit_scaler"):
        f = t.function("fit_scaler")
        out = t.call(f, X_train.copy())
        if not (isinstance(out, tuple | list) and len(out) == 2):
            t.fail("returns (mean, scale)", "shape", f"expected a pair (mean, scale), got {type(out).__name__}")
        mean_got, scale_got = out
        t.expect_close(
            "mean per column",
            mean_got,
            mu,
            rtol=1e-9,
            atol=1e-9,
            mistakes={
                "you averaged each image (axis=1); the scaler needs one mean per feature (axis=0).": np.full(
                    D, X_train.mean()
                ),
            },
        )
        if isinstance(scale_got, np.ndarray) and scale_got.shape == (D,) and np.any(scale_got == 0):
            t.fail(
                "scale per column",
                "value",
                f"{int(np.sum(scale_got == 0))} columns have scale 0 (pixels that are 0 in every training "
                "image); dividing by them gives NaN. Use 1 for a constant column: np.where(X.max(axis=0) == X.min(axis=0), 1.0, std).",
            )
        if isinstance(scale_got, np.ndarray) and scale_got.shape == (D,):
            extra = scale_got - sd
            if 0 < extra[0] < 1e-2 and np.allclose(extra, extra[0], rtol=1e-6, atol=1e-12):
                t.fail(
                    "scale per column",
                    "value",
                    f"you added a small epsilon ({extra[0]:.3g}) to every std. A pixel that is 0 in every "
                    f"training image then has scale {extra[0]:.3g}, and the first test image where it is not "
                    f"0 gets a feature of size pixel / {extra[0]:.3g} — enormous. Replace a std of 0 by 1 "
                    "(np.where(X.max(axis=0) == X.min(axis=0), 1.0, std)) and leave the other stds as they are.",
                )
        t.expect_close(
            "scale per column",
            scale_got,
            scale,
            rtol=1e-9,
            atol=1e-9,
            mistakes={
                "you used the sample std (ddof=1); the scaler uses the population std (ddof=0).": np.where(
                    sd > 0, X_train.std(axis=0, ddof=1), 1.0
                ),
                "that is the variance; the scale is the standard deviation (its square root).": np.where(
                    sd > 0, sd**2, 1.0
                ),
            },
        )

    with t.part("transform"):
        f = t.function("transform")
        rows = X_test[:6].copy()
        out = t.call(f, rows, mu.copy(), scale.copy())
        t.expect_unchanged("X left unchanged", X_test[:6], rows, "transform")
        t.expect_close(
            "(X - mean) / scale",
            out,
            (rows - mu) / scale,
            rtol=1e-9,
            atol=1e-9,
            mistakes={
                "you divided before subtracting: (X - mean) / scale, with the parentheses.": rows - mu / scale,
                "you multiplied by the scale; divide by it.": (rows - mu) * scale,
            },
        )

    if t.failed:
        t.note("scale_train_test is checked once fit_scaler and transform are right.")
        return
    with t.part("scale_train_test"):
        f = t.function("scale_train_test")
        with np.errstate(all="ignore"):
            out = t.call(f, X_train.copy(), X_test.copy())
        if not (isinstance(out, tuple | list) and len(out) == 2):
            t.fail(
                "returns (X_train_scaled, X_test_scaled)",
                "shape",
                f"expected a pair of arrays, got {type(out).__name__}",
            )
        tr, te = out
        for got in (tr, te):
            if isinstance(got, np.ndarray) and got.ndim == 2 and not np.all(np.isfinite(got)):
                t.fail("no NaN", "value", ZERO_STD)
        both = np.concatenate([X_train, X_test])
        mu_all, sd_all = both.mean(axis=0), both.std(axis=0)
        mu_te, sd_te = X_test.mean(axis=0), X_test.std(axis=0)
        with np.errstate(all="ignore"):
            leak_all = (
                (X_train - mu_all) / np.where(sd_all > 0, sd_all, 1.0),
                (X_test - mu_all) / np.where(sd_all > 0, sd_all, 1.0),
            )
            own_test = (X_test - mu_te) / np.where(sd_te > 0, sd_te, 1.0)
            train_by_test = (X_train - mu_te) / np.where(sd_te > 0, sd_te, 1.0)
        t.expect_close(
            "training rows use training statistics",
            tr,
            (X_train - mu) / scale,
            rtol=1e-9,
            atol=1e-9,
            mistakes={LEAK_ALL: leak_all[0], LEAK_FIT_TEST: train_by_test},
        )
        t.expect_close(
            "test rows use the *training* statistics",
            te,
            (X_test - mu) / scale,
            rtol=1e-9,
            atol=1e-9,
            mistakes={LEAK_ALL: leak_all[1], LEAK_TEST: own_test},
        )
        col = int(np.argmax(sd))
        t.note(
            f"the training features now have mean 0 and std 1; the test features do not quite "
            f"(pixel {col}: test mean {float(np.mean(te[:, col])):+.3f}, std {float(np.std(te[:, col])):.3f}) "
            "— that small mismatch is honest."
        )

    # Last, so a leak is named first: a constant column of values that have no exact binary form.
    with t.part("fit_scaler on a constant column of 0.1s"):
        f = t.function("fit_scaler")
        K = t.rng.normal(size=(7, 3))
        K[:, 0] = 0.1  # not representable: its computed std is about 1.4e-17, not 0
        out = t.call(f, K.copy())
        if not (isinstance(out, tuple | list) and len(out) == 2):
            t.fail("returns (mean, scale)", "shape", f"expected a pair (mean, scale), got {type(out).__name__}")
        scale_got = np.asarray(out[1], dtype=float)
        if scale_got.shape == (3,) and 0 < scale_got[0] < 1e-6:
            t.fail("scale 1 for the constant column", "value", ROUNDING)
        t.expect_close(
            "scale 1 for the constant column", scale_got, np.array([1.0, *K[:, 1:].std(axis=0)]), rtol=1e-9, atol=1e-9
        )
