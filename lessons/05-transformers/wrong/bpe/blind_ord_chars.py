# expect: you worked on characters (ord(c))
# mistake: works on code points (ord) instead of UTF-8 bytes
def _counts(ids):
    c = {}
    for p in zip(ids, ids[1:]):
        c[p] = c.get(p, 0) + 1
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
    ids = [ord(ch) for ch in text]
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
    ids = [ord(ch) for ch in text]
    for i, pair in enumerate(merges):
        ids = _replace(ids, pair, 256 + i)
    return ids


def decode(ids, merges):
    vocab = {}
    for i, (a, b) in enumerate(merges):
        vocab[256 + i] = (vocab[a] if a in vocab else chr(a).encode()) + (vocab[b] if b in vocab else chr(b).encode())
    return "".join(vocab[t].decode("utf-8") if t in vocab else chr(t) for t in ids)
