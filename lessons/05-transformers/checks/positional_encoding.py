"""Checker: sinusoidal encodings and RoPE in NumPy: values against the checker's own formulas,
then RoPE's properties — q·k depends only on the offset between positions, norms are kept,
position 0 is the identity. The other layouts found in the wild are named."""

import numpy as np
from _common import numpy_only

from tutor.checks import Checker

RTOL, ATOL = 1e-7, 1e-9


def freqs(d, base=10000.0, exponent="pair"):
    if exponent == "floor":  # -(2i) // d: integer division floors the exponent to 0 or -1
        return base ** (-np.arange(0, d, 2) // d)
    if exponent == "floor_then_negate":  # -((2i) // d): always 0, every frequency 1
        return base ** -(np.arange(0, d, 2) // d)
    idx = np.arange(0, d, 2) if exponent == "pair" else np.arange(d // 2)
    sign = -1 if exponent != "positive" else 1
    if exponent == "positive":
        idx = np.arange(0, d, 2)
    return base ** (sign * idx / d)


def sinusoid(L, d, *, layout="interleaved", exponent="pair", swap=False, start=0):
    angles = np.arange(start, start + L)[:, None] * freqs(d, exponent=exponent)[None, :]
    first, second = (np.cos(angles), np.sin(angles)) if swap else (np.sin(angles), np.cos(angles))
    if layout == "halves":
        return np.concatenate([first, second], axis=1)
    pe = np.zeros((L, d))
    pe[:, 0::2], pe[:, 1::2] = first, second
    return pe


def sinusoid_column_exponent(L, d):
    """10000 ** (-j/d) with j the column itself: the sine and cosine of a pair get different frequencies."""
    j = np.arange(d)
    angles = np.arange(L)[:, None] / 10000.0 ** (j / d)
    return np.where(j % 2 == 0, np.sin(angles), np.cos(angles))


def rotate(x, positions, base=10000.0, *, pairing="interleaved", direction=1, exponent="pair"):
    d = x.shape[-1]
    angles = direction * np.asarray(positions)[:, None] * freqs(d, base, exponent)[None, :]
    cos, sin = np.cos(angles), np.sin(angles)
    if pairing == "interleaved":
        a, b = x[..., 0::2], x[..., 1::2]
    else:
        a, b = x[..., : d // 2], x[..., d // 2 :]
    ra, rb = a * cos - b * sin, a * sin + b * cos
    out = np.empty(x.shape)
    if pairing == "interleaved":
        out[..., 0::2], out[..., 1::2] = ra, rb
    else:
        out[..., : d // 2], out[..., d // 2 :] = ra, rb
    return out


def check_sinusoid(t, fn):
    for L, d in ((6, 8), (50, 16), (3, 2)):
        name = f"sinusoidal_encoding({L}, {d})"
        got = t.call(fn, L, d, step=f"{name} runs")
        t.expect_array(name, got, shape=(L, d))
        t.expect_close(
            name,
            got,
            sinusoid(L, d),
            rtol=RTOL,
            atol=ATOL,
            mistakes={
                "sines in the first half and cosines in the second: that is a different (also used) layout. Here "
                "they interleave: column 2i holds sin(p·wᵢ), column 2i+1 holds cos(p·wᵢ).": sinusoid(
                    L, d, layout="halves"
                ),
                "sine and cosine are swapped: even columns hold the sine, odd columns the cosine.": sinusoid(
                    L, d, swap=True
                ),
                "each pair's sine and cosine must share ONE frequency, wᵢ = 10000^(-2i/d) with i the pair index; "
                "you used the column index j in 10000^(-j/d), so the cosine's frequency is off.": sinusoid_column_exponent(
                    L, d
                ),
                "the exponent is 2i/d with 2i = 0, 2, 4, ...; you used i/d with the pair index i = 0, 1, 2, ...": sinusoid(
                    L, d, exponent="pair_index"
                ),
                "the exponent's sign: wᵢ = 10000^(-2i/d) falls from 1 to nearly 0/d; you made the frequencies grow.": sinusoid(
                    L, d, exponent="positive"
                ),
                "positions start at 0 (the first row is sin 0 = 0, cos 0 = 1), not at 1.": sinusoid(L, d, start=1),
                "the exponent −2i/d was computed with integer division (//), which floors it to 0 or −1; "
                "use true division: 10000 ** (-np.arange(0, d, 2) / d).": sinusoid(L, d, exponent="floor"),
                "the exponent 2i/d was computed with integer division (//), which floors it to 0, so every "
                "frequency is 1; use true division: 10000 ** (-np.arange(0, d, 2) / d).": sinusoid(
                    L, d, exponent="floor_then_negate"
                ),
            },
        )


ROW_INDEX = (
    "you rotated row j by the row index j (0, 1, 2, ...), not by the given `positions`: the angle is "
    "positions[j] × θᵢ (positions need not be 0, 1, 2, ...)."
)


def rope_mistakes(x, pos):
    return {
        ROW_INDEX: rotate(x, np.arange(x.shape[-2])),
        "you paired feature i with feature i + d/2 (the GPT-NeoX layout); this exercise rotates NEIGHBOURS: "
        "features (2i, 2i+1) form a pair.": rotate(x, pos, pairing="halves"),
        "the rotation goes the wrong way: out[2i] = x[2i]·cos − x[2i+1]·sin and out[2i+1] = x[2i]·sin + "
        "x[2i+1]·cos.": rotate(x, pos, direction=-1),
        "the frequencies: θᵢ = base^(-2i/d) with 2i = 0, 2, 4, ...; you used i/d.": rotate(
            x, pos, exponent="pair_index"
        ),
    }


def check_rope(t, fn):
    rng = t.rng

    def relative(_):
        d = 2 * int(rng.integers(1, 9))
        q, k = rng.normal(size=(1, d)), rng.normal(size=(1, d))
        m, n, shift = (int(v) for v in rng.integers(0, 400, size=3))
        a = float(np.sum(t.call(fn, q.copy(), np.array([m])) * t.call(fn, k.copy(), np.array([n]))))
        b = float(np.sum(t.call(fn, q.copy(), np.array([m + shift])) * t.call(fn, k.copy(), np.array([n + shift]))))
        if not np.isclose(a, b, rtol=1e-6, atol=1e-8):
            return (
                f"rope(q, {m})·rope(k, {n}) = {a:.6g} but rope(q, {m + shift})·rope(k, {n + shift}) = {b:.6g}; "
                "both pairs are the same distance apart, so the scores must agree. Each position must "
                "rotate by position × θᵢ, the same θᵢ for q and k."
            )
        return None

    t.expect_property("q·k depends only on the offset between positions", relative, lambda r: None, trials=20)

    def norms(_):
        v = rng.normal(size=(4, 6))
        out = t.call(fn, v.copy(), rng.integers(0, 100, size=4))
        if not np.allclose(np.linalg.norm(out, axis=-1), np.linalg.norm(v, axis=-1)):
            return "the rows' lengths changed: a rotation keeps every pair's length (cos² + sin² = 1)."
        return None

    t.expect_property("rotations keep lengths", norms, lambda r: None, trials=5)
    zero = rng.normal(size=(3, 4))
    t.expect_close(
        "position 0 is left as it is",
        t.call(fn, zero.copy(), np.zeros(3, dtype=int)),
        zero,
        rtol=RTOL,
        atol=ATOL,
        mistakes={ROW_INDEX: rotate(zero, np.arange(3))},
    )

    x = rng.normal(size=(7, 8))
    pos = np.arange(7)
    before = x.copy()
    got = t.call(fn, x, pos.copy(), step="rope on (7, 8) runs")
    t.expect_unchanged("rope leaves x unchanged", before, x, "rope")
    t.expect_array("rope on (7, 8)", got, shape=x.shape)
    t.expect_close("rope on (7, 8)", got, rotate(x, pos), rtol=RTOL, atol=ATOL, mistakes=rope_mistakes(x, pos))

    x4 = rng.normal(size=(2, 3, 5, 16))
    pos4 = np.array([0, 3, 4, 10, 250])
    got = t.call(fn, x4.copy(), pos4.copy(), step="rope on (2, 3, 5, 16), positions 0 3 4 10 250 runs")
    t.expect_array("rope with batch and head axes, uneven positions", got, shape=x4.shape)
    t.expect_close(
        "rope with batch and head axes, uneven positions",
        got,
        rotate(x4, pos4),
        rtol=RTOL,
        atol=ATOL,
        mistakes=rope_mistakes(x4, pos4),
    )
    got = t.call(fn, x.copy(), pos.copy(), 500.0, step="rope with base=500 runs")
    t.expect_close("rope with base=500", got, rotate(x, pos, 500.0), rtol=RTOL, atol=ATOL)


def check(t: Checker) -> None:
    numpy_only(t)
    with t.part("sinusoidal_encoding"):
        check_sinusoid(t, t.function("sinusoidal_encoding"))
    with t.part("rope"):
        check_rope(t, t.function("rope"))
