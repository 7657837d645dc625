"""Data augmentation for the 8x8 digits: more varied training data from the same images.

Write `augment(images, rng)`:
    images: (N, 8, 8) array, pixel values in [0, 16] (float64 or float32); rng: a numpy Generator.
    Return a NEW array of the same shape and dtype, values still in [0, 16], where image i is a randomly
    transformed image i: shifts of at most 2 pixels, rotations of at most 15 degrees, noise — your choice.
    Draw every random number from `rng`, separately for each image. No flips: a mirrored 2 or 7 is no
    longer that digit. Never modify `images`.

Write `prepare_data(X_train, y_train, X_test, rng, copies=3) -> (X_big, y_big, X_test_ready)`:
    X_train (N, 64) rows of pixels 0..16, y_train (N,) labels, X_test (M, 64).
    X_big: the N original rows plus `copies` augmented versions of each (N * (copies + 1) rows), divided
    by 16; y_big: the label of every row of X_big. X_test_ready: X_test / 16 — the test set is NOT augmented.

The checker trains the same small network on X_big and on the originals alone, and compares them on
test digits shifted by one pixel: the augmented one must be better by at least 0.25 in accuracy, so
shifts must be among your transformations.

Run `dltutor check augmentation` to test your implementation.
"""

import numpy as np  # noqa: F401  (you will need it)


def augment(images, rng):
    # TODO: a random, label-preserving transformation of each image, drawn from rng
    raise NotImplementedError


def prepare_data(X_train, y_train, X_test, rng, copies=3):
    # TODO: originals + `copies` augmented versions with matching labels, all scaled; the test set only scaled
    raise NotImplementedError
