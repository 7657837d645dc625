"""BPE with collections.Counter: most_common(1) keeps insertion order among equal counts."""

from collections import Counter
from itertools import pairwise


def replace_pair(seq, pair, new_id):
    out = []
    i = 0
    while i < len(seq):
        if seq[i:i + 2] == list(pair):
            out.append(new_id)
            i += 2
        else:
            out.append(seq[i])
            i += 1
    return out


def train_bpe(text, num_merges):
    seq = list(text.encode())
    merges = []
    for step in range(num_merges):
        stats = Counter(pairwise(seq))
        if not stats:
            break
        (best, _), = stats.most_common(1)
        merges.append(best)
        seq = replace_pair(seq, best, 256 + step)
    return merges


def encode(text, merges):
    seq = list(text.encode())
    for step, pair in enumerate(merges):
        seq = replace_pair(seq, pair, 256 + step)
    return seq


def decode(ids, merges):
    pieces = [bytes([b]) for b in range(256)]
    for a, b in merges:
        pieces.append(pieces[a] + pieces[b])
    return b"".join(pieces[i] for i in ids).decode()
