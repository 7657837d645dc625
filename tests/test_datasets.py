"""tutor.datasets: the digits loader, the IDX/MNIST loaders (on small files written here), the split,
the synthetic reviews."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest

from tutor.datasets import (
    REVIEW_NEGATIONS,
    REVIEW_NEGATIVE,
    REVIEW_POSITIVE,
    REVIEW_SARCASM_MARKER,
    generate_reviews,
    load_digits,
    load_idx,
    load_mnist,
    split,
)
from tutor.errors import TutorError


def write_idx(path: Path, array: np.ndarray, type_code: int, *, gz: bool = False) -> Path:
    """An IDX file as the MNIST distribution has them: magic, big-endian sizes, big-endian data."""
    header = bytes([0, 0, type_code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    body = array.astype(array.dtype.newbyteorder(">")).tobytes()
    opener = gzip.open if gz else open
    with opener(path, "wb") as handle:
        handle.write(header + body)
    return path


def test_digits_match_scikit_learns_own_loader():
    from sklearn.datasets import load_digits as sklearn_load_digits

    X, y = load_digits()
    reference = sklearn_load_digits()
    assert X.shape == (1797, 64) and X.dtype == np.float64 and y.dtype == np.int64
    assert np.array_equal(X, reference.data) and np.array_equal(y, reference.target)


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize(("dtype", "code"), [(np.uint8, 0x08), (np.dtype(">i4"), 0x0C), (np.dtype(">f4"), 0x0D)])
def test_idx_round_trip(tmp_path, gz, dtype, code):
    array = (np.arange(2 * 3 * 4) % 200).reshape(2, 3, 4).astype(dtype)
    path = write_idx(tmp_path / ("a.idx" + (".gz" if gz else "")), array, code, gz=gz)
    back = load_idx(path)
    assert back.shape == (2, 3, 4) and np.array_equal(back, array)
    assert back.dtype.isnative  # big-endian on disk, native in memory


def test_idx_refuses_a_bad_magic_number_and_a_truncated_file(tmp_path):
    (tmp_path / "bad").write_bytes(b"\x01\x02\x03\x04rest")
    with pytest.raises(TutorError, match="not an IDX file"):
        load_idx(tmp_path / "bad")
    path = write_idx(tmp_path / "short", np.zeros((4, 5), np.uint8), 0x08)
    path.write_bytes(path.read_bytes()[:-3])
    with pytest.raises(TutorError, match="truncated"):
        load_idx(path)


def test_mnist_from_a_folder_of_idx_files(tmp_path):
    images = np.arange(3 * 28 * 28, dtype=np.int64).reshape(3, 28, 28) % 256
    write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", images.astype(np.uint8), 0x08, gz=True)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte", np.array([7, 2, 1], np.uint8), 0x08)
    X, y = load_mnist(tmp_path, kind="test")
    assert X.shape == (3, 28, 28) and X.dtype == np.float32 and float(X.max()) <= 1.0
    assert np.allclose(X * 255.0, images) and y.tolist() == [7, 2, 1] and y.dtype == np.int64
    with pytest.raises(TutorError, match="never downloads"):
        load_mnist(tmp_path, kind="train")


def test_split_is_seeded_and_stratified():
    X = np.arange(100).reshape(50, 2)
    y = np.repeat([0, 1], 25)
    first, again = split(X, y, seed=3), split(X, y, seed=3)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    X_train, X_test, y_train, y_test = first
    assert len(X_test) == 12 and np.bincount(y_test).tolist() == [6, 6]
    assert sorted(X_train[:, 0].tolist() + X_test[:, 0].tolist()) == X[:, 0].tolist()


# ---- generate_reviews -----------------------------------------------------------------------------
def _negation_marked(text: str) -> str:
    """Words after "not"/"never" get a NOT_ prefix until the clause ends: features that see order."""
    out, negated = [], False
    for word in text.split():
        if word in (".", ",", "and", "but"):
            negated = False
        elif word in REVIEW_NEGATIONS:
            negated = True
            continue
        out.append("NOT_" + word if negated else word)
    return " ".join(out)


def _logistic_accuracy(train, test, featurise) -> float:
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    (train_texts, y_train), (test_texts, y_test) = train, test
    vectoriser = CountVectorizer(token_pattern=r"[^ ]+")
    X = vectoriser.fit_transform([featurise(s) for s in train_texts])
    model = LogisticRegression(max_iter=2000, C=10.0).fit(X, y_train)
    return float(model.score(vectoriser.transform([featurise(s) for s in test_texts]), y_test))


def test_reviews_are_deterministic_balanced_and_tokenised_by_spaces():
    texts, labels = generate_reviews(101, seed=5, sarcasm=True)
    again, labels_again = generate_reviews(101, seed=5, sarcasm=True)
    assert texts == again and np.array_equal(labels, labels_again)
    assert generate_reviews(101, seed=6, sarcasm=True)[0] != texts
    assert labels.dtype == np.int64 and set(labels.tolist()) == {0, 1} and abs(int(labels.sum()) - 50) <= 1
    assert all(text == " ".join(text.split()) and text == text.lower() for text in texts)


def test_a_negation_flips_the_polarity_of_its_clause():
    texts, labels = generate_reviews(3000, seed=1)
    polarity = {**{w: 1 for w in REVIEW_POSITIVE}, **{w: 0 for w in REVIEW_NEGATIVE}}
    single, negated = 0, 0
    for text, label in zip(texts, labels, strict=True):
        words = text.split()
        adjectives = [w for w in words if w in polarity]
        if len(adjectives) != 1:
            continue  # one clause: its polarity is the label
        single += 1
        flipped = any(w in REVIEW_NEGATIONS for w in words)
        negated += flipped
        assert label == (1 - polarity[adjectives[0]] if flipped else polarity[adjectives[0]]), text
    assert single > 500 and 0.2 < negated / single < 0.5


def test_a_sarcasm_marker_reverses_the_review():
    texts, labels = generate_reviews(3000, seed=2, sarcasm=True)
    polarity = {**{w: 1 for w in REVIEW_POSITIVE}, **{w: 0 for w in REVIEW_NEGATIVE}}
    marked = [t.startswith(REVIEW_SARCASM_MARKER + " ") for t in texts]
    assert 0.2 < np.mean(marked) < 0.4
    assert not any(REVIEW_SARCASM_MARKER in t.split() for t in generate_reviews(500, seed=2)[0])
    checked = 0
    for text, label, sarcastic in zip(texts, labels, marked, strict=True):
        body = text.split(" . ", 1)[1] if sarcastic else text
        adjectives = [w for w in body.split() if w in polarity]
        if len(adjectives) == 1:
            literal = polarity[adjectives[0]] ^ any(w in REVIEW_NEGATIONS for w in body.split())
            assert label == (1 - literal if sarcastic else literal), text
            checked += sarcastic
    assert checked > 100


def test_emoticons_follow_each_clause_as_its_polarity_says():
    texts, labels = generate_reviews(300, seed=3, emoticons=True)
    plain, _ = generate_reviews(300, seed=3)
    polarity = {**{w: 1 for w in REVIEW_POSITIVE}, **{w: 0 for w in REVIEW_NEGATIVE}}
    for text, label in zip(texts, labels, strict=True):
        words = text.split()
        faces = [w for w in words if w in (":)", ":(")]
        assert len(faces) == sum(w in polarity for w in words) and len(faces) in (1, 3)
        assert (faces.count(":)") > len(faces) / 2) == bool(label)
        if len(faces) == 1:  # one clause: the adjective flipped by a negation
            adjective = next(w for w in words if w in polarity)
            assert (faces[0] == ":)") == bool(polarity[adjective] ^ any(w in REVIEW_NEGATIONS for w in words))
    assert not any(":)" in t or ":(" in t for t in plain)


def test_bag_of_words_stays_far_below_a_model_that_sees_negation():
    train, test = generate_reviews(2000, seed=0), generate_reviews(1000, seed=100)
    bag_of_words = _logistic_accuracy(train, test, lambda s: s)
    order_aware = _logistic_accuracy(train, test, _negation_marked)
    assert bag_of_words <= 0.70 and order_aware >= 0.95, (bag_of_words, order_aware)
    sarcastic_train, sarcastic_test = generate_reviews(2000, 0, sarcasm=True), generate_reviews(1000, 100, sarcasm=True)
    assert _logistic_accuracy(sarcastic_train, sarcastic_test, lambda s: s) <= 0.65
    assert _logistic_accuracy(sarcastic_train, sarcastic_test, _negation_marked) <= 0.75  # sarcasm ignored
