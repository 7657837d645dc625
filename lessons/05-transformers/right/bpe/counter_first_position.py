# correct: Counter counts + explicit first-occurrence index for ties; bytes-level regex-free replace via generator
from collections import Counter


def _step(seq, pair, new):
    it = iter(range(len(seq)))
    out = []
    skip = False
    for k in range(len(seq)):
        if skip:
            skip = False
            continue
        if k + 1 < len(seq) and seq[k] == pair[0] and seq[k + 1] == pair[1]:
            out.append(new)
            skip = True
        else:
            out.append(seq[k])
    return out


def train_bpe(text, num_merges):
    seq = list(text.encode("utf-8"))
    merges = []
    while len(merges) < num_merges and len(seq) > 1:
        pairs = list(zip(seq, seq[1:]))
        cnt = Counter(pairs)
        first = {}
        for pos, p in enumerate(pairs):
            first.setdefault(p, pos)
        best = min(cnt, key=lambda p: (-cnt[p], first[p]))
        seq = _step(seq, best, 256 + len(merges))
        merges.append(best)
    return merges


def encode(text, merges):
    seq = list(text.encode("utf-8"))
    for i, p in enumerate(merges):
        seq = _step(seq, tuple(p), 256 + i)
    return seq


def decode(ids, merges):
    def expand(t):
        if t < 256:
            return bytes([t])
        a, b = merges[t - 256]
        return expand(a) + expand(b)
    return bytes().join(expand(t) for t in ids).decode("utf-8")
