# expect: You counted non-overlapping occurrences
# mistake: pair counting skips overlaps: "aaa" counts (97,97) once
def _counts(ids):
    c = {}
    i = 0
    last = None
    while i + 1 < len(ids):
        p = (ids[i], ids[i + 1])
        if p == last and ids[i] == ids[i + 1]:
            last = None
            i += 1
            continue
        c[p] = c.get(p, 0) + 1
        last = p
        i += 1
    return c


def _replace(ids, pair, new):
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            out.append(new); i += 2
        else:
            out.append(ids[i]); i += 1
    return out


def train_bpe(text, num_merges):
    ids = list(text.encode("utf-8"))
    merges = []
    for i in range(num_merges):
        c = _counts(ids)
        if not c:
            break
        pair = max(c, key=c.get)
        merges.append(pair)
        ids = _replace(ids, pair, 256 + i)
    return merges


def encode(text, merges):
    ids = list(text.encode("utf-8"))
    for i, pair in enumerate(merges):
        ids = _replace(ids, pair, 256 + i)
    return ids


def decode(ids, merges):
    vocab = {i: bytes([i]) for i in range(256)}
    for i, (a, b) in enumerate(merges):
        vocab[256 + i] = vocab[a] + vocab[b]
    return b"".join(vocab[t] for t in ids).decode("utf-8")
