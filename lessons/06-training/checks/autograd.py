"""Checker: a scalar autograd `Value`, against torch.autograd in float64.

1. construction (.data, .grad = 0);
2. every operation on its own — forward value and both local derivatives — with the
   classic slips named (x**n for n·x**(n-1), 1 - x² for tanh', a reversed `1 - a`, ...);
3. reuse: `a * a` and `a + a` must collect two contributions (`+=`, not `=`);
4. order: a diamond-shaped graph that only a reverse topological walk gets right;
5. thirty random expression graphs (with reused nodes) vs torch.autograd;
6. a 60-node ladder in which every node is used twice: a walk that re-visits shared
   nodes once per path takes 2**60 steps.
"""

import math

import torch

from tutor.checks import Checker

RTOL, ATOL = 1e-7, 1e-9


def _close(got, want):
    return math.isfinite(got) and abs(got - want) <= ATOL + RTOL * abs(want)


def _torch_run(expr, values):
    """Value of expr(*leaves) and d/d leaf for each leaf, by torch.autograd (float64)."""
    leaves = [torch.tensor(float(v), dtype=torch.float64, requires_grad=True) for v in values]
    out = expr(*leaves)
    out.backward()
    return out.item(), [0.0 if leaf.grad is None else float(leaf.grad) for leaf in leaves]


def _number(t, value, what):
    try:
        number = float(value)
    except (TypeError, ValueError):
        t.fail(what, "value", f"{what} is {type(value).__name__} {value!r:.60}, not a number")
    return number


def _learner_run(t, Value, expr, values, label):
    """(out.data, [leaf.grad...], out) for the learner's Value; failures become steps."""
    leaves = [t.call(Value, float(v), step=f"{label}: Value({v}) builds") for v in values]
    out = t.call(
        expr,
        *leaves,
        step=f"{label}: forward runs",
        hint="build every operation from Values and plain numbers; the checker calls only the "
        "operators and methods the task lists.",
    )
    if not hasattr(out, "data") or not hasattr(out, "backward"):
        t.fail(
            f"{label}: returns a Value",
            "shape",
            f"`{label}` gave a {type(out).__name__}, not a Value: every operation must return a new Value "
            "(wrap results with Value(...)), so the graph keeps growing.",
        )
    data = _number(t, out.data, f"`{label}`.data")
    t.call(out.backward, step=f"{label}: backward runs")
    grads = [_number(t, leaf.grad, f"`{label}`: the leaf's .grad") for leaf in leaves]
    return data, grads, out


def _pow_in_division(quotient: str, var: str, written: str, got: str, want: str) -> str:
    """Division is often written through the power rule (a * b**-1); a power rule that does not lower
    the exponent shows up there first."""
    return (
        f"d({quotient})/d{var} is {want}; you got {got}: division written as {written} takes the power rule's "
        f"gradient, and that rule did not lower the exponent — d({var}**k)/d{var} = k·{var}**(k-1)."
    )


# (label, expression, leaf values, {message: wrong gradient}); a wrong gradient is of the first
# leaf, or (i, value) for leaf i.
def _op_cases():
    a0, b0 = 1.3, -0.8
    return [
        ("a + b", lambda a, b: a + b, (a0, b0), {}),
        ("a - b", lambda a, b: a - b, (a0, b0), {}),
        ("a * b", lambda a, b: a * b, (a0, b0), {}),
        (
            "a / b",
            lambda a, b: a / b,
            (a0, b0),
            {_pow_in_division("a / b", "b", "a * b**-1", got="-a/b", want="-a/b²"): (1, -a0 / b0)},
        ),
        ("-a", lambda a: -a, (a0,), {}),
        (
            "a ** 3",
            lambda a: a**3,
            (a0,),
            {
                "d(a**k)/da is k·a**(k-1); you used k·a**k (the exponent was not lowered).": 3 * a0**3,
                "d(a**k)/da is k·a**(k-1); the factor k is missing.": a0**2,
            },
        ),
        (
            "a ** -1.5",
            lambda a: a**-1.5,
            (a0,),
            {
                "d(a**k)/da is k·a**(k-1); you used k·a**k (the exponent was not lowered).": -1.5 * a0**-1.5,
            },
        ),
        (
            "a ** 0.5",
            lambda a: a**0.5,
            (a0,),
            {"d(a**k)/da is k·a**(k-1); you used k·a**k (the exponent was not lowered).": 0.5 * a0**0.5},
        ),
        (
            "a.exp()",
            lambda a: a.exp(),
            (a0,),
            {
                "d exp(a)/da is exp(a) — the output itself; you multiplied by the input a.": a0,
            },
        ),
        (
            "a.log()",
            lambda a: a.log(),
            (a0,),
            {
                "d log(a)/da is 1/a — one over the INPUT; you divided by the output log(a).": 1 / math.log(a0),
            },
        ),
        (
            "a.tanh()",
            lambda a: a.tanh(),
            (a0,),
            {
                "d tanh(a)/da is 1 - tanh(a)² (square the OUTPUT); you used 1 - a², the input squared.": 1 - a0**2,
                "d tanh(a)/da is 1 - tanh(a)²; the square is missing.": 1 - math.tanh(a0),
            },
        ),
        (
            "a.relu() for a > 0",
            lambda a: a.relu(),
            (a0,),
            {
                "the derivative of relu is 1 where the input is positive (a step), not the output value: "
                "use (self.data > 0) * out.grad.": a0,
            },
        ),
        ("a.relu() for a < 0", lambda a: a.relu(), (b0,), {}),
        # The task fixes the derivative at 0 to 0 ("1 where the input is positive"), as torch does.
        (
            "a.relu() at a = 0",
            lambda a: a.relu(),
            (0.0,),
            {
                "relu's derivative is 1 only where the input is strictly POSITIVE; at exactly 0 it is 0 (as in "
                "torch): use (self.data > 0), not >= 0.": 1.0,
            },
        ),
        ("a + 2", lambda a: a + 2, (a0,), {}),
        ("2 + a", lambda a: 2 + a, (a0,), {}),
        ("a * 3", lambda a: a * 3, (a0,), {}),
        ("3 * a", lambda a: 3 * a, (a0,), {}),
        ("a - 1", lambda a: a - 1, (a0,), {}),
        ("1 - a", lambda a: 1 - a, (a0,), {}),
        ("a / 4", lambda a: a / 4, (a0,), {}),
        (
            "3 / a",
            lambda a: 3 / a,
            (a0,),
            {
                "`3 / a` must divide 3 by a; your __rtruediv__ computes a / 3 (the operands are swapped: "
                "in __rtruediv__(self, other), `other` is the number on the LEFT).": 1 / 3,
                _pow_in_division("3 / a", "a", "3 * a**-1", got="-3/a", want="-3/a²"): -3 / a0,
            },
        ),
    ]


def _check_op(t, Value, label, expr, values, mistakes):
    want_data, want_grads = _torch_run(expr, values)
    data, grads, _ = _learner_run(t, Value, expr, values, label)
    if not _close(data, want_data):
        swapped = {"1 - a": "a - 1", "3 / a": "a / 3"}
        hint = ""
        if label in swapped and _close(data, _torch_run(lambda a: eval(swapped[label]), values)[0]):
            hint = (
                f" — that is {swapped[label]}: in the reflected operator (__rsub__/__rtruediv__), "
                "`other` is the number on the left, so compute other - self / other / self."
            )
        t.fail(
            f"{label}: value",
            "value",
            f"`{label}` with {_show(values)} gave {data:.6g}, expected {want_data:.6g}{hint}",
            expected=want_data,
            got=data,
        )
    names = "ab"
    for i, (got, want) in enumerate(zip(grads, want_grads, strict=True)):
        if _close(got, want):
            continue
        step = f"{label}: gradient"
        for message, wrong in mistakes.items():  # a number is about input 0; (i, number) about input i
            index, value = wrong if isinstance(wrong, tuple) else (0, wrong)
            if index == i and _close(got, value):
                t.fail(step, "gradient", message, expected=want, got=got)
        extra = ""
        if want != 0 and _close(got, -want):
            extra = " — the sign is flipped."
        elif got == 0 and want != 0 and _walks_forwards(Value):
            t.fail(
                step,
                "gradient",
                f"d({label})/d{names[i]} is 0, expected {want:.6g}: this operation goes through an intermediate "
                "node, and backward() walks the graph from the inputs to the output. On x → y = 2·x → z = 3·y, "
                "z.backward() leaves y.grad = 3 but x.grad = 0: y's _backward ran before z had given y its "
                "gradient. Call _backward in REVERSE topological order — the output first.",
                expected=want,
                got=got,
            )
        elif got == 0 and want != 0:
            extra = (
                " — nothing arrived: does this operation's _backward add into the input's .grad, and is "
                "it attached to the output (out._backward = _backward)?"
            )
        t.fail(
            step,
            "gradient",
            f"d({label})/d{names[i]} at {_show(values)}: expected {want:.6g}, got {got:.6g}{extra}",
            expected=want,
            got=got,
        )
    t.passed(f"{label}", "gradient", f"value and gradient{'s' if len(values) > 1 else ''} match torch")


def _show(values):
    return ", ".join(f"{n} = {v:g}" for n, v in zip("ab", values, strict=False))


def _random_program(rng, n_leaves=3, n_ops=12):
    """A random expression graph as a list of instructions, kept inside every op's domain."""
    vals = list(rng.uniform(0.4, 1.6, size=n_leaves) * rng.choice([-1, 1], size=n_leaves))
    prog = []
    while len(prog) < n_ops:
        op = rng.choice(["add", "sub", "mul", "div", "pow", "exp", "log", "tanh", "relu", "const"])
        i, j = (int(k) for k in rng.integers(0, len(vals), size=2))
        x, y = vals[i], vals[j]
        if op == "add":
            v = x + y
        elif op == "sub":
            v = x - y
        elif op == "mul":
            v = x * y
        elif op == "div":
            if abs(y) < 0.3:
                continue
            v = x / y
        elif op == "pow":
            k = float(rng.choice([2, 3, -1, 0.5]))
            if (k == 0.5 and x < 0.1) or (k == -1 and abs(x) < 0.3):
                continue
            v = x**k
            j = k
        elif op == "exp":
            if x > 2.5:
                continue
            v = math.exp(x)
        elif op == "log":
            if x < 0.1:
                continue
            v = math.log(x)
        elif op == "tanh":
            v = math.tanh(x)
        elif op == "relu":
            if abs(x) < 1e-2:
                continue
            v = max(x, 0.0)
        else:  # a constant on one side or the other
            c = float(rng.choice([-2.0, 0.5, 3.0]))
            side = int(rng.integers(0, 4))
            if side == 3 and abs(x) < 0.3:
                continue
            v = c + x if side == 0 else c * x if side == 1 else c - x if side == 2 else c / x
            j = (c, side)
        if not math.isfinite(v) or abs(v) > 50:
            continue
        prog.append((str(op), i, j))
        vals.append(v)
    return vals[:n_leaves], prog


def _run_program(leaves, prog, n_tail=4):
    nodes = list(leaves)
    for op, i, j in prog:
        x = nodes[i]
        if op == "pow":
            nodes.append(x**j)
        elif op == "const":
            c, side = j
            nodes.append(c + x if side == 0 else c * x if side == 1 else c - x if side == 2 else c / x)
        elif op in ("exp", "log", "tanh", "relu"):
            nodes.append(getattr(x, op)())
        else:
            y = nodes[j]
            nodes.append(x + y if op == "add" else x - y if op == "sub" else x * y if op == "mul" else x / y)
    out = nodes[-n_tail]
    for node in nodes[-n_tail + 1 :]:
        out = out + node
    return out


def _walks_forwards(Value) -> bool:
    """Whether backward() runs _backward from the inputs towards the output (x → 2x → 6x leaves x.grad 0)."""
    try:
        x = Value(1.5)
        y = x * 2
        z = y * 3
        z.backward()
        return float(x.grad) == 0.0 and abs(float(y.grad) - 3.0) < 1e-9
    except Exception:  # noqa: BLE001 - learner code; this is only a diagnosis
        return False


def check(t: Checker) -> None:
    Value = t.function("Value")

    v = t.call(Value, 2.5, step="Value(2.5) builds")
    for attr, want in (("data", 2.5), ("grad", 0.0)):
        if not hasattr(v, attr):
            t.fail("Value(2.5) has .data and .grad", "shape", f"a Value needs the attribute .{attr}")
        got = _number(t, getattr(v, attr), f"Value(2.5).{attr}")
        t.expect(
            f"Value(2.5).{attr} == {want}",
            got == want,
            f"Value(2.5).{attr} is {got!r}, expected {want!r}"
            + (" — the gradient starts at 0 and only backward() fills it." if attr == "grad" else ""),
            kind="shape",
        )

    root = t.call(Value, 3.0)
    t.call(root.backward, step="backward of a lone Value runs")
    t.expect(
        "backward sets root.grad = 1",
        _close(_number(t, root.grad, "root.grad"), 1.0),
        f"after root.backward(), root.grad is {root.grad!r}: d root/d root = 1 seeds the whole chain "
        "rule — set self.grad = 1.0 before walking the graph.",
        kind="gradient",
    )

    for label, expr, values, mistakes in _op_cases():
        with t.part(label):  # each operation reports on its own
            _check_op(t, Value, label, expr, values, mistakes)
    if t.failed:
        return

    # ---- a node used twice ---------------------------------------------------
    for label, expr in (
        ("a * a", lambda a: a * a),
        ("a + a", lambda a: a + a),
        ("a * b + a.exp() (a used twice)", lambda a, b: a * b + a.exp()),
    ):
        values = (1.3, -0.8)[: expr.__code__.co_argcount]
        want_data, want = _torch_run(expr, values)
        _, got, _ = _learner_run(t, Value, expr, values, label)
        if not _close(got[0], want[0]):
            partial = {"a * a": [1.3], "a + a": [1.0], "a * b + a.exp() (a used twice)": [-0.8, math.exp(1.3)]}[label]
            if any(_close(got[0], p) for p in partial):
                t.fail(
                    f"reused node: {label}",
                    "gradient",
                    f"`{label}`: a.grad is {got[0]:.6g}, only ONE of the contributions (expected {want[0]:.6g}). "
                    "A node used twice must collect the sum of its gradients: in every _backward, add into "
                    "the inputs' .grad with `+=`; `=` lets the second use overwrite the first.",
                    expected=want[0],
                    got=got[0],
                )
            t.fail(
                f"reused node: {label}",
                "gradient",
                f"`{label}`: a.grad is {got[0]:.6g}, expected {want[0]:.6g} — a node used twice collects "
                "the sum of its gradients (gradient accumulation).",
                expected=want[0],
                got=got[0],
            )
        t.passed(f"reused node: {label}", "gradient", "contributions add up")

    # ---- order: a diamond ----------------------------------------------------
    def diamond(x):
        a = x * 3
        b = a.tanh()
        c = a * b  # a reaches d along three paths of different lengths
        d = c + a + b.exp()
        return d

    want_data, want = _torch_run(diamond, (0.4,))
    _, got, _ = _learner_run(t, Value, diamond, (0.4,), "diamond graph")
    if not _close(got[0], want[0]):
        t.fail(
            "reverse topological order",
            "gradient",
            f"on a graph where an intermediate node feeds several later ones, x.grad is {got[0]:.6g}, expected "
            f"{want[0]:.6g}. Every single operation is right, so the walk is wrong: a node may pass its gradient "
            "on only once, after EVERY node that uses it has added its share. Build a topological order (a "
            "depth-first search with a `visited` set that appends a node after its inputs), then call "
            "_backward on each node exactly once, in reverse of that order.",
            expected=want[0],
            got=got[0],
        )
    t.passed("reverse topological order", "gradient", "a diamond-shaped graph")

    # ---- random graphs ---------------------------------------------------------
    def random_graphs():
        for trial in range(30):
            leaves, prog = _random_program(t.rng)

            def expr(*xs, prog=prog):
                return _run_program(xs, prog)

            want_data, want = _torch_run(expr, leaves)
            data, got, _ = _learner_run(t, Value, expr, leaves, f"random graph #{trial}")
            text = " ; ".join(f"{op}({i}, {j})" for op, i, j in prog)
            if not _close(data, want_data):
                t.fail(
                    "random expression graphs vs torch.autograd",
                    "value",
                    f"graph #{trial} ({text}) on leaves {leaves}: output {data:.8g}, torch {want_data:.8g}",
                )
            for k, (g, w) in enumerate(zip(got, want, strict=True)):
                if not _close(g, w):
                    t.fail(
                        "random expression graphs vs torch.autograd",
                        "gradient",
                        f"graph #{trial} on leaves {[round(x, 4) for x in leaves]}, nodes {text}: "
                        f"d out/d leaf{k} = {g:.8g}, torch says {w:.8g}",
                    )
        t.passed("random expression graphs vs torch.autograd", "gradient", "30 graphs with reused nodes")

    random_graphs()

    # ---- every node used twice: visiting per path is exponential ------------------
    def ladder(x):
        for _ in range(60):
            x = (x + x) * 0.5
        return x

    def timed():
        leaf = Value(0.7)
        out = ladder(leaf)
        out.backward()
        return leaf.grad

    grad = t.call(
        timed,
        step="a 60-level graph in which every node is used twice",
        budget_s=3.0,
        hint="backward visits a shared node once per PATH to it (2**60 paths here): keep a `visited` "
        "set so each node enters the topological order once.",
    )
    t.expect(
        "a 60-level graph in which every node is used twice",
        _close(_number(t, grad, "leaf.grad"), 1.0),
        f"x → (x + x)·0.5, sixty times, has derivative 1; got {grad!r}.",
        kind="gradient",
    )
