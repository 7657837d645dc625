"""Checker: byte-pair encoding on UTF-8 bytes. train_bpe's merges are compared with the checker's own
implementation on tiny strings built to separate the conventions (ties, overlapping pairs, merge
direction, early stop) and on a generated corpus; encode and decode are checked with merges the
checker supplies, so each function is judged on its own; then decode(encode(s)) == s on random
Unicode with the learner's own merges. A wrong result is named by the variant it matches, or
explained at the first merge (or token) where it departs."""

from __future__ import annotations

from itertools import pairwise

from tutor.checks import Checker

BUDGET_S = 3.0
SYLLABLES = ["th", "e", "an", "ing", "re", "on", "st", "er", "ca", "fé", "naï", "ve", "über", "日本", "語", "🙂", "ü"]
UNICODE_RANGES = [(32, 127), (0xA0, 0x17F), (0x391, 0x3C9), (0x4E00, 0x4E40), (0x1F600, 0x1F64F)]


# ---- the checker's own BPE, with switches that reproduce the common mistakes -------------------


def units_of(text, units="bytes"):
    return list(text.encode("utf-8")) if units == "bytes" else [ord(c) for c in text]


def pair_counts(ids, count="all"):
    """Adjacent pairs in order of first occurrence; count="greedy" skips an overlap inside a run (aaa -> 1)."""
    counts, last = {}, {}
    for i, pair in enumerate(pairwise(ids)):
        if count == "greedy" and pair[0] == pair[1] and last.get(pair) == i - 1:
            continue
        counts[pair] = counts.get(pair, 0) + 1
        last[pair] = i
    return counts


def pick(counts, tie="first"):
    best = max(counts.values())
    tied = [p for p, c in counts.items() if c == best]  # in order of first occurrence
    return {"first": tied[0], "last": tied[-1], "smallest": min(tied), "largest": max(tied)}[tie]


def merge(ids, pair, new_id, replace="ltr"):
    if replace == "rtl":
        return merge(ids[::-1], pair[::-1], new_id)[::-1]
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 1 if replace == "noskip" else 2
        else:
            out.append(ids[i])
            i += 1
    return out


def train(text, n, *, units="bytes", tie="first", count="all", replace="ltr", first_id=256, once=False):
    ids = units_of(text, units)
    if once:  # every merge chosen from the counts of the raw bytes, never recounted
        counts = pair_counts(ids, count)
        return sorted(counts, key=lambda p: -counts[p])[:n]
    merges = []
    for i in range(n):
        counts = pair_counts(ids, count)
        if not counts:
            break
        pair = pick(counts, tie)
        merges.append(pair)
        ids = merge(ids, pair, first_id + i, replace)
    return merges


def encode(text, merges, *, units="bytes", order="created", replace="ltr"):
    ids = units_of(text, units)
    indexed = [(tuple(p), 256 + i) for i, p in enumerate(merges)]
    if order == "smallest_pair":  # repeatedly merge the numerically smallest known pair present
        table = dict(indexed)
        while True:
            present = [p for p in pairwise(ids) if p in table]
            if not present:
                return ids
            p = min(present)
            ids = merge(ids, p, table[p], replace)
    for pair, new_id in indexed[::-1] if order == "reversed" else indexed:
        ids = merge(ids, pair, new_id, replace)
    return ids


def vocab(merges):
    table = {b: bytes([b]) for b in range(256)}
    for i, (a, b) in enumerate(merges):
        table[256 + i] = table[a] + table[b]
    return table


def decode(ids, merges):
    table = vocab(merges)
    return b"".join(table[t] for t in ids).decode("utf-8")


TRAIN_MISTAKES = [
    (
        "you worked on characters (ord(c)), not on the UTF-8 bytes: a non-ASCII character such as é is "
        "two bytes, 日 three and 🙂 four, and ids 0..255 must be bytes. Start from list(text.encode('utf-8')).",
        {"units": "chars"},
    ),
    (
        "ties: when several pairs share the highest count, take the one whose first occurrence in the current "
        "sequence comes earliest; you took the numerically smallest pair.",
        {"tie": "smallest"},
    ),
    (
        "ties: when several pairs share the highest count, take the one whose first occurrence in the current "
        "sequence comes earliest; you took the numerically largest pair.",
        {"tie": "largest"},
    ),
    (
        "ties: when several pairs share the highest count, take the one whose first occurrence comes earliest; "
        "you took the last one (a `>=` comparison in your max loop?).",
        {"tie": "last"},
    ),
    (
        "counting: every adjacent position counts and overlapping occurrences count — 'aaa' holds the pair "
        "(a, a) TWICE. You counted non-overlapping occurrences.",
        {"count": "greedy"},
    ),
    (
        "merging: replace occurrences scanning LEFT TO RIGHT and skip past each merged pair, so 'aaa' becomes "
        "[X, a]. You merged from the right ([a, X]).",
        {"replace": "rtl"},
    ),
    (
        "merging: after replacing a pair, jump past BOTH of its tokens (i += 2); you advanced by one, so a "
        "token was used twice ('aaa' became [X, X, a]).",
        {"replace": "noskip"},
    ),
    (
        "the new ids: merge i creates id 256 + i (the first new id is 256, right after the 256 byte values); "
        "you started at 255.",
        {"first_id": 255},
    ),
    ("the new ids: merge i creates id 256 + i (the first new id is 256); you started at 257.", {"first_id": 257}),
    (
        "after each merge the sequence must be rewritten (the pair replaced by its new id) and the pairs counted "
        "again; you picked every merge from the counts of the raw bytes.",
        {"once": True},
    ),
]

ENCODE_MISTAKES = [
    ("encode works on UTF-8 bytes, not characters: start from list(text.encode('utf-8')).", {"units": "chars"}),
    (
        "encode must replay the merges in the order they were created (merge 0 first, id 256 first); you applied "
        "them in reverse.",
        {"order": "reversed"},
    ),
    (
        "encode must replay the merges in the order they were created (lowest new id first); you merged the "
        "numerically smallest pair first.",
        {"order": "smallest_pair"},
    ),
    (
        "merging: replace occurrences left to right and skip past each merged pair; you merged from the right.",
        {"replace": "rtl"},
    ),
    (
        "merging: after replacing a pair, jump past both of its tokens (i += 2); you advanced by one, so a token "
        "was used twice.",
        {"replace": "noskip"},
    ),
]


# ---- turning the learner's answers into plain lists ------------------------------------------


def as_merges(t, name, got):
    original = got
    try:
        got = got if isinstance(got, (str, bytes, dict)) else list(got)
        merges = [tuple(int(x) for x in pair) for pair in got]
        ok = all(len(p) == 2 for p in merges)
    except (TypeError, ValueError):
        ok = False
    if not ok or isinstance(got, (str, bytes, dict)):
        t.fail(name, "value", f"train_bpe must return a list of (int, int) pairs, got {_short(got)}.")
    if not isinstance(original, list) or not all(isinstance(p, tuple) for p in original):
        t.fail(
            name,
            "value",
            f"train_bpe must return a list of tuples (a, b), as the task says; got "
            f"{_short(original)}. Tuples can be dict keys and cannot be changed by accident.",
        )
    return merges


def as_ids(t, name, got, what="encode"):
    original = got
    try:
        got = got if isinstance(got, (str, bytes, dict)) else list(got)
        ok = not isinstance(got, (str, bytes, dict)) and all(int(x) == x for x in got)
        ids = [int(x) for x in got]
    except (TypeError, ValueError):
        ok = False
    if not ok:
        t.fail(name, "value", f"{what} must return a list of int token ids, got {_short(got)}.")
    if not isinstance(original, list):
        t.fail(
            name,
            "value",
            f"{what} must return a list of int token ids, as the task says; got a "
            f"{type(original).__name__}: {_short(original)}.",
        )
    return ids


def _short(x, n=120):
    s = repr(x)
    return s if len(s) <= n else s[:n] + "…"


def show(pair, table):
    return f"({pair[0]}, {pair[1]}) = {table.get(pair[0], '?')!r} + {table.get(pair[1], '?')!r}"


# ---- train_bpe -----------------------------------------------------------------------------


def train_probes(corpus):
    return [
        ("dcba", 3, "ties: train_bpe('dcba', 3)"),
        ("aaabcbc", 2, "overlapping pairs: train_bpe('aaabcbc', 2)"),
        ("aaab", 2, "merge direction: train_bpe('aaab', 2)"),
        ("aaaaa", 3, "runs: train_bpe('aaaaa', 3)"),
        ("abxab yab", 4, "train_bpe('abxab yab', 4)"),
        ("ab", 5, "early stop: train_bpe('ab', 5)"),
        ("", 3, "empty text: train_bpe('', 3)"),
        ("zz", 0, "no merges: train_bpe('zz', 0)"),
        ("héé hé 日本日本 🙂🙂", 6, "non-ASCII: train_bpe('héé hé 日本日本 🙂🙂', 6)"),
        (corpus, 40, f"generated corpus ({len(corpus.encode())} bytes), 40 merges"),
    ]


def check_train(t, fn, corpus):
    probes = train_probes(corpus)
    answers = [
        as_merges(t, label, t.call(fn, text, n, step=f"{label} runs", budget_s=BUDGET_S, hint=_train_hint))
        for text, n, label in probes
    ]
    # A mistake is named only if it explains the learner's answers on every probe, not just on one.
    named = next(
        (
            message
            for message, kw in TRAIN_MISTAKES
            if all(train(text, n, **kw) == got for (text, n, _), got in zip(probes, answers, strict=True))
        ),
        None,
    )
    for (text, n, label), got in zip(probes, answers, strict=True):
        want = train(text, n)
        if got == want:
            t.passed(label, "value", f"{len(want)} merge{'s' * (len(want) != 1)} as expected")
            continue
        if named:
            t.fail(label, "value", named, got=_short(got, 400), expected=_short(want, 400))
        explain_merges(t, label, text, n, got, want)


def explain_merges(t, name, text, n, got, want):
    if len(want) == n and len(got) in (n - 1, n + 1):
        t.fail(
            name,
            "value",
            f"num_merges = {n} asks for exactly {n} merges; you returned {len(got)} "
            "(an off-by-one in your loop's range?).",
        )
    if len(got) > len(want):
        t.fail(
            name,
            "value",
            f"only {len(want)} merges are possible here: once the sequence is a single "
            f"token (or empty) no pair is left, so stop early. You returned {len(got)}.",
        )
    k = next((i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), min(len(got), len(want)))
    if k == len(got):
        t.fail(
            name,
            "value",
            f"you returned {len(got)} merges; {len(want)} were possible (stop only when the "
            "sequence has no adjacent pair left, even if the best pair occurs just once).",
        )
    ids = units_of(text)
    for i, pair in enumerate(want[:k]):
        ids = merge(ids, pair, 256 + i)
    counts = pair_counts(ids)
    table = vocab(want)
    overlap = (
        " Overlapping occurrences count: in a run like 'aaa' the pair (a, a) occurs twice."
        if want[k][0] == want[k][1] or got[k][0] == got[k][1]
        else ""
    )
    t.fail(
        name,
        "value",
        f"merge #{k} (new id {256 + k}) differs. After the first {k} merges the sequence is "
        f"{_short(ids, 160)}; the most frequent adjacent pair is {show(want[k], table)} with count "
        f"{counts[want[k]]} (ties go to the pair that occurs first); you chose {got[k]}, count "
        f"{counts.get(got[k], 0)} there.{overlap}",
        got=_short(got, 400),
        expected=_short(want, 400),
    )


def _train_hint(exc):
    if isinstance(exc, (ValueError, IndexError)) and ("empty" in str(exc) or "range" in str(exc)):
        return (
            "When the sequence has fewer than two tokens there is no pair to count: stop early and "
            "return the merges found so far (the empty string gives [])."
        )
    return None


def make_corpus(rng, words=260):
    vocabulary = ["".join(rng.choice(SYLLABLES, size=int(rng.integers(1, 4)))) for _ in range(25)]
    return " ".join(rng.choice(vocabulary, size=words))


# ---- encode ----------------------------------------------------------------------------------


def check_encode(t, fn, corpus, corpus_merges, rng):
    held_out = make_corpus(rng, words=40) + " café 🙂 qxz"
    probes = [
        ("", [(97, 98)], "encode('') is []"),
        ("héllo, 世界 🙂", [], "no merges: the UTF-8 bytes"),
        ("abc", [(98, 99), (97, 98)], "merge order: encode('abc', [(98, 99), (97, 98)])"),
        ("aaab", [(97, 97)], "left to right: encode('aaab', [(97, 97)])"),
        ("aaaa", [(97, 97)], "no token used twice: encode('aaaa', [(97, 97)])"),
        ("aaa aaa!", [(97, 97), (256, 97), (257, 32)], "merges of merges"),
        ("ab", [(97, 98)], "one pair: encode('ab', [(97, 98)])"),
        ("abc", [(97, 98), (256, 99)], "down to one token: encode('abc', [(97, 98), (256, 99)])"),
        (
            "xyz",
            [(120, 121), (122, 256), (121, 122)],
            "merge order: encode('xyz', [(120, 121), (122, 256), (121, 122)])",
        ),
        (corpus, corpus_merges, "the training corpus with its 40 merges"),
        (held_out, corpus_merges, "new text with the corpus's merges"),
    ]
    answers = [
        as_ids(t, label, t.call(fn, text, [tuple(p) for p in merges], step=f"{label} runs", budget_s=BUDGET_S))
        for text, merges, label in probes
    ]
    named = next(
        (
            message
            for message, kw in ENCODE_MISTAKES
            if all(encode(text, merges, **kw) == got for (text, merges, _), got in zip(probes, answers, strict=True))
        ),
        None,
    )
    for (text, merges, label), got in zip(probes, answers, strict=True):
        want = encode(text, merges)
        if got == want:
            t.passed(label, "value", f"{len(want)} token{'s' * (len(want) != 1)}")
            continue
        if named:
            t.fail(label, "value", named, got=_short(got, 400), expected=_short(want, 400))
        left = next((p for p in zip(got, got[1:], strict=False) if p in merges), None)
        if left is not None and _text_of(got, merges) == text:
            t.fail(
                label,
                "value",
                f"expected {_short(want, 160)}, got {_short(got, 160)}: your result still "
                f"holds the pair {left}, which merge #{merges.index(left)} joins. Your loop stopped too "
                "early: keep merging while any pair in the sequence has a merge (two tokens can still "
                "be one pair).",
                got=_short(got, 400),
                expected=_short(want, 400),
            )
        k = next((i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), min(len(got), len(want)))
        t.fail(
            label,
            "value",
            f"expected {len(want)} tokens {_short(want, 160)}, got {len(got)}; they first "
            f"differ at token {k}. Start from the UTF-8 bytes and apply merge i (id 256 + i) for i = 0, 1, "
            "... in turn, each replacing its pair left to right.",
            got=_short(got, 400),
            expected=_short(want, 400),
        )


def _text_of(ids, merges):
    """The text a token list spells (to tell an unfinished encode from a wrong one); None if it cannot."""
    table = vocab(merges)
    if not all(i in table for i in ids):
        return None
    return b"".join(table[i] for i in ids).decode("utf-8", errors="replace")


# ---- decode ----------------------------------------------------------------------------------


def expect_text(t, fn, ids, merges, label):
    raw = t.call(fn, list(ids), [tuple(p) for p in merges], step=f"{label} runs", budget_s=BUDGET_S, hint=_decode_hint)
    want = decode(ids, merges)
    if raw == want:
        t.passed(label, "value")
        return
    if not isinstance(raw, str):
        t.fail(label, "value", f"decode must return a str, got {_short(raw)} (bytes? finish with .decode('utf-8')).")
    if "\ufffd" in raw:
        t.fail(
            label,
            "value",
            f"got {raw!r} with replacement characters (�) where {want!r} was expected: you "
            "decoded each token's bytes on its own, but a token may hold only part of a multi-byte "
            "character. Join the bytes of all tokens first, then decode once.",
        )
    if raw == "".join(chr(b) for b in b"".join(vocab(merges)[i] for i in ids)):
        t.fail(
            label,
            "value",
            f"got {raw!r} for {want!r}: you turned each byte into a character with chr(); "
            "collect the bytes and decode them as UTF-8 (bytes(...).decode('utf-8')).",
        )
    t.fail(
        label,
        "value",
        f"expected {want!r}, got {raw!r}. Build a table id -> bytes (0..255 are single "
        "bytes, id 256 + i is the bytes of merge i's two tokens joined), join, decode once.",
    )


def _decode_hint(exc):
    if isinstance(exc, UnicodeDecodeError):
        return (
            "A token may hold only PART of a multi-byte UTF-8 character (é is two bytes, 🙂 four), so "
            "decoding each token on its own fails. Join the bytes of all tokens, then decode once."
        )
    if isinstance(exc, ValueError) and "range(0, 256)" in str(exc):
        return (
            "ids from 256 up stand for merged tokens, not bytes: expand each into the bytes of its two "
            "parts (a table id -> bytes built from the merges) before joining."
        )
    if isinstance(exc, KeyError):
        return "Every id from 0 to 255 + len(merges) needs an entry: the 256 bytes, then id 256 + i for merge i."
    return None


def check_decode(t, fn, corpus, corpus_merges):
    expect_text(t, fn, [], [(97, 98)], "decode([]) is ''")
    expect_text(t, fn, list("héllo 🙂".encode()), [], "no merges: raw UTF-8 bytes")
    expect_text(t, fn, [256, 0xA9], [(97, 0xC3)], "a character split across two tokens ('a' + half of 'é')")
    expect_text(t, fn, [258, 32], [(97, 98), (256, 99), (257, 257)], "merges of merges")
    expect_text(t, fn, encode(corpus, corpus_merges), corpus_merges, "the encoded corpus")


# ---- round trip with the learner's own merges -------------------------------------------------


def random_text(rng, corpus):
    parts = []
    for _ in range(int(rng.integers(0, 8))):
        if rng.random() < 0.4:
            start = int(rng.integers(0, len(corpus)))
            parts.append(corpus[start : start + int(rng.integers(1, 12))])
        else:
            lo, hi = UNICODE_RANGES[int(rng.integers(len(UNICODE_RANGES)))]
            parts.append("".join(chr(int(c)) for c in rng.integers(lo, hi, size=int(rng.integers(1, 5)))))
    return "".join(parts)


def check_round_trip(t, corpus):
    train_fn, encode_fn, decode_fn = t.function("train_bpe"), t.function("encode"), t.function("decode")
    merges = as_merges(t, "your merges", t.call(train_fn, corpus, 40, budget_s=BUDGET_S))

    def round_trip(text):
        given = list(merges)
        ids = as_ids(t, "round trip", t.call(encode_fn, text, given, budget_s=BUDGET_S, hint=_decode_hint))
        if given != merges:
            t.fail(
                "inputs left unchanged",
                "value",
                f"encode changed the merges list it was given (now "
                f"{_short(given)}); a tokeniser is reused for every text, so encode must only read it "
                "(copy it, or walk it without pop/remove).",
            )
        kept = list(ids)
        back = t.call(decode_fn, kept, given, budget_s=BUDGET_S, hint=_decode_hint)
        if kept != ids or given != merges:
            t.fail(
                "inputs left unchanged",
                "value",
                "decode changed the ids or merges it was given; it must only read them.",
            )
        return None if back == text else f"decode(encode(s)) gave {_short(back)} for s = {_short(text)}"

    t.expect("decode(encode('')) == ''", round_trip("") is None, "the empty string must survive the round trip")
    t.expect_property(
        "decode(encode(s)) == s with your merges", round_trip, lambda rng: random_text(rng, corpus), trials=40
    )
    n_tokens = len(as_ids(t, "compression", t.call(encode_fn, corpus, list(merges), budget_s=BUDGET_S)))
    n_bytes = len(corpus.encode("utf-8"))
    if n_tokens >= n_bytes:
        t.fail(
            "compression",
            "value",
            f"the corpus is {n_bytes} bytes and encoded to {n_tokens} tokens; 40 "
            "merges learned on this repetitive text must shorten it.",
        )
    t.passed("compression", "value", f"{n_bytes} bytes -> {n_tokens} tokens")


def check(t: Checker) -> None:
    corpus = make_corpus(t.rng)
    corpus_merges = train(corpus, 40)
    with t.part("train_bpe"):
        check_train(t, t.function("train_bpe"), corpus)
    with t.part("encode"):
        check_encode(t, t.function("encode"), corpus, corpus_merges, t.rng)
    with t.part("decode"):
        check_decode(t, t.function("decode"), corpus, corpus_merges)
    with t.part("round trip"):
        check_round_trip(t, corpus)
