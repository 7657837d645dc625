"""Data for exercises: nothing is downloaded at run time.

* `load_digits()` reads the 8×8 digits file that scikit-learn ships, straight
  from its package folder (importing sklearn costs ~1.3 s of a check's time;
  this costs ~20 ms). Should a scikit-learn release move the file, it falls
  back to `sklearn.datasets.load_digits`; tests/test_datasets.py holds the two
  equal. scikit-learn stays a dependency either way: stage 07's checkers
  compare learners' metrics with it.
* `load_idx` / `load_mnist` are the real loaders for the MNIST family, for
  learners who have the files on disk; tests run them on small IDX files.
* `split` is a seeded, stratified train/test split.
"""

from __future__ import annotations

import gzip
import importlib.util
import struct
from pathlib import Path
from typing import Any

import numpy as np

from tutor.errors import TutorError

_IDX_DTYPES: dict[int, Any] = {
    0x08: np.uint8,
    0x09: np.int8,
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


def _sklearn_data_dir() -> Path:
    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        raise TutorError("scikit-learn is not installed; it ships the 8×8 digits data set (pip install scikit-learn)")
    return Path(next(iter(spec.submodule_search_locations))) / "datasets" / "data"


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """The 1,797 8×8 handwritten digits: X (1797, 64) float64 in [0, 16], y (1797,) int64."""
    path = _sklearn_data_dir() / "digits.csv.gz"
    if not path.is_file():
        from sklearn.datasets import load_digits as sklearn_load_digits

        bunch = sklearn_load_digits()
        return np.asarray(bunch.data, dtype=np.float64), np.asarray(bunch.target, dtype=np.int64)
    data = np.loadtxt(path, delimiter=",")
    return data[:, :-1].astype(np.float64), data[:, -1].astype(np.int64)


def split(
    X: np.ndarray,
    y: np.ndarray,
    test_fraction: float = 0.25,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Seeded, stratified split: (X_train, X_test, y_train, y_test)."""
    rng = np.random.default_rng(seed)
    test_idx: list[int] = []
    for label in np.unique(y):
        idx = np.flatnonzero(y == label)
        rng.shuffle(idx)
        test_idx.extend(idx[: int(round(len(idx) * test_fraction))])
    test_mask = np.zeros(len(y), dtype=bool)
    test_mask[test_idx] = True
    train = np.flatnonzero(~test_mask)
    test = np.flatnonzero(test_mask)
    rng.shuffle(train)
    rng.shuffle(test)
    return X[train], X[test], y[train], y[test]


def load_idx(path: str | Path) -> np.ndarray:
    """Read an IDX file (the MNIST format), gzipped or not."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        header = handle.read(4)
        if len(header) != 4 or header[0] != 0 or header[1] != 0 or header[2] not in _IDX_DTYPES:
            raise TutorError(f"{path}: not an IDX file (bad magic number)")
        dtype, ndim = np.dtype(_IDX_DTYPES[header[2]]), header[3]
        shape = struct.unpack(f">{ndim}I", handle.read(4 * ndim))
        data = np.frombuffer(handle.read(), dtype=dtype)
    if data.size != int(np.prod(shape)):
        raise TutorError(
            f"{path}: expected {int(np.prod(shape))} values for shape {shape}, found {data.size} (truncated download?)"
        )
    return data.reshape(shape).astype(dtype.newbyteorder("="))


def load_mnist(directory: str | Path, kind: str = "train") -> tuple[np.ndarray, np.ndarray]:
    """MNIST (or Fashion-MNIST) from a folder holding the four standard IDX files."""
    prefix = "train" if kind == "train" else "t10k"
    directory = Path(directory)
    found = {}
    for part in ("images-idx3-ubyte", "labels-idx1-ubyte"):
        candidates = [directory / f"{prefix}-{part}{ext}" for ext in ("", ".gz")]
        path = next((c for c in candidates if c.is_file()), None)
        if path is None:
            raise TutorError(
                f"{directory}: no {prefix}-{part}[.gz]; put the MNIST files there (dltutor never downloads data)"
            )
        found[part] = load_idx(path)
    images, labels = found["images-idx3-ubyte"], found["labels-idx1-ubyte"]
    if len(images) != len(labels):
        raise TutorError(f"{directory}: {len(images)} images but {len(labels)} labels")
    return images.astype(np.float32) / 255.0, labels.astype(np.int64)


# ---- synthetic movie reviews (stage 05's finetune, stage 08's capstone) ------------------------
# Word lists are public so checkers and tests can name what they see; the generator below is the
# only place that decides a label. Every token is lower case and separated by one space ("," and "."
# are tokens too), so `text.split()` is a complete tokeniser.
REVIEW_POSITIVE = (
    "good",
    "great",
    "brilliant",
    "funny",
    "clever",
    "moving",
    "gripping",
    "charming",
    "fresh",
    "beautiful",
)
REVIEW_NEGATIVE = ("bad", "boring", "dull", "awful", "weak", "slow", "predictable", "messy", "bland", "silly")
REVIEW_NEGATIONS = ("not", "never")
REVIEW_SARCASM_MARKER = "oh"  # only sarcastic openers use it ("oh great , another sequel .")
_SUBJECTS = (
    "the movie",
    "the film",
    "the plot",
    "the acting",
    "the ending",
    "the script",
    "the cast",
    "the music",
    "the story",
    "the dialogue",
    "the pacing",
    "the director",
)
_VERBS = ("was", "is", "felt", "seemed", "looked")
_INTENSIFIERS = ("very", "really", "truly", "quite", "so")
_LINKS = (".", "and", "but", ", and", ". also ,", ". overall ,")
_FILLERS = (
    "i saw it on a sunday",
    "the cinema was full",
    "it runs two hours",
    "my friend chose it",
    "we had popcorn",
    "it opened last week",
    "i went with my sister",
    "the seats were red",
    "it is based on a book",
    "there was a long trailer first",
)
_SEQUELS = ("sequel", "remake", "superhero film", "musical", "space opera", "heist movie")
_SARCASTIC_OPENERS = (
    "oh great , another {}",
    "oh wonderful , yet another {}",
    "oh joy , a new {}",
    "oh sure , another {}",
)


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[int(rng.integers(len(options)))]  # rng.choice would build an array per call: 10x slower


def _review_clause(rng: np.random.Generator, negation_rate: float) -> tuple[str, int]:
    """One sentiment clause and its polarity (+1/-1): the adjective's sign, flipped by a negation."""
    positive = bool(rng.random() < 0.5)
    adjective = _pick(rng, REVIEW_POSITIVE if positive else REVIEW_NEGATIVE)
    negation = _pick(rng, REVIEW_NEGATIONS) if rng.random() < negation_rate else None
    if rng.random() < 0.3:  # an intensifier sits between the negation and the adjective: "not very good"
        adjective = f"{_pick(rng, _INTENSIFIERS)} {adjective}"
    subject = _pick(rng, _SUBJECTS)
    head = f"i found {subject}" if rng.random() < 0.25 else f"{subject} {_pick(rng, _VERBS)}"
    if negation:
        head += f" {negation}"
    sign = 1 if positive else -1
    return f"{head} {adjective}", -sign if negation else sign


def _one_review(rng: np.random.Generator, sarcastic: bool, emoticons: bool, negation_rate: float) -> tuple[str, int]:
    n_clauses = 1 if rng.random() < 0.45 else 3  # odd, so the clause votes never tie
    clauses = [_review_clause(rng, negation_rate) for _ in range(n_clauses)]
    if emoticons:
        clauses = [(f"{text} {':)' if sign > 0 else ':('}", sign) for text, sign in clauses]
    literal = 1 if sum(sign for _, sign in clauses) > 0 else 0
    label = 1 - literal if sarcastic else literal
    parts = [text for text, _ in clauses]
    for _ in range(int(rng.integers(0, 3))):  # filler: words that say nothing about the film's quality
        parts.insert(int(rng.integers(0, len(parts) + 1)), _pick(rng, _FILLERS))
    body = parts[0]
    for part in parts[1:]:
        body += f" {_pick(rng, _LINKS)} {part}"
    text = body + " ."
    if sarcastic:
        text = _pick(rng, _SARCASTIC_OPENERS).format(_pick(rng, _SEQUELS)) + " . " + text
    return text, label


def generate_reviews(
    n: int,
    seed: int,
    sarcasm: bool = False,
    *,
    emoticons: bool = False,
    negation_rate: float = 0.35,
    sarcasm_rate: float = 0.3,
) -> tuple[list[str], np.ndarray]:
    """`n` synthetic movie reviews and their labels (int64, 1 = positive), exactly balanced.

    A review is 1 or 3 sentiment clauses ("the plot was not very clever") plus filler; its label is
    the majority of the clauses' polarities, where a negation ("not", "never") flips a clause. Words
    alone cannot tell "not good" from "good", so a bag-of-words model stays far below one that sees
    order. With `sarcasm`, a share of reviews opens with a sarcastic line marked by the token "oh"
    ("oh great , another sequel .") that reverses the whole review. `emoticons` ends every clause
    with ":)" or ":(" as its (negation-aware) polarity says — text for language-model pretraining,
    where predicting the emoticon teaches negation; never for a classifier. The same (n, seed,
    options) always give the same reviews.
    """
    rng = np.random.default_rng(seed)
    wanted = rng.permutation(np.arange(n) % 2)
    texts: list[str] = []
    for label in wanted:
        while True:  # each draw matches `label` half the time, so this ends after ~2 draws
            sarcastic = sarcasm and bool(rng.random() < sarcasm_rate)
            text, got = _one_review(rng, sarcastic, emoticons, negation_rate)
            if got == label:
                texts.append(text)
                break
    return texts, wanted.astype(np.int64)
