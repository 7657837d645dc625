"""Byte-pair encoding (BPE) on UTF-8 bytes, in plain Python.

train_bpe(text, num_merges) -> list of (a, b) pairs
    Start from list(text.encode("utf-8")): ids 0..255 are bytes. Repeat num_merges times:
    count every adjacent pair of the current sequence (overlaps count: "aaa" holds (97, 97) twice),
    pick the most frequent pair — on a tie, the pair whose first occurrence comes earliest in the
    current sequence — record it, and replace it by the new id 256 + i (i = 0, 1, ...), scanning
    left to right and skipping past each replaced pair ("aaa" -> [256, 97]).
    Stop early when the sequence has no adjacent pair left. A pair is merged even if it occurs once.

encode(text, merges) -> list[int]
    UTF-8 bytes of text, then merge 0, merge 1, ... in the order they were created, each one
    replacing its pair left to right by id 256 + i.

decode(ids, merges) -> str
    The inverse: decode(encode(s, merges), merges) == s for every string, "" and emoji included.

Run `dltutor check bpe`.
"""


def train_bpe(text: str, num_merges: int) -> list[tuple[int, int]]:
    # TODO: the starting sequence of byte ids.
    # TODO: loop: count adjacent pairs, choose the best one (ties!), replace it by a new id.
    raise NotImplementedError


def encode(text: str, merges: list[tuple[int, int]]) -> list[int]:
    # TODO: bytes first, then replay the merges in their order.
    raise NotImplementedError


def decode(ids: list[int], merges: list[tuple[int, int]]) -> str:
    # TODO: a table from every id to the bytes it stands for; turn ids into text.
    raise NotImplementedError
