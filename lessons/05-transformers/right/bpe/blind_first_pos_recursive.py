# variant: explicit first-occurrence tie-break via position index, recursive decode through the merge tree
from collections import Counter


def train_bpe(text, num_merges):
    seq = list(text.encode("utf-8"))
    merges = []
    for k in range(num_merges):
        if len(seq) < 2:
            break
        pairs = list(zip(seq, seq[:-1] and seq[1:]))
        cnt = Counter(pairs)
        first = {}
        for pos, p in enumerate(pairs):
            first.setdefault(p, pos)
        top = max(cnt.values())
        best = min((p for p in cnt if cnt[p] == top), key=lambda p: first[p])
        merges.append(best)
        new, j = [], 0
        while j < len(seq):
            if j < len(seq) - 1 and (seq[j], seq[j + 1]) == best:
                new.append(256 + k)
                j += 2
            else:
                new.append(seq[j])
                j += 1
        seq = new
    return merges


def encode(text, merges):
    seq = list(text.encode("utf-8"))
    for k, best in enumerate(merges):
        new, j = [], 0
        while j < len(seq):
            if j < len(seq) - 1 and seq[j] == best[0] and seq[j + 1] == best[1]:
                new.append(256 + k)
                j += 2
            else:
                new.append(seq[j])
                j += 1
        seq = new
    return seq


def decode(ids, merges):
    def expand(t):
        if t < 256:
            return [t]
        a, b = merges[t - 256]
        return expand(a) + expand(b)
    out = []
    for t in ids:
        out.extend(expand(t))
    return bytes(out).decode("utf-8")
