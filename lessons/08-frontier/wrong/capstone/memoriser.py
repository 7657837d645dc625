# expect: memorises
# A lookup table of the training reviews; unseen ones get a hash-based guess.
import zlib


def train(texts, labels, report=None):
    table = dict(zip(texts, (int(y) for y in labels), strict=True))
    return lambda new: [table.get(t, zlib.crc32(t.encode()) % 2) for t in new]
