"""Checker: label-preserving augmentation for the digits, and a data pipeline that uses it.

augment() is probed on real digits before any training, so each rule the task states fails by name:
shape, dtype (a float32 batch stays float32), a new array with the input untouched, values in
[0, 16], not the input unchanged, reproducible from the rng it is given (np.random / random ignore
it), different on the next call with the same generator, drawn per image (32 copies of one digit must
not all move the same way), image i still image i (each output is matched against every input over
shifts of up to 2 pixels), and no mirror images (the output matches a flipped digit better than the
digit itself). prepare_data() is probed for its sizes, the scaling, labels that follow their images
(np.repeat where np.tile belongs is the classic), and a test set left alone.

Then a small NumPy MLP (64-64-10, Adam, 300 steps of 256 on one BLAS thread) is trained twice with the
same seed: on the originals / 16, and on the learner's X_big. Both are scored on the test digits each
shifted by one pixel in a random direction. Measured over seeds 0-7, 1234 and 31337: plain 0.27-0.35,
the reference augmented 0.88-0.92 (smallest gain 0.553); right/roll_and_rotate (np.roll + rotations
of up to 10 degrees) 0.80-0.86 (smallest gain 0.482). MIN_GAIN = 0.25 is about half the reference's
worst gain; rotations alone (up to 15 degrees; smallest gain -0.04) and noise alone (about 0) stay
far below it, as they should: they do not show the model shifted digits.
"""

import numpy as np
from threadpoolctl import threadpool_limits

from tutor.checks import Checker
from tutor.datasets import load_digits, split

MIN_GAIN = 0.25  # the reference gains >= 0.553 in accuracy on shifted digits over 10 seeds
PAD = 2  # shifts up to 2 pixels are allowed


def _candidates(images):
    """(25, N, 64): every image shifted by each (dy, dx) in [-2, 2]^2, zeros coming in."""
    n = len(images)
    padded = np.pad(images.reshape(n, 8, 8).astype(np.float64), ((0, 0), (PAD, PAD), (PAD, PAD)))
    out = []
    for dy in range(-PAD, PAD + 1):
        for dx in range(-PAD, PAD + 1):
            out.append(padded[:, PAD - dy : PAD - dy + 8, PAD - dx : PAD - dx + 8].reshape(n, 64))
    return np.stack(out)


def _match_errors(outputs, sources):
    """(n_out, n_src): the smallest squared distance of output i to source j over all small shifts."""
    o = outputs.reshape(len(outputs), 64).astype(np.float64)
    c = _candidates(sources)  # (25, n_src, 64)
    d = (o * o).sum(1)[None, :, None] - 2 * np.einsum("ik,sjk->sij", o, c) + (c * c).sum(2)[:, None, :]
    return d.min(axis=0)


def _best_shift(outputs, source):
    """The (dy, dx) that best explains each output as a shift of one source image."""
    o = outputs.reshape(len(outputs), 64).astype(np.float64)
    c = _candidates(source[None])[:, 0]  # (25, 64)
    k = ((o[None] - c[:, None]) ** 2).sum(2).argmin(axis=0)
    return [divmod(int(i), 2 * PAD + 1) for i in k]


def _check_augment(t, augment, images):
    n = len(images)
    given = images.copy()
    out = t.call(augment, given, np.random.default_rng(t.seed), budget_s=10)
    t.expect_array(
        "augment: array",
        out,
        shape=images.shape,
        mistakes={(n, 64): "augment returns flat rows; return images of the shape it was given, (N, 8, 8)."},
    )
    t.expect(
        "augment: same dtype",
        out.dtype == images.dtype,
        f"augment returned {out.dtype} for {images.dtype} images; keep the dtype (.astype(images.dtype)).",
        kind="value",
    )
    t.expect(
        "augment: the input is not modified",
        np.array_equal(given, images),
        "augment changed the images it was given; work on a copy (the originals are still needed: "
        "prepare_data keeps them, and the next epoch augments them again).",
        kind="property",
    )
    t.expect("augment: values stay finite", bool(np.isfinite(out).all()), "augment returned NaN or inf values.")
    lo, hi = float(out.min()), float(out.max())
    t.expect(
        "augment: values in [0, 16]",
        lo >= 0.0 and hi <= 16.0 + 1e-9,
        f"augment returned values from {lo:.3g} to {hi:.3g}; pixels live in [0, 16]. Clip after adding "
        "noise: np.clip(x, 0, 16).",
        kind="value",
    )
    t.expect(
        "augment: the images change",
        not np.allclose(out, images),
        "augment returned its input unchanged: the model then sees the same images again and learns "
        "nothing new. Shift, rotate or add noise.",
        kind="value",
    )

    small = images.astype(np.float32)
    out32 = t.call(augment, small.copy(), np.random.default_rng(t.seed + 1), budget_s=10)
    t.expect(
        "augment: float32 stays float32",
        getattr(out32, "dtype", None) == np.float32,
        f"augment turned a float32 batch into {getattr(out32, 'dtype', type(out32).__name__)}: noise from "
        "rng.normal is float64, and adding it promotes the array; finish with .astype(images.dtype).",
        kind="value",
    )

    again = t.call(augment, images.copy(), np.random.default_rng(t.seed), budget_s=10)
    t.expect(
        "augment: reproducible from rng",
        np.array_equal(np.asarray(again), out),
        "augment gave different results for two generators in the same state: it draws from somewhere "
        "else (np.random.*, the random module, a Generator of its own). Use the `rng` it is given, so a "
        "seed reproduces the run.",
        kind="property",
    )
    gen = np.random.default_rng(t.seed + 2)
    first = t.call(augment, images.copy(), gen, budget_s=10)
    second = t.call(augment, images.copy(), gen, budget_s=10)
    t.expect(
        "augment: a new draw on every call",
        not np.array_equal(np.asarray(first), np.asarray(second)),
        "augment returned the same images on two calls with one generator: nothing is random (a fixed "
        "shift, or a Generator re-created with a fixed seed inside augment). Every epoch should see new "
        "versions: draw from rng.",
        kind="property",
    )

    # Per image: 32 copies of one digit must not all move the same way.
    digit = images[3]
    copies = t.call(augment, np.repeat(digit[None], 32, axis=0), np.random.default_rng(t.seed + 3), budget_s=10)
    shifts = _best_shift(np.asarray(copies), digit)
    if len(set(shifts)) == 1 and shifts[0] != (PAD, PAD):
        dy, dx = shifts[0][0] - PAD, shifts[0][1] - PAD
        t.fail(
            "augment: drawn per image",
            "property",
            f"all 32 copies of one digit were shifted the same way (dy={dy}, dx={dx}): the shift is drawn "
            "once for the whole batch. Draw one for EACH image, e.g. rng.integers(-1, 2, size=len(images)).",
        )
    t.passed("augment: drawn per image", "property")

    _check_shift_range(t, augment, images.dtype)

    # Image i must stay image i, and must not be mirrored.
    own = _match_errors(out, images)
    diagonal = np.diag(own)
    # How many inputs explain output i better than its own input? A shifted, rotated, noisy image i is
    # still among the closest few (reference: always first; shifts of 2 px + 15 degrees + noise of
    # std 1: among the best 7 of 64 for >= 89%); a reordered batch only by chance (<= 14%).
    beaten_by = (own < diagonal[:, None]).sum(axis=1)
    kept = float(np.mean(beaten_by <= 6))
    flipped_h = float(np.mean(np.diag(_match_errors(out, images[:, :, ::-1])) < 0.6 * diagonal))
    flipped_v = float(np.mean(np.diag(_match_errors(out, images[:, ::-1, :])) < 0.6 * diagonal))
    if flipped_h > 0.15:
        t.fail(
            "augment: no flips",
            "value",
            f"{flipped_h:.0%} of the images come back mirrored left-right (a horizontal flip): a mirrored 2, "
            "3, 4, 5 or 7 is no longer that digit, so its label becomes wrong. Use shifts, small rotations "
            "or noise.",
        )
    if flipped_v > 0.15:
        t.fail(
            "augment: no flips",
            "value",
            f"{flipped_v:.0%} of the images come back upside down (a vertical flip): a flipped 6 reads as a "
            "9, and its label is wrong. Use shifts, small rotations or noise.",
        )
    t.passed("augment: no flips", "value")
    turned = max(
        float(np.mean(np.diag(_match_errors(out, np.rot90(images, k, axes=(1, 2)))) < 0.6 * diagonal))
        for k in (1, 2, 3)
    )
    t.expect(
        "augment: rotations of at most 15 degrees",
        turned <= 0.15,
        f"{turned:.0%} of the images come back turned by a quarter or half turn (np.rot90 or similar): the "
        "task allows rotations of at most 15 degrees; a 6 turned half-way is a 9, and a turned 7 is no "
        "digit at all.",
        kind="value",
    )
    t.expect(
        "augment: image i stays image i",
        kept >= 0.5,
        f"only {kept:.0%} of the outputs still resemble the image at their own position: augment "
        "reorders the batch (or moves digits far more than 2 pixels), so label i no longer describes "
        "image i. Transform each image in place of itself.",
        kind="value",
        batch=n,
    )


def _blob_displacements(outputs):
    """How far (in whole pixels, the larger axis) each output moved a 2x2 blob that started at rows/cols 3-4.

    The brightest 2x2 window of each output is where the blob went: rotations about the centre leave it
    in place (its pixels are 0.7 px from the centre), noise cannot outshine four pixels of 16, and
    shifts move it by exactly their size.
    """
    o = np.asarray(outputs, dtype=np.float64)
    windows = o[:, :-1, :-1] + o[:, 1:, :-1] + o[:, :-1, 1:] + o[:, 1:, 1:]  # (n, 7, 7)
    rows, cols = np.divmod(windows.reshape(len(o), -1).argmax(axis=1), 7)
    return np.maximum(np.abs(rows - 3), np.abs(cols - 3))


def _check_shift_range(t, augment, dtype):
    # The task allows shifts of at most 2 pixels: past that, a digit's strokes leave the 8x8 frame (a 3 or
    # a 5 loses the part that tells them apart). Right variants move the blob by 0-2 px in every copy;
    # rng.integers(-3, 4) moves ~47% of them by 3.
    blob = np.zeros((256, 8, 8), dtype=dtype)
    blob[:, 3:5, 3:5] = 16
    moved = t.call(augment, blob, np.random.default_rng(t.seed + 4), budget_s=10)
    far = _blob_displacements(moved) if np.shape(moved) == blob.shape else np.zeros(1, dtype=int)
    t.expect(
        "augment: shifts of at most 2 pixels",
        float(np.mean(far > PAD)) < 0.05,
        f"a bright 2x2 square in the middle of the image moved by {int(far.max())} pixels in "
        f"{np.mean(far > PAD):.0%} of 256 copies; the task allows shifts of at most {PAD}. Past that the "
        "strokes that tell digits apart leave the 8x8 frame. Draw shifts from rng.integers(-2, 3).",
        kind="value",
    )


def _check_prepare(t, prepare_data, X, y, labels_judgeable=True):
    n, m = 40, 10
    X_train, y_train, X_test = X[:n].copy(), y[:n].copy(), X[n : n + m].copy()
    for copies in (3, 1):
        got = t.call(
            prepare_data,
            X_train.copy(),
            y_train.copy(),
            X_test.copy(),
            np.random.default_rng(t.seed + copies),
            copies=copies,
            budget_s=10,
        )
        t.expect(
            "prepare_data returns three arrays",
            isinstance(got, tuple | list) and len(got) == 3,
            "prepare_data should return (X_big, y_big, X_test_ready).",
            kind="value",
        )
        X_big, y_big, X_test_ready = (np.asarray(a) for a in got)
        rows = n * (copies + 1)
        t.expect_shape(
            f"X_big with copies={copies}",
            X_big,
            (rows, 64),
            mistakes={
                (n * copies, 64): "X_big holds only the augmented copies; keep the N originals too.",
                (rows, 8, 8): "reshape X_big back to rows of 64 pixels.",
            },
        )
        t.expect_shape(f"y_big with copies={copies}", y_big, (rows,))
    big = float(X_big.max())
    t.expect(
        "X_big scaled to [0, 1]",
        big <= 1.0 + 1e-9 and float(X_big.min()) >= 0,
        f"X_big has values up to {big:.3g}; divide the pixels by 16, as for the test set.",
        kind="value",
    )
    if np.allclose(X_test_ready, X_test):
        t.fail(
            "the test set is scaled, not augmented",
            "value",
            "X_test_ready is X_test unscaled; divide it by 16 as the training rows are.",
        )
    t.expect(
        "the test set is scaled, not augmented",
        np.allclose(X_test_ready, X_test / 16.0),
        "X_test_ready is not X_test / 16: the test set was augmented (or changed otherwise). The test set "
        "measures the model on data as it comes; augmenting it makes the score random and measures "
        "something else. Augment the training set only.",
    )
    if not labels_judgeable:
        return
    errors = _match_errors(X_big * 16.0, X_train)
    source = errors.argmin(axis=1)
    agree = float(np.mean(y_train[source] == y_big))
    t.expect(
        "every row of X_big carries its own label",
        agree >= 0.9,
        f"only {agree:.0%} of the rows of X_big carry the label of the image they were made from: the "
        "labels are in another order than the rows. If X_big is [originals, copy 1, copy 2, ...] stacked, "
        "the labels repeat as whole blocks, np.tile(y, copies + 1) — np.repeat(y, copies + 1) repeats "
        "each label in place.",
        kind="value",
        batch=len(y_big),
    )


# ---- the training comparison ------------------------------------------------------------------------


def _shifted(X, rng):
    """Each test digit moved by one pixel in a random direction (never (0, 0)), zeros coming in."""
    moves = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx]
    pick = rng.integers(0, len(moves), size=len(X))
    padded = np.pad(X.reshape(-1, 8, 8), ((0, 0), (1, 1), (1, 1)))
    out = np.empty((len(X), 8, 8))
    for i, k in enumerate(pick):
        dy, dx = moves[k]
        out[i] = padded[i, 1 - dy : 9 - dy, 1 - dx : 9 - dx]
    return out.reshape(-1, 64)


def _train_mlp(X, y, seed, steps=300, hidden=64, lr=0.01):
    """A 64-64-10 ReLU network, Adam on mini-batches of 256; returns a predict function."""
    rng = np.random.default_rng(seed)
    params = [
        rng.normal(0, np.sqrt(2 / 64), (64, hidden)),
        np.zeros(hidden),
        rng.normal(0, np.sqrt(1 / hidden), (hidden, 10)),
        np.zeros(10),
    ]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    onehot = np.eye(10)[y]
    for step in range(1, steps + 1):
        idx = rng.integers(0, len(X), 256)
        xb, yb = X[idx], onehot[idx]
        W1, b1, W2, b2 = params
        h = np.maximum(xb @ W1 + b1, 0)
        z = h @ W2 + b2
        p = np.exp(z - z.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        dz = (p - yb) / len(xb)
        dh = dz @ W2.T * (h > 0)
        for i, g in enumerate((xb.T @ dh, dh.sum(0), h.T @ dz, dz.sum(0))):
            m[i] = 0.9 * m[i] + 0.1 * g
            v[i] = 0.999 * v[i] + 0.001 * g * g
            params[i] -= lr * (m[i] / (1 - 0.9**step)) / (np.sqrt(v[i] / (1 - 0.999**step)) + 1e-8)
    W1, b1, W2, b2 = params
    return lambda Xq: (np.maximum(Xq @ W1 + b1, 0) @ W2 + b2).argmax(1)


def _compare(t, prepare_data, X, y):
    Xtr, Xte, ytr, yte = split(X, y, 0.25, seed=t.seed % 1000)
    X_shift = _shifted(Xte, np.random.default_rng(t.seed + 11))
    got = t.call(prepare_data, Xtr.copy(), ytr.copy(), X_shift.copy(), np.random.default_rng(t.seed + 12), budget_s=10)
    X_big, y_big, X_test_ready = (np.asarray(a) for a in got)
    with threadpool_limits(limits=1):  # small matrices: one BLAS thread is faster and far steadier
        plain = _train_mlp(Xtr / 16.0, ytr, t.seed)
        augmented = _train_mlp(X_big.astype(np.float64), y_big.astype(np.int64), t.seed)
    acc_plain = float(np.mean(plain(X_shift / 16.0) == yte))
    acc_aug = float(np.mean(augmented(X_test_ready.astype(np.float64)) == yte))
    gain = acc_aug - acc_plain
    t.expect(
        "augmentation helps on shifted digits",
        gain >= MIN_GAIN,
        f"on test digits shifted by one pixel the network trained on the originals scores {acc_plain:.3f} "
        f"and the one trained on your X_big {acc_aug:.3f}: a gain of {gain:+.3f}, below the required "
        f"{MIN_GAIN}. The test digits are SHIFTED, so the training data must show shifted digits: move "
        "each image by up to a pixel (noise or rotations alone do not teach where a digit may sit).",
        kind="convergence",
        plain=acc_plain,
        augmented=acc_aug,
    )
    t.note(f"shifted test digits: {acc_plain:.3f} without augmentation, {acc_aug:.3f} with yours")


def check(t: Checker) -> None:
    augment = t.function("augment")
    prepare_data = t.function("prepare_data")
    X, y = load_digits()
    picks = t.rng.choice(len(X), size=64, replace=False)
    with t.part("augment"):
        _check_augment(t, augment, X[picks].reshape(-1, 8, 8).copy())
    # Rows are matched to their source images up to a small shift; when augment itself moves digits
    # out of reach (turns, flips, far shifts), that matching would blame the labels for augment's fault.
    labels_judgeable = not t.failed
    with t.part("prepare_data"):
        _check_prepare(t, prepare_data, X, y, labels_judgeable)
    if t.failed:
        return
    _compare(t, prepare_data, X, y)
