"""The tiny_gpt corpus: words drawn at random from a small list, joined by spaces.

Generated, so it is the same on every machine and Python version, and its structure is known:
inside a word the next letter depends on several letters back ("th" -> e, then "the" -> space, n, y
or r), which a bigram model (one letter of context) cannot see, while the word order is pure noise,
so nothing but spelling can be learned. The best possible loss is ln(33) / 4.82 ≈ 0.73 nats per
character: each word carries ln(33) nats of surprise and takes 4.82 characters on average, its space
included.
"""

from __future__ import annotations

import numpy as np

WORDS = (
    "the then they there other these three tree here her hear heart earth rat tar art star stare "
    "rest nest ten net neat eat tea seat east note tone stone one no on"
).split()


def text(seed: int, n_words: int) -> str:
    rng = np.random.default_rng(seed)
    return " ".join(WORDS[i] for i in rng.integers(0, len(WORDS), n_words)) + " "


def alphabet() -> list[str]:
    return sorted(set("".join(WORDS)) | {" "})


def encode(s: str) -> list[int]:
    index = {c: i for i, c in enumerate(alphabet())}
    return [index[c] for c in s]


def decode(ids) -> str:
    chars = alphabet()
    return "".join(chars[int(i)] for i in ids)


def bigram_loss(train_ids, held_ids, vocab: int, smoothing: float = 0.1) -> float:
    """Held-out cross-entropy (nats/char) of a count-based bigram model with add-`smoothing` counts."""
    counts = np.full((vocab, vocab), smoothing)
    np.add.at(counts, (np.asarray(train_ids[:-1]), np.asarray(train_ids[1:])), 1.0)
    probs = counts / counts.sum(axis=1, keepdims=True)
    held = np.asarray(held_ids)
    return float(-np.log(probs[held[:-1], held[1:]]).mean())
