"""tutor.datasets: the digits loader, the IDX/MNIST loaders (on small files written here), the split."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest

from tutor.datasets import load_digits, load_idx, load_mnist, split
from tutor.errors import TutorError


def write_idx(path: Path, array: np.ndarray, type_code: int, *, gz: bool = False) -> Path:
    """An IDX file as the MNIST distribution has them: magic, big-endian sizes, big-endian data."""
    header = bytes([0, 0, type_code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    body = array.astype(array.dtype.newbyteorder(">")).tobytes()
    opener = gzip.open if gz else open
    with opener(path, "wb") as handle:
        handle.write(header + body)
    return path


def test_digits_match_scikit_learns_own_loader():
    from sklearn.datasets import load_digits as sklearn_load_digits

    X, y = load_digits()
    reference = sklearn_load_digits()
    assert X.shape == (1797, 64) and X.dtype == np.float64 and y.dtype == np.int64
    assert np.array_equal(X, reference.data) and np.array_equal(y, reference.target)


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize(("dtype", "code"), [(np.uint8, 0x08), (np.dtype(">i4"), 0x0C), (np.dtype(">f4"), 0x0D)])
def test_idx_round_trip(tmp_path, gz, dtype, code):
    array = (np.arange(2 * 3 * 4) % 200).reshape(2, 3, 4).astype(dtype)
    path = write_idx(tmp_path / ("a.idx" + (".gz" if gz else "")), array, code, gz=gz)
    back = load_idx(path)
    assert back.shape == (2, 3, 4) and np.array_equal(back, array)
    assert back.dtype.isnative  # big-endian on disk, native in memory


def test_idx_refuses_a_bad_magic_number_and_a_truncated_file(tmp_path):
    (tmp_path / "bad").write_bytes(b"\x01\x02\x03\x04rest")
    with pytest.raises(TutorError, match="not an IDX file"):
        load_idx(tmp_path / "bad")
    path = write_idx(tmp_path / "short", np.zeros((4, 5), np.uint8), 0x08)
    path.write_bytes(path.read_bytes()[:-3])
    with pytest.raises(TutorError, match="truncated"):
        load_idx(path)


def test_mnist_from_a_folder_of_idx_files(tmp_path):
    images = np.arange(3 * 28 * 28, dtype=np.int64).reshape(3, 28, 28) % 256
    write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", images.astype(np.uint8), 0x08, gz=True)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte", np.array([7, 2, 1], np.uint8), 0x08)
    X, y = load_mnist(tmp_path, kind="test")
    assert X.shape == (3, 28, 28) and X.dtype == np.float32 and float(X.max()) <= 1.0
    assert np.allclose(X * 255.0, images) and y.tolist() == [7, 2, 1] and y.dtype == np.int64
    with pytest.raises(TutorError, match="never downloads"):
        load_mnist(tmp_path, kind="train")


def test_split_is_seeded_and_stratified():
    X = np.arange(100).reshape(50, 2)
    y = np.repeat([0, 1], 25)
    first, again = split(X, y, seed=3), split(X, y, seed=3)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    X_train, X_test, y_train, y_test = first
    assert len(X_test) == 12 and np.bincount(y_test).tolist() == [6, 6]
    assert sorted(X_train[:, 0].tolist() + X_test[:, 0].tolist()) == X[:, 0].tolist()
