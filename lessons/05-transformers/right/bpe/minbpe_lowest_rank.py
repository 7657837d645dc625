# correct: minbpe-style encode (repeatedly merge the lowest-rank pair present), bytearray decode
def _stats(ids):
    d = {}
    for a, b in zip(ids, ids[1:]):
        d[(a, b)] = d.get((a, b), 0) + 1
    return d


def _merge(ids, pair, idx):
    new, i, n = [], 0, len(ids)
    while i < n:
        if i < n - 1 and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            new.append(idx)
            i += 2
        else:
            new.append(ids[i])
            i += 1
    return new


def train_bpe(text, num_merges):
    ids = list(text.encode("utf-8"))
    merges = []
    for i in range(num_merges):
        stats = _stats(ids)
        if not stats:
            break
        top = max(stats.values())
        pair = next(p for p in stats if stats[p] == top)
        merges.append(pair)
        ids = _merge(ids, pair, 256 + i)
    return merges


def encode(text, merges):
    rank = {}
    for i, p in enumerate(merges):
        rank.setdefault(tuple(p), i)
    ids = list(text.encode("utf-8"))
    while len(ids) >= 2:
        stats = _stats(ids)
        pair = min(stats, key=lambda p: rank.get(p, float("inf")))
        if pair not in rank:
            break
        ids = _merge(ids, pair, 256 + rank[pair])
    return ids


def decode(ids, merges):
    table = [bytes([i]) for i in range(256)]
    for a, b in merges:
        table.append(table[a] + table[b])
    buf = bytearray()
    for t in ids:
        buf += table[t]
    return buf.decode("utf-8")
