"""BPE with plain dicts: training tracks the best pair by hand; encoding repeatedly merges the present
pair with the lowest rank (the minbpe style), which gives the same tokens as replaying merges in order."""


def _counts(tokens):
    counts = {}
    for i in range(len(tokens) - 1):
        key = (tokens[i], tokens[i + 1])
        counts[key] = counts.get(key, 0) + 1
    return counts


def _apply(tokens, pair, new_token):
    result = []
    i = 0
    while i < len(tokens):
        if i < len(tokens) - 1 and tokens[i] == pair[0] and tokens[i + 1] == pair[1]:
            result.append(new_token)
            i += 2
            continue
        result.append(tokens[i])
        i += 1
    return result


def train_bpe(text: str, num_merges: int) -> list[tuple[int, int]]:
    tokens = list(bytes(text, "utf-8"))
    merges = []
    while len(merges) < num_merges and len(tokens) > 1:
        best, best_count = None, 0
        for pair, count in _counts(tokens).items():
            if count > best_count:  # strict: the earliest of equal counts stays
                best, best_count = pair, count
        tokens = _apply(tokens, best, 256 + len(merges))
        merges.append(best)
    return merges


def encode(text: str, merges: list[tuple[int, int]]) -> list[int]:
    rank = {tuple(pair): i for i, pair in enumerate(merges)}
    tokens = list(bytes(text, "utf-8"))
    while len(tokens) > 1:
        candidates = [p for p in _counts(tokens) if p in rank]
        if not candidates:
            break
        pair = min(candidates, key=rank.get)
        tokens = _apply(tokens, pair, 256 + rank[pair])
    return tokens


def _expand(token, merges, out):
    if token < 256:
        out.append(token)
    else:
        a, b = merges[token - 256]
        _expand(a, merges, out)
        _expand(b, merges, out)


def decode(ids: list[int], merges: list[tuple[int, int]]) -> str:
    raw = []
    for token in ids:
        _expand(token, merges, raw)
    return bytes(raw).decode("utf-8")
