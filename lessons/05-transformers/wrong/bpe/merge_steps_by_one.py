# expect: jump past both
"""After a replacement the scan moves on by one token, so a token is used twice."""

from itertools import pairwise


def _pair_counts(ids):
    """Every adjacent pair (overlaps included), in order of first occurrence."""
    counts = {}
    for pair in pairwise(ids):
        counts[pair] = counts.get(pair, 0) + 1
    return counts


def _merge(ids, pair, new_id):
    """Replace each occurrence of `pair`, scanning left to right, never reusing a merged token."""
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 1
        else:
            out.append(ids[i])
            i += 1
    return out


def train_bpe(text: str, num_merges: int) -> list[tuple[int, int]]:
    ids = list(text.encode("utf-8"))
    merges = []
    for i in range(num_merges):
        counts = _pair_counts(ids)
        if not counts:
            break
        # max() keeps the first of equal counts, and dicts keep insertion order: first occurrence wins.
        pair = max(counts, key=counts.get)
        merges.append(pair)
        ids = _merge(ids, pair, 256 + i)
    return merges


def encode(text: str, merges: list[tuple[int, int]]) -> list[int]:
    ids = list(text.encode("utf-8"))
    for i, pair in enumerate(merges):
        ids = _merge(ids, tuple(pair), 256 + i)
    return ids


def decode(ids: list[int], merges: list[tuple[int, int]]) -> str:
    vocab = {b: bytes([b]) for b in range(256)}
    for i, (a, b) in enumerate(merges):
        vocab[256 + i] = vocab[a] + vocab[b]
    # Join first, decode once: a token may hold only part of a multi-byte character.
    return b"".join(vocab[t] for t in ids).decode("utf-8")
