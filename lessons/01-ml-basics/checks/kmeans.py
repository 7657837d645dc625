"""Checker: the assignment step, the update step (empty clusters), and full runs on blobs."""

import _common
import numpy as np

from tutor.checks import Checker

EMPTY_NAN = (
    "centroid {j} became NaN: no point was assigned to it, and the mean of no points is 0/0. "
    "Keep an empty cluster's centroid where it was."
)


def _inertia(X, centroids, labels):
    return float(np.sum((X - centroids[labels]) ** 2))


def check(t: Checker) -> None:
    X = t.rng.normal(size=(60, 2)) * 3.0
    C = t.rng.normal(size=(4, 2)) * 3.0
    d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=-1)

    with t.part("assign_clusters"):
        f = t.function("assign_clusters")
        out = t.call(f, X.copy(), C.copy())
        if isinstance(out, np.ndarray) and out.shape == (C.shape[0],):
            t.fail(
                "one label per point",
                "shape",
                f"got {out.shape[0]} labels, one per *centroid*: the argmin ran over the points (axis 0). "
                "The distance table is (N, k); take argmin over axis 1, the centroids.",
            )
        if isinstance(out, np.ndarray) and out.shape == d2.shape:
            t.fail(
                "one label per point",
                "shape",
                f"got the whole {out.shape} distance table; return the index of the nearest centroid for "
                "each point (argmin over axis 1).",
            )
        t.expect_array("one label per point", out, shape=(X.shape[0],), dtype_kind="i")
        t.expect_close(
            "nearest centroid",
            out,
            np.argmin(d2, axis=1),
            rtol=0,
            atol=0,
            mistakes={
                "each point went to its *farthest* centroid: use argmin, not argmax.": np.argmax(d2, axis=1),
                "you measured the Manhattan (L1) distance, the sum of |differences|; k-means uses the squared "
                "Euclidean distance, the sum of squared differences — it is the one the mean minimises.": np.argmin(
                    np.abs(X[:, None, :] - C[None, :, :]).sum(axis=-1), axis=1
                ),
            },
        )

    with t.part("update_centroids"):
        f = t.function("update_centroids")
        lab = np.concatenate([np.arange(4), t.rng.integers(0, 4, size=56)])  # every cluster non-empty
        before = C.copy()
        out = t.call(f, X.copy(), lab.copy(), C)
        t.expect_unchanged("centroids argument left unchanged", before, C, "update_centroids")
        want = np.array([X[lab == j].mean(axis=0) for j in range(4)])
        t.expect_close(
            "each centroid moves to its points' mean",
            out,
            want,
            rtol=1e-9,
            atol=1e-12,
            mistakes={
                "every centroid moved to the mean of *all* points; each should average only the points "
                "labelled with it (X[labels == j]).": np.repeat(X.mean(axis=0, keepdims=True), 4, axis=0),
                "you summed the points; a centroid is their *mean*.": np.array(
                    [X[lab == j].sum(axis=0) for j in range(4)]
                ),
            },
        )
        lab_empty = np.where(lab == 2, 1, lab)  # nobody in cluster 2
        with np.errstate(all="ignore"):
            out = t.call(f, X.copy(), lab_empty, C.copy())
        if isinstance(out, np.ndarray) and out.shape == (3, 2):
            t.fail(
                "an empty cluster keeps its centroid",
                "shape",
                "you returned 3 centroids for 4 clusters: an empty cluster must stay in the list "
                "(at its old position) so that label j keeps meaning centroid j.",
            )
        if isinstance(out, np.ndarray) and out.shape == C.shape and not np.all(np.isfinite(out)):
            t.fail("an empty cluster keeps its centroid", "value", EMPTY_NAN.format(j=2))
        want = np.array([X[lab_empty == j].mean(axis=0) if np.any(lab_empty == j) else C[j] for j in range(4)])
        moved_to_zero = want.copy()
        moved_to_zero[2] = 0.0
        t.expect_close(
            "an empty cluster keeps its centroid",
            out,
            want,
            rtol=1e-9,
            atol=1e-12,
            mistakes={
                "the empty cluster's centroid jumped to the origin (np.zeros start, nothing added). Keep an "
                "empty cluster's centroid where it was.": moved_to_zero,
            },
        )

    if t.failed:
        return
    with t.part("kmeans"):
        _check_runs(t)


def _check_runs(t: Checker) -> None:
    ref, me = t.reference, t.learner
    f = t.function("kmeans")
    X, truth, _ = _common.blobs(t.rng, k=4, n_per=60)
    # All four starting centroids inside one blob: a poor start that takes several
    # iterations to spread out, so stopping early cannot go unnoticed.
    init = X[t.rng.choice(np.flatnonzero(truth == 0), size=4, replace=False)]

    # Drive the learner's own steps one iteration at a time and stream the inertia.
    c_ref, ref_curve = init.copy(), []
    lab_ref = ref.assign_clusters(X, c_ref)
    for _ in range(100):
        c_ref = ref.update_centroids(X, lab_ref, c_ref)
        new = ref.assign_clusters(X, c_ref)
        ref_curve.append(_inertia(X, c_ref, new))
        if np.array_equal(new, lab_ref):
            break
        lab_ref = new
    state = {"c": init.copy(), "lab": np.asarray(t.call(me.assign_clusters, X, init.copy()))}

    def step(i):
        state["c"] = np.asarray(me.update_centroids(X, state["lab"].copy(), state["c"].copy()), dtype=float)
        state["lab"] = np.asarray(me.assign_clusters(X, state["c"].copy()))
        return _inertia(X, state["c"], state["lab"])

    t.converge(
        "Lloyd iterations on 4 blobs (your assign + update)",
        step,
        steps=len(ref_curve),
        target=ref_curve[-1] * (1 + 1e-9),
        metric="inertia",
        reference=ref_curve,
    )

    before = init.copy()
    out = t.call(f, X.copy(), init)
    t.expect_unchanged("init_centroids left unchanged", before, init, "kmeans")
    if not (isinstance(out, tuple | list) and len(out) == 2):
        t.fail("kmeans returns (centroids, labels)", "shape", f"expected a pair, got {type(out).__name__}")
    c_want, lab_want = ref.kmeans(X, before)
    c_got, lab_got = out
    if np.ndim(c_got) == 1 and np.shape(lab_got) == before.shape:
        t.fail(
            "kmeans returns (centroids, labels)",
            "shape",
            f"the pair is in the wrong order: the first item has shape {np.shape(c_got)} (one label per point) "
            f"and the second {np.shape(lab_got)} (the centroids). Return (centroids, labels).",
        )
    one_step = ref.update_centroids(X, ref.assign_clusters(X, before), before)
    t.expect_close(
        "kmeans: final centroids",
        c_got,
        c_want,
        rtol=1e-9,
        atol=1e-9,
        mistakes={
            "those are the centroids after one update: keep alternating until the labels stop changing.": one_step,
            "those are the initial centroids, unchanged: the updated centroids were computed but never kept "
            "(assign the result of update_centroids back to the variable you return).": before,
        },
    )
    t.expect_equal("kmeans: final labels", np.asarray(lab_got), lab_want)

    far = before.copy()
    far[1] = [100.0, 100.0]  # no point is near it: an empty cluster from the first step
    with np.errstate(all="ignore"):
        out = t.call(f, X.copy(), far.copy())
    c_got = np.asarray(out[0], dtype=float) if isinstance(out, tuple | list) and len(out) == 2 else out
    if isinstance(c_got, np.ndarray) and c_got.shape == far.shape and not np.all(np.isfinite(c_got)):
        t.fail("kmeans with an empty cluster", "value", EMPTY_NAN.format(j=1))
    t.expect_close(
        "kmeans with an empty cluster",
        c_got,
        ref.kmeans(X, far)[0],
        rtol=1e-9,
        atol=1e-9,
        mistakes={
            "those are the centroids after one update: keep alternating until the labels stop changing.": ref.update_centroids(
                X, ref.assign_clusters(X, far), far
            ),
        },
    )
