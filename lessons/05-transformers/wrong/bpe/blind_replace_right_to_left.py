# expect: You merged from the right
# mistake: replacement scans right to left: "aaa" -> [97, 256]
def _counts(ids):
    c = {}
    for p in zip(ids, ids[1:]):
        c[p] = c.get(p, 0) + 1
    return c


def _replace(ids, pair, new):
    out, i = [], len(ids) - 1
    while i >= 0:
        if i - 1 >= 0 and ids[i - 1] == pair[0] and ids[i] == pair[1]:
            out.append(new); i -= 2
        else:
            out.append(ids[i]); i -= 1
    return out[::-1]


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
