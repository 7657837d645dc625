"""Checker: mean imputation against scikit-learn's SimpleImputer; the split fitted on training rows only.

The data has a column that is entirely missing in the training rows (the 0.0
convention) and test rows whose column means differ strongly from the
training rows', so fitting on all rows, or filling the test rows with their
own means, gives visibly different numbers — each named as leakage.
"""

import numpy as np
from _rules import forbid_sklearn

from tutor.checks import Checker


def _data(rng):
    """Training rows and test rows from shifted distributions, ~25% missing; column 3 empty in training."""
    train = rng.normal(size=(40, 5)) * [1, 2, 3, 1, 0.5] + [0, 10, -5, 2, 1]
    test = rng.normal(size=(15, 5)) * [1, 2, 3, 1, 0.5] + [6, -10, 5, 9, 4]  # a shifted test population
    train[rng.random(train.shape) < 0.25] = np.nan
    test[rng.random(test.shape) < 0.25] = np.nan
    train[:, 3] = np.nan
    train[0, 0] = test[0, 0] = np.nan  # at least one hole in column 0 of each split
    # genuine observed zeros: a fill that finds the holes by comparing with 0 overwrites them
    train[1, 1] = train[2, 4] = test[1, 1] = test[2, 4] = 0.0
    return train, test


def _means(X):
    observed = ~np.isnan(X)
    counts = observed.sum(axis=0)
    return np.divide(np.where(observed, X, 0).sum(axis=0), counts, out=np.zeros(X.shape[1]), where=counts > 0)


def _fill(X, fill):
    return np.where(np.isnan(X), fill[None, :], X)


def check(t: Checker) -> None:
    fit_imputer = t.function("fit_imputer")
    transform_imputer = t.function("transform_imputer")
    impute_split = t.function("impute_split")
    forbid_sklearn(t, "the imputer")
    from sklearn.impute import SimpleImputer

    X_train, X_test = _data(t.rng)
    imputer = SimpleImputer(strategy="mean", keep_empty_features=True).fit(X_train)
    expected_fill = imputer.statistics_

    before = X_train.copy()
    fill = t.call(fit_imputer, X_train)
    t.expect_unchanged("fit_imputer leaves X_train unchanged", before, X_train, "fit_imputer")
    if isinstance(fill, np.ndarray) and fill.shape == (X_train.shape[1] - 1,):
        t.fail(
            "fit_imputer: one value per column",
            "shape",
            f"expected {X_train.shape[1]} fill values, got {fill.shape[0]}: column 3 has no observed value in "
            "the training rows, and it still gets one (0.0) — dropping it would change the number of features.",
        )
    if isinstance(fill, np.ndarray) and fill.shape == (X_train.shape[0],):
        t.fail(
            "fit_imputer: one value per column",
            "shape",
            f"expected {X_train.shape[1]} fill values, got {fill.shape[0]} — one per ROW: the mean was taken "
            "along axis 1. Average each column over the rows (axis=0).",
        )
    t.expect_array("fit_imputer: one value per column", fill, shape=(X_train.shape[1],), dtype_kind="f")
    if np.isnan(fill[0]):
        t.fail(
            "fit_imputer: column means of the observed entries",
            "value",
            "the fill value of column 0 is NaN: np.mean of a column holding NaN is NaN. Average the observed "
            "entries only (np.nanmean, or sums and counts over ~np.isnan(X)).",
        )
    if np.isnan(fill[3]):
        t.fail(
            "fit_imputer: column means of the observed entries",
            "value",
            "column 3 has no observed value in the training rows; its fill value is NaN, and the convention "
            "is 0.0 (as keep_empty_features=True in scikit-learn).",
        )
    with np.errstate(all="ignore"):
        medians = np.nan_to_num(np.nanmedian(X_train, axis=0))
    t.expect_close(
        "fit_imputer: column means of the observed entries",
        fill,
        expected_fill,
        rtol=1e-9,
        atol=1e-12,
        mistakes={
            "those are the column MEDIANS; the task is the mean of the observed entries.": medians,
            "you averaged with the holes counted as zeros (sum / number of rows): divide by the number "
            "of OBSERVED entries of each column.": np.nan_to_num(X_train).mean(axis=0),
            "the means were rounded down to whole numbers: integer division (`sums // counts`) floors "
            "them; divide with `/`.": np.floor(expected_fill),
            "the means were truncated to whole numbers (an int(...) or an integer array somewhere); "
            "keep them as floats and divide with `/`.": np.trunc(expected_fill),
        },
    )

    before = X_test.copy()
    out = t.call(transform_imputer, expected_fill.copy(), X_test)
    t.expect_unchanged("transform_imputer leaves X unchanged", before, X_test, "transform_imputer")
    if isinstance(out, np.ndarray) and out.shape == X_test.shape and np.isnan(out).any():
        t.fail(
            "transform_imputer: every NaN filled",
            "value",
            f"{int(np.isnan(out).sum())} NaN are left in the result; replace each NaN of column j by fill[j] "
            "(np.where(np.isnan(X), fill[None, :], X)).",
        )
    row_fill = (
        np.where(np.isnan(X_test), np.nanmean(np.where(np.isnan(X_test), np.nan, X_test), axis=1)[:, None], X_test)
        if not np.isnan(X_test).all(axis=1).any()
        else X_test
    )
    t.expect_close(
        "transform_imputer: every NaN filled",
        out,
        _fill(X_test, expected_fill),
        rtol=1e-12,
        atol=0,
        mistakes={
            "the holes were filled with zeros; use the fill value of their column.": np.nan_to_num(X_test),
            "the holes were filled with the mean of their ROW; use the fill value of their COLUMN.": row_fill,
            "every hole got fill[0], the FIRST column's value; a hole in column j takes fill[j] "
            "(np.where(np.isnan(X), fill[None, :], X) pairs each column with its own value).": _fill(
                X_test, np.full_like(expected_fill, expected_fill[0])
            ),
            "a genuine 0.0 in X was overwritten with its column's fill value: the holes were found by "
            "comparing with 0 (after nan_to_num a hole and a real 0.0 look the same). Find them with "
            "np.isnan(X) on the original array.": np.where(
                np.nan_to_num(X_test) == 0, expected_fill[None, :], np.nan_to_num(X_test)
            ),
        },
    )

    before_train, before_test = X_train.copy(), X_test.copy()
    result = t.call(impute_split, X_train, X_test)
    t.expect_unchanged("impute_split leaves X_train unchanged", before_train, X_train, "impute_split")
    t.expect_unchanged("impute_split leaves X_test unchanged", before_test, X_test, "impute_split")
    if not isinstance(result, tuple | list) or len(result) != 2:
        t.fail(
            "impute_split returns (X_train_filled, X_test_filled)",
            "shape",
            f"expected a pair of arrays, got {type(result).__name__}",
        )
    train_out, test_out = result
    both = np.vstack([X_train, X_test])
    all_fill = _means(both)
    test_own = _means(X_test)
    t.expect_close(
        "impute_split: the training rows",
        train_out,
        imputer.transform(X_train),
        rtol=1e-12,
        atol=0,
        mistakes={
            "LEAKAGE: the training rows were filled with means over the training AND test rows; fit "
            "the imputer on X_train alone.": _fill(X_train, all_fill),
        },
    )
    t.expect_close(
        "impute_split: the test rows, with the training means",
        test_out,
        imputer.transform(X_test),
        rtol=1e-12,
        atol=0,
        mistakes={
            "LEAKAGE: the test rows were filled with means computed over the training AND test rows; "
            "the test rows must not shape any fill value — fit on X_train alone.": _fill(X_test, all_fill),
            "LEAKAGE: the test rows were filled with their OWN column means (an imputer fitted on "
            "X_test); fill them with the values fitted on X_train, exactly as the training rows.": _fill(
                X_test, test_own
            ),
        },
    )
    moved = np.abs(all_fill - expected_fill)[:3].max()
    t.note(
        f"on this data, fitting on all rows would have moved the fill values by up to {moved:.2f} "
        "(the test rows come from a shifted population)."
    )
