# variant: tokens handled as a bytearray-free generator pipeline; counting with a manual dict loop over indices; decode via bytearray
def _step(seq, a, b, new):
    res = []
    skip = False
    for idx in range(len(seq)):
        if skip:
            skip = False
            continue
        if idx + 1 < len(seq) and seq[idx] == a and seq[idx + 1] == b:
            res.append(new)
            skip = True
        else:
            res.append(seq[idx])
    return res


def train_bpe(text, num_merges):
    seq = [b for b in text.encode("utf-8")]
    merges = []
    i = 0
    while i < num_merges:
        counts = {}
        order = []
        for idx in range(len(seq) - 1):
            p = (seq[idx], seq[idx + 1])
            if p not in counts:
                counts[p] = 0
                order.append(p)
            counts[p] += 1
        if not order:
            break
        best = order[0]
        for p in order[1:]:
            if counts[p] > counts[best]:
                best = p
        merges.append(best)
        seq = _step(seq, best[0], best[1], 256 + i)
        i += 1
    return merges


def encode(text, merges):
    seq = [b for b in text.encode("utf-8")]
    for i in range(len(merges)):
        seq = _step(seq, merges[i][0], merges[i][1], 256 + i)
    return seq


def decode(ids, merges):
    table = [bytes([x]) for x in range(256)]
    for a, b in merges:
        table.append(table[a] + table[b])
    buf = bytearray()
    for t in ids:
        buf += table[t]
    return buf.decode("utf-8")
