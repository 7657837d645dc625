"""Checker: output-size arithmetic and a layer-by-layer shape summary (LeNet-5, VGG, ...).

The expected shapes come from the checker's own formula, which the stage's tests
compare with real torch layers; the learner's formula is run on a table of cases
chosen so that each classic mistake (no +1, no padding, ceil, ...) gives a
different answer somewhere.
"""

import math

import numpy as np

from tutor.checks import Checker

CONV_CASES = [  # n, k, s, p
    (28, 3, 1, 0),
    (32, 5, 1, 0),
    (28, 5, 1, 2),
    (32, 3, 1, 1),
    (32, 3, 2, 1),
    (7, 3, 2, 0),
    (8, 3, 2, 0),
    (224, 7, 2, 3),
    (227, 11, 4, 0),
    (13, 3, 2, 1),
    (10, 4, 3, 1),
    (5, 5, 1, 0),
]
POOL_CASES = [  # n, k, s (None: default)
    (26, 2, None),
    (28, 2, None),
    (7, 2, None),
    (10, 3, None),
    (7, 3, 2),
    (13, 3, 2),
    (8, 3, 2),
    (55, 3, 2),
]

CONV_MISTAKES = [
    (
        "you forgot the +1: (n + 2p - k) // s counts the steps between windows; the number of windows is one more.",
        lambda n, k, s, p: (n + 2 * p - k) // s,
    ),
    (
        "you ignored the padding: it adds p to BOTH sides, so the padded size is n + 2p.",
        lambda n, k, s, p: (n - k) // s + 1,
    ),
    ("the padding goes on both sides: use n + 2p, not n + p.", lambda n, k, s, p: (n + p - k) // s + 1),
    (
        "you rounded up; a window that would hang over the edge is not used, so round DOWN: (n + 2p - k) // s + 1.",
        lambda n, k, s, p: math.ceil((n + 2 * p - k) / s) + 1,
    ),
    (
        "round() goes to the nearest integer; the count of windows needs floor division: // .",
        lambda n, k, s, p: round((n + 2 * p - k) / s) + 1,
    ),
    ("you ignored the stride: divide (n + 2p - k) by s before adding 1.", lambda n, k, s, p: n + 2 * p - k + 1),
    (
        "you divided the whole padded size by the stride; only the distance the window can travel, "
        "n + 2p - k, is divided: (n + 2p - k) // s + 1.",
        lambda n, k, s, p: (n + 2 * p) // s - k + 1,
    ),
]
POOL_MISTAKES = [
    (
        "when no stride is given, pooling's stride defaults to the window size k (windows do not overlap), not 1.",
        lambda n, k, s: n - k + 1 if s is None else (n - k) // s + 1,
    ),
    (
        "you rounded up (PyTorch's ceil_mode=True); the default floors: (n - k) // s + 1.",
        lambda n, k, s: math.ceil((n - k) / (s or k)) + 1,
    ),
    ("you forgot the +1: (n - k) // s + 1.", lambda n, k, s: (n - k) // (s or k)),
    (
        "n // s is a shortcut that only works when the window size equals the stride; in general it is "
        "(n - k) // s + 1.",
        lambda n, k, s: n // (s or k),
    ),
]


def conv_size(n, k, s=1, p=0):
    return (n + 2 * p - k) // s + 1


def as_int(t, name, value, call):
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        hint = ""
        if isinstance(value, float | np.floating):
            hint = " — `/` makes a float; the size is a whole number: use floor division `//`."
        t.fail(name, "value", f"{call} returned {value!r} ({type(value).__name__}); expected an int{hint}")
    return int(value)


def formula_step(t, name, fn, cases, truth, mistakes, fmt):
    got = []
    for case in cases:
        args = case if case[-1] is not None else case[:-1]
        got.append(as_int(t, name, t.call(fn, *args), fmt(case)))
    want = [truth(*case) for case in cases]
    if got == want:
        t.passed(name, "value", f"{len(cases)} cases")
        return
    first = next(i for i in range(len(cases)) if got[i] != want[i])
    detail = f"{fmt(cases[first])} should be {want[first]}, got {got[first]}"
    for message, wrong in mistakes:
        if all(got[i] == wrong(*cases[i]) for i in range(len(cases))):
            t.fail(name, "value", f"{detail}: {message}", case=list(cases[first]))
    t.fail(name, "value", detail, case=list(cases[first]))


# ---- layer specs ---------------------------------------------------------------------------
def describe(layer):
    kind = layer[0]
    if kind == "conv":
        return f"Conv2d(out={layer[1]}, k={layer[2]}, s={layer[3]}, p={layer[4]})"
    if kind == "pool":
        return f"MaxPool2d(k={layer[1]}, s={layer[2]})"
    if kind == "linear":
        return f"Linear(out={layer[1]})"
    return {"relu": "ReLU", "flatten": "Flatten"}[kind]


def true_shapes(input_shape, layers):
    shape, shapes = tuple(input_shape), []
    for layer in layers:
        kind = layer[0]
        if kind == "conv":
            _, c_out, k, s, p = layer
            shape = (c_out, conv_size(shape[1], k, s, p), conv_size(shape[2], k, s, p))
        elif kind == "pool":
            _, k, s = layer
            shape = (shape[0], conv_size(shape[1], k, s), conv_size(shape[2], k, s))
        elif kind == "flatten":
            shape = (math.prod(shape),)
        elif kind == "linear":
            shape = (layer[1],)
        shapes.append(shape)
    return shapes


MODELS = {
    "28×28 → Conv2d(1, 32, 3) → MaxPool(2) → Linear": (
        (1, 28, 28),
        [("conv", 32, 3, 1, 0), ("relu",), ("pool", 2, 2), ("flatten",), ("linear", 10)],
    ),
    "LeNet-5 (32×32 input)": (
        (1, 32, 32),
        [
            ("conv", 6, 5, 1, 0),
            ("relu",),
            ("pool", 2, 2),
            ("conv", 16, 5, 1, 0),
            ("relu",),
            ("pool", 2, 2),
            ("flatten",),
            ("linear", 120),
            ("relu",),
            ("linear", 84),
            ("relu",),
            ("linear", 10),
        ],
    ),
    "LeNet on 28×28 (padding 2)": (
        (1, 28, 28),
        [
            ("conv", 6, 5, 1, 2),
            ("relu",),
            ("pool", 2, 2),
            ("conv", 16, 5, 1, 0),
            ("relu",),
            ("pool", 2, 2),
            ("flatten",),
            ("linear", 10),
        ],
    ),
    "two VGG blocks (3×3 convs, padding 1)": (
        (3, 32, 32),
        [
            ("conv", 64, 3, 1, 1),
            ("relu",),
            ("conv", 64, 3, 1, 1),
            ("relu",),
            ("pool", 2, 2),
            ("conv", 128, 3, 1, 1),
            ("relu",),
            ("conv", 128, 3, 1, 1),
            ("relu",),
            ("pool", 2, 2),
            ("flatten",),
            ("linear", 10),
        ],
    ),
    "AlexNet's first layers (227×227)": (
        (3, 227, 227),
        [("conv", 96, 11, 4, 0), ("relu",), ("pool", 3, 2), ("conv", 256, 5, 1, 2), ("relu",), ("pool", 3, 2)],
    ),
}


def random_model(rng):
    """A random stack with odd, non-square sizes: no table of known answers covers it."""
    c, h, w = int(rng.integers(1, 4)), int(rng.integers(29, 48)), int(rng.integers(29, 48))
    if h == w:
        w += 3
    layers, shape = [], (c, h, w)
    for _ in range(int(rng.integers(3, 5))):
        if rng.random() < 0.6:
            k = int(rng.choice([1, 3, 5]))
            s = int(rng.choice([1, 2]))
            p = int(rng.integers(0, k // 2 + 1))
            layer = ("conv", int(rng.choice([8, 12, 16, 24])), k, s, p)
        else:
            k = int(rng.choice([2, 3]))
            layer = ("pool", k, int(rng.choice([2, k])))
        nxt = true_shapes(shape, [layer])[0]
        if min(nxt[1:]) < 2:
            break
        layers.append(layer)
        shape = nxt
    layers += [("flatten",), ("linear", int(rng.integers(2, 20)))]
    return (c, h, w), layers


def summary(layers, want, got=None):
    lines = [f"{'layer':<32} {'expected':<16}" + (" yours" if got is not None else "")]
    for i, (layer, shape) in enumerate(zip(layers, want, strict=False)):
        mine = ""
        if got is not None:
            mine = " " + (str(tuple(got[i])) if i < len(got) else "—")
        lines.append(f"{describe(layer):<32} {str(shape):<16}{mine}")
    return "\n".join(lines)


def shapes_step(t, fn, title, input_shape, layers):
    name = f"layer_shapes: {title}"
    got = t.call(fn, tuple(input_shape), [tuple(layer) for layer in layers], step=f"{name} runs")
    want = true_shapes(input_shape, layers)
    clean = _int_shapes(t, name, got)
    _expect_one_shape_per_layer(t, name, input_shape, layers, clean, want)
    for i, (layer, mine, right) in enumerate(zip(layers, clean, want, strict=False)):
        if mine == right:
            continue
        before = tuple(input_shape) if i == 0 else want[i - 1]
        why = _shape_advice(layer, before, mine, right)
        t.note(summary(layers, want, clean))
        t.fail(
            name,
            "shape",
            f"layer {i} {describe(layer)} on {before}: expected {right}, got {mine}{why}",
            layer=i,
            expected=list(right),
            got=list(mine),
        )
    t.passed(name, "shape", f"{len(layers)} layers, output {want[-1]}")


def _int_shapes(t, name, got):
    """The learner's list as tuples of ints; fails on anything else (a float from `/` is named)."""
    if not isinstance(got, list | tuple):
        t.fail(name, "shape", f"expected a list of shapes (one tuple per layer), got {type(got).__name__}")
    clean = []
    for i, shape in enumerate(got):
        if not isinstance(shape, tuple | list) or not all(
            isinstance(v, int | np.integer) and not isinstance(v, bool) for v in shape
        ):
            t.fail(
                name,
                "shape",
                f"entry {i} is {shape!r}; each shape should be a tuple of ints, e.g. (32, 13, 13)"
                + (
                    " — `/` made a float; use `//`."
                    if isinstance(shape, tuple | list) and any(isinstance(v, float) for v in shape)
                    else ""
                ),
            )
        clean.append(tuple(int(v) for v in shape))
    return clean


def _expect_one_shape_per_layer(t, name, input_shape, layers, clean, want):
    """As many shapes as layers; one too many that starts with the input, or one too few, is explained."""
    if len(clean) != len(want):
        extra = ""
        if len(clean) == len(want) + 1 and clean[0] == tuple(input_shape):
            extra = " — leave the input shape out; the list starts with the first layer's output."
        elif len(clean) == len(want) - 1:
            extra = " — ReLU and Flatten layers count too (ReLU keeps the shape)."
        t.fail(name, "shape", f"{len(layers)} layers but {len(clean)} shapes; return one shape per layer{extra}")


def _shape_advice(layer, before, mine, right):
    """Why a layer's shape is wrong, guessed from the layer's kind and how the shapes differ ("" if no guess)."""
    kind = layer[0]
    if kind == "conv" and mine[1:] == right[1:] and mine[0] == before[0]:
        return " — a conv layer outputs out_channels feature maps; the input's channel count is gone."
    if kind == "flatten" and math.prod(mine) == math.prod(right):
        return (
            f" — flatten turns (C, H, W) into ONE axis of C·H·W = {right[0]} features "
            "(that is the in_features of the next Linear)."
        )
    if kind == "flatten":
        return " — flatten keeps every value: C·H·W features."
    if kind == "linear":
        return " — a Linear layer outputs (out_features,)."
    if kind == "relu":
        return " — ReLU works elementwise: the shape does not change."
    if kind == "pool" and mine[0] != right[0]:
        return " — pooling works on each channel separately: the channel count does not change."
    if kind in ("conv", "pool"):
        return " — check the spatial size with your formula (rows are axis 1, columns axis 2)."
    return ""


def check(t: Checker) -> None:
    conv_fn = t.function("conv_output_size")
    pool_fn = t.function("pool_output_size")
    shapes_fn = t.function("layer_shapes")

    formula_step(
        t,
        "conv_output_size",
        conv_fn,
        CONV_CASES,
        conv_size,
        CONV_MISTAKES,
        lambda c: f"conv_output_size(n={c[0]}, k={c[1]}, s={c[2]}, p={c[3]})",
    )
    formula_step(
        t,
        "pool_output_size",
        pool_fn,
        POOL_CASES,
        lambda n, k, s: conv_size(n, k, s or k),
        POOL_MISTAKES,
        lambda c: f"pool_output_size(n={c[0]}, k={c[1]}" + (f", s={c[2]})" if c[2] else ")"),
    )
    for title, (input_shape, layers) in MODELS.items():
        shapes_step(t, shapes_fn, title, input_shape, layers)
    input_shape, layers = random_model(t.rng)
    shapes_step(t, shapes_fn, f"a random stack on {input_shape}", input_shape, layers)
    flat = true_shapes(*MODELS["28×28 → Conv2d(1, 32, 3) → MaxPool(2) → Linear"])[3][0]
    t.note(f"So the Linear after Conv2d(1, 32, 3) and MaxPool(2) on 28×28 is nn.Linear(32*13*13 = {flat}, 10).")
