"""The checker library's diagnoses, unit by unit, without a child process."""

from __future__ import annotations

import math
import time
import types

import numpy as np
import pytest

from tutor.checks import Checker, LibrarySnapshot, StepFailed, numerical_gradient
from tutor.checks.values import scale_diagnosis, shape_mismatch_message
from tutor.protocol import CurveEvent, Event, TargetEvent


def make_checker(**learner) -> tuple[Checker, list[Event]]:
    events: list[Event] = []
    t = Checker(
        learner=types.SimpleNamespace(**learner),
        learner_file=None,
        reference=None,
        seed=0,
        device="cpu",
        emit=events.append,
    )
    return t, events


def failure(fn) -> str:
    with pytest.raises(StepFailed) as info:
        fn()
    return str(info.value)


def test_close_arrays_pass_and_record_a_step():
    t, events = make_checker()
    x = np.arange(6.0).reshape(2, 3)
    t.expect_close("same", x + 1e-9, x)
    assert [s.status for s in t.steps] == ["pass", "pass"]
    assert events[-1].event == "step"


def test_a_comparison_never_broadcasts():
    t, _ = make_checker()
    message = failure(lambda: t.expect_close("row", np.ones((1, 3)), np.ones((4, 3))))
    assert "expected shape (4, 3), got (1, 3)" in message


def test_transposed_shape_is_named():
    assert "transpose" in shape_mismatch_message((3, 2), (2, 3))


def test_missing_axis_is_named():
    assert "keepdims" in shape_mismatch_message((4,), (4, 1))


def test_lists_are_not_arrays():
    t, _ = make_checker()
    assert "np.array" in failure(lambda: t.expect_close("list", [1.0, 2.0], np.array([1.0, 2.0])))


@pytest.mark.parametrize(
    ("factor", "batch", "words"),
    [
        (8.0, 8, "forget to divide by the batch size"),
        (1 / 8, 8, "divided by the batch size"),
        (-1.0, None, "opposite sign"),
        (2.0, None, "2×"),
    ],
)
def test_constant_factors_are_diagnosed(factor, batch, words):
    expected = np.random.default_rng(0).normal(size=(8, 3))
    assert words in scale_diagnosis(expected * factor, expected, batch)


def test_named_mistake_wins_over_generic_message():
    t, _ = make_checker()
    x = np.random.default_rng(1).normal(size=(3, 4))
    message = failure(lambda: t.expect_close("v", x.T.copy().T * 0 + x[::-1], x, mistakes={"rows reversed": x[::-1]}))
    assert message == "rows reversed"


def test_first_mismatch_is_reported():
    t, _ = make_checker()
    expected = np.zeros((2, 3))
    got = expected.copy()
    got[1, 2] = 5.0
    message = failure(lambda: t.expect_close("v", got, expected))
    assert "1 of 6 values differ" in message and "(1, 2)" in message


def test_nan_is_named_as_overflow():
    t, _ = make_checker()
    got = np.array([1.0, np.nan])
    assert "overflow" in failure(lambda: t.expect_close("v", got, np.array([1.0, 2.0])))


def test_numerical_gradient_matches_analytic_and_flags_kinks():
    x = np.array([-1.0, 0.0, 2.0])
    grad, kink = numerical_gradient(lambda v: float(np.sum(np.maximum(v, 0) ** 1)), x)
    assert np.allclose(grad[[0, 2]], [0.0, 1.0])
    assert kink.tolist() == [False, True, False]


def test_gradient_off_by_batch_size_is_diagnosed():
    t, _ = make_checker()
    rng = np.random.default_rng(2)
    w = rng.normal(size=(4, 3))
    x = rng.normal(size=(5, 4))
    loss = lambda w: float(np.mean(np.sum((x @ w) ** 2, axis=1)))  # noqa: E731
    numeric, _ = numerical_gradient(loss, w)
    wrong = 2 * x.T @ (x @ w)  # forgot the 1/5
    message = failure(lambda: t.expect_gradient("dW", wrong, numeric, batch=5))
    assert "forget to divide by the batch size" in message


def test_gradient_sign_and_transpose_are_diagnosed():
    t, _ = make_checker()
    g = np.random.default_rng(3).normal(size=(3, 3))
    assert "opposite sign" in failure(lambda: t.expect_gradient("g", -g, g))
    assert "transpose" in failure(lambda: t.expect_gradient("g", g.T.copy(), g))


def test_good_gradient_passes():
    t, _ = make_checker()
    w = np.random.default_rng(4).normal(size=(3, 2))
    numeric, _ = numerical_gradient(lambda v: float(np.sum(np.sin(v))), w)
    t.expect_gradient("g", np.cos(w), numeric)
    assert t.steps[-1].status == "pass"


def test_convergence_stops_at_nan_and_names_the_step():
    t, events = make_checker()
    values = [1.0, 0.5, float("nan"), 0.1]
    message = failure(lambda: t.converge("train", lambda i: values[i], steps=4, target=0.2))
    assert "became nan at step 2" in message
    assert [e.step for e in events if isinstance(e, CurveEvent)] == [0, 1, 2]


def test_convergence_detects_divergence():
    t, _ = make_checker()
    message = failure(lambda: t.converge("train", lambda i: 2.0 ** (i * 3), steps=10, target=0.1))
    assert "diverged" in message


def test_convergence_cut_short_by_the_clock_says_so_instead_of_judging_the_maths():
    t, _ = make_checker()

    def slow_step(i):
        time.sleep(0.05)
        return 1.0 / (i + 1)

    message = failure(lambda: t.converge("train", slow_step, steps=100, target=0.05, budget_s=0.1))
    assert "stopped by the time limit after" in message and "of 100 steps" in message
    assert "too slow" in message


def test_convergence_passes_on_target_and_streams_target():
    t, events = make_checker()
    t.converge("train", lambda i: 1.0 / (i + 1), steps=50, target=0.05)
    assert t.steps[-1].status == "pass"
    assert any(isinstance(e, TargetEvent) and e.target.value == 0.05 for e in events)


def test_an_infinite_target_only_asks_for_a_finite_run_and_draws_no_target():
    t, events = make_checker()
    t.converge("train", lambda i: 1.0 / (i + 1), steps=20, target=math.inf)
    assert t.steps[-1].status == "pass"
    assert not any(isinstance(e, TargetEvent) for e in events)  # no "target <= inf" line in the chart
    assert "became nan" in failure(lambda: t.converge("nan", lambda i: float("nan"), steps=5, target=math.inf))


def test_flat_loss_gets_a_hint():
    t, _ = make_checker()
    assert "did not move" in failure(lambda: t.converge("train", lambda i: 1.0, steps=5, target=0.5))


def test_symbolic_equivalence_and_hints():
    t, _ = make_checker()
    t.expect_equivalent("d/dx", "2x cos(x^2)", "2*x*cos(x**2)")
    assert t.steps[-1].status == "pass"
    assert "1/2 times" in failure(lambda: t.expect_equivalent("d/dx", "x*cos(x**2)", "2*x*cos(x**2)"))
    assert "wrong sign" in failure(lambda: t.expect_equivalent("d/dx", "-sin(x)", "sin(x)"))


def test_property_failure_shows_the_input():
    t, _ = make_checker()
    message = failure(
        lambda: t.expect_property("positive", lambda v: None if v > 0 else "not positive", lambda rng: -1.0)
    )
    assert "not positive" in message and "-1.0" in message


def test_parts_let_later_parts_run():
    t, _ = make_checker()
    with t.part("first"):
        t.expect("a", False, "bad")
    with t.part("second"):
        t.expect("b", True, "")
    assert [(s.name, s.status) for s in t.steps] == [("first: a", "fail"), ("second: b", "pass")]


def test_learner_exceptions_become_failed_steps_with_their_line(tmp_path):
    path = tmp_path / "mine.py"
    path.write_text("def f(x):\n    return x / undefined_name\n")
    namespace: dict = {}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    t, _ = make_checker()
    t.learner_file = path
    message = failure(lambda: t.call(namespace["f"], 1.0))
    assert "NameError" in message and "mine.py:2" in message


def test_library_snapshot_sees_a_patch():
    snapshot = LibrarySnapshot()
    original = np.allclose
    try:
        np.allclose = lambda *a, **k: True
        assert "numpy.allclose" in snapshot.changes()
    finally:
        np.allclose = original
    assert snapshot.changes() == []


def _square_function(factor: float):
    import torch

    class Square(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return grad * factor * x

    return Square.apply


def test_torch_gradcheck_passes_a_right_backward_and_fails_a_wrong_one():
    torch = pytest.importorskip("torch")
    x = torch.randn(3, 4, dtype=torch.float64)
    t, _ = make_checker()
    t.expect_torch_gradcheck("square", _square_function(2.0), (x,))
    assert t.steps[-1].status == "pass"
    message = failure(lambda: t.expect_torch_gradcheck("square", _square_function(1.0), (x,)))
    assert "input 0 is wrong" in message and "2× smaller" in message


def test_cached_values_survive_between_checks_and_follow_the_seed(tmp_path):
    calls = []

    def compute():
        calls.append(1)
        return [1.0, 0.5]

    for seed in (1, 1, 2):
        t = Checker(
            learner=None,
            learner_file=None,
            reference=None,
            seed=seed,
            device="cpu",
            emit=lambda e: None,
            exercise_id="ex",
            cache_dir=tmp_path,
            cache_salt="v1",
        )
        assert t.cached("reference", compute) == [1.0, 0.5]
    assert len(calls) == 2
    (next(tmp_path.glob("ex-*.json"))).write_text("garbage")
    t = Checker(
        learner=None,
        learner_file=None,
        reference=None,
        seed=1,
        device="cpu",
        emit=lambda e: None,
        exercise_id="ex",
        cache_dir=tmp_path,
        cache_salt="v1",
    )
    assert t.cached("reference", compute) == [1.0, 0.5]


def test_lazily_imported_submodules_are_not_patches():
    import subprocess
    import sys

    code = (
        "import numpy as np\nfrom tutor.checks import LibrarySnapshot\n"
        "import sys\nsys.modules.pop('numpy.ma', None)\nvars(np).pop('ma', None)\n"
        "s = LibrarySnapshot()\nnp.unique(np.array([3, 1, 3]))\nimport numpy.ma\n"
        "np.fake = __import__('types').ModuleType('numpy.fake')\n"
        "print(s.changes())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['numpy.fake']"


@pytest.mark.e2e  # a fresh interpreter importing torch (seconds)
def test_torch_rebinding_its_own_functions_is_not_a_patch():
    import subprocess
    import sys

    pytest.importorskip("torch")
    code = (
        "import torch\nfrom tutor.checks import LibrarySnapshot\ns = LibrarySnapshot()\n"
        "m = torch.nn.Linear(2, 1)\nopt = torch.optim.Adam(m.parameters())\n"
        "m(torch.ones(1, 2)).sum().backward()\nopt.step()\n"
        "torch.softmax = lambda *a, **k: None\n"
        "print(s.changes())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "['torch.softmax']"


def test_a_call_over_its_budget_fails_naming_it():

    t, _ = make_checker()
    message = failure(lambda: t.call(time.sleep, 5, budget_s=0.2))
    assert "longer than 0.2 s" in message


def test_a_call_hint_is_added_to_the_exception():
    t, _ = make_checker()
    message = failure(lambda: t.call(lambda: 1 / 0, hint="did you divide by the count of an empty cluster?"))
    assert "ZeroDivisionError" in message and "empty cluster" in message


def test_expect_equal_tells_an_int_from_a_float():
    t, _ = make_checker()
    assert "use `//`" in failure(lambda: t.expect_equal("size", 26.0, 26))
    t.expect_equal("size", 26, 26)


def test_an_accuracy_that_falls_is_not_called_improving():
    t, _ = make_checker()
    message = failure(
        lambda: t.converge("acc", lambda i: 0.5 - 0.01 * i, steps=5, target=0.9, goal="above", metric="accuracy")
    )
    assert "got worse" in message


def test_exponential_and_hyperbolic_forms_are_equivalent():
    t, _ = make_checker()
    t.expect_equivalent("tanh", "(exp(x) - exp(-x))/(exp(x) + exp(-x))", "tanh(x)")
    assert t.steps[-1].status == "pass"
    failure(lambda: t.expect_equivalent("tanh", "sinh(x)", "tanh(x)"))


def test_a_number_rejects_a_wrong_answer_and_never_a_right_one():
    from tutor import derive

    def same(a: str, b: str, symbols: str = "x") -> bool:
        return derive.equivalent(derive.parse(a, symbols), derive.parse(b, symbols))

    assert not same("sinh(x)", "tanh(x)")  # rejected at a probe point, not after seconds of simplify
    assert same("1 - tanh(x)**2", "1/cosh(x)**2")
    # 1 in 10^31 at the probe is below the tolerance; the symbols decide, and they differ
    assert not same("exp(100*x) + 1", "exp(100*x)")
    assert same("exp(-x)/(1 + exp(-x))**2", "(1/(1 + exp(-x)))*(1 - 1/(1 + exp(-x)))")
    # a count or bound (d in a sum) is not probed with a fraction: Σ_{i=1}^{d} 1 is d
    import sympy

    i, d = sympy.symbols("i d", integer=True, positive=True)
    assert derive.equivalent(sympy.Sum(1, (i, 1, d)), d)
    assert derive.equivalent(sympy.Sum(1, (i, 1, d)).doit(), d)
    plain_d = sympy.Symbol("d")  # as a lesson's derivation writes it
    assert derive.equivalent(sympy.Sum(1, (i, 1, plain_d)), plain_d)


def test_decimal_exponents_are_read_as_exact_numbers():
    t, _ = make_checker()
    t.expect_equivalent("power", "5*x**4.0", "5*x**4")
    t.expect_equivalent("half", "0.5*x", "x/2")
    assert [s.status for s in t.steps] == ["pass", "pass"]


def test_no_constant_factor_is_claimed_when_the_scale_is_right():
    expected = np.arange(1.0, 7.0)
    got = expected * (1 + 2e-6)  # an epsilon-guarded std: uniformly a hair off, not "1× larger"
    assert scale_diagnosis(got, expected) is None


def test_expect_unchanged_names_an_in_place_edit():
    t, _ = make_checker()
    x = np.array([1.0, np.nan, 3.0])
    t.expect_unchanged("kept", x.copy(), x, "f")
    x[0] = 0.0
    assert "`f` modified an array you passed in" in failure(
        lambda: t.expect_unchanged("kept", np.array([1.0, np.nan, 3.0]), x, "f")
    )


def _module_from(source: str, path) -> types.ModuleType:
    path.write_text(source)
    module = types.ModuleType("learner")
    module.__file__ = str(path)
    exec(compile(source, str(path), "exec"), vars(module))
    return module


def test_a_python_loop_is_counted_whatever_its_speed(tmp_path):
    learner = _module_from(
        "import numpy as np\n"
        "def vectorised(X):\n    return np.sqrt(((X[:, None] - X[None]) ** 2).sum(-1))\n"
        "def per_row(X):\n    return np.array([np.sqrt(((X - x) ** 2).sum(1)) for x in X])\n",
        tmp_path / "learner.py",
    )
    t = Checker(
        learner=learner,
        learner_file=tmp_path / "learner.py",
        reference=None,
        seed=0,
        device="cpu",
        emit=lambda event: None,
    )
    rows = lambda n: (np.ones((n, 3)),)  # noqa: E731
    t.expect_no_python_loop("vectorised", learner.vectorised, rows)
    message = failure(lambda: t.expect_no_python_loop("per row", learner.per_row, rows, over="the rows"))
    assert "Python loop over the rows" in message and "grows with the input" in message


def test_numpy_only_sees_imports_inside_functions(tmp_path):
    from tutor.checks.numpy_only import numpy_only_problem

    source = "import numpy as np\ndef f(x):\n    import torch\n    return torch.relu(torch.tensor(x)).numpy()\n"
    path = tmp_path / "learner.py"
    path.write_text(source)
    problem = numpy_only_problem(types.ModuleType("learner"), path)
    assert problem is not None and "imports PyTorch" in problem and "learner.py:3" in problem
    path.write_text("import numpy as np\nload = __import__('jax.numpy')\n")
    assert "JAX" in (numpy_only_problem(types.ModuleType("learner"), path) or "")
    path.write_text("import numpy as np\n")
    assert numpy_only_problem(types.ModuleType("learner"), path) is None


def test_a_train_step_returning_its_graph_is_rejected_by_name():
    torch = pytest.importorskip("torch")
    from tutor.checks.training import probe_train_step

    def returns_tensor(model, optimizer, xb, yb):
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(xb), yb)
        loss.backward()
        optimizer.step()
        return loss

    def returns_number(model, optimizer, xb, yb):
        return returns_tensor(model, optimizer, xb, yb).item()

    torch.manual_seed(0)
    model, xb, yb = torch.nn.Linear(3, 1), torch.randn(8, 3), torch.randn(8, 1)
    t, _ = make_checker()
    probe_train_step(t, model, returns_number, xb, yb, torch.nn.functional.mse_loss, loss_name="MSE")
    message = failure(
        lambda: probe_train_step(t, model, returns_tensor, xb, yb, torch.nn.functional.mse_loss, loss_name="MSE")
    )
    assert "with its graph attached" in message


def test_a_2d_mismatch_carries_a_picture_of_its_slice():
    t, _ = make_checker()
    x = np.arange(2 * 4 * 5, dtype=float).reshape(2, 4, 5)
    got = x.copy()
    got[1] = got[1][::-1]  # the second slice's rows reversed
    failure(lambda: t.expect_close("maps", got, x))
    picture = t.steps[-1].details.picture
    assert picture is not None and picture.where == (1,)
    assert np.array_equal(np.array(picture.expected), x[1]) and np.array_equal(np.array(picture.got), got[1])
    assert [any(row) for row in picture.differs] == [True, True, True, True]


@pytest.mark.parametrize("shape", [(6,), (40, 40), (1, 7)])
def test_no_picture_for_vectors_or_large_matrices(shape):
    t, _ = make_checker()
    x = np.arange(np.prod(shape), dtype=float).reshape(shape)
    failure(lambda: t.expect_close("v", x + 1.0 + x * 0.1, x))
    assert t.steps[-1].details.picture is None


def test_the_picture_draws_expected_got_and_differs_on_one_scale():
    from tutor.plots import mismatch_picture

    expected = np.arange(9.0).reshape(3, 3)
    lines = mismatch_picture(expected, expected.T, expected != expected.T)
    assert lines[0].split() == ["expected", "got", "differs"]
    assert lines[1].endswith("··××××") and lines[2].endswith("××··××")
    assert "0 ... █ 8" in lines[-1]
    ascii_lines = mismatch_picture(expected, expected.T, expected != expected.T, ascii_only=True)
    assert all(ch.isascii() for line in ascii_lines for ch in line)
    assert mismatch_picture(np.zeros((3, 40)), np.ones((3, 40)), np.ones((3, 40), bool)) == []


def test_expect_not_used_sees_attributes_and_from_imports_but_not_the_learners_own_names(tmp_path):
    from tutor.checks.numpy_only import uses_of

    source = "import numpy as np\nfrom numpy import cov\n\ndef variance(x):\n    return x.var()\n\ndef std(x):\n    return variance(x) ** 0.5\n"
    assert uses_of(source, {"var", "cov", "std"}) == [(2, "cov"), (5, "var")]
    path = tmp_path / "mine.py"
    path.write_text(source)
    t = Checker(
        learner=types.SimpleNamespace(), learner_file=path, reference=None, seed=0, device="cpu", emit=lambda e: None
    )
    message = failure(lambda: t.expect_not_used("from sums", {"cov": "the covariance matrix", "var": "the variance"}))
    assert "mine.py:2 calls `cov`, which computes the covariance matrix for you" in message
    path.write_text("def variance(x):\n    return ((x - x.sum() / len(x)) ** 2).sum() / len(x)\n")
    t.expect_not_used("from sums", {"var": "the variance"})
    assert t.steps[-1].status == "pass"


def test_gradients_left_from_the_step_before_are_named_and_clipping_is_not():
    import torch

    from tutor.checks.training import expect_gradients_cleared

    previous, fresh = torch.tensor([1.0, -2.0, 0.5]), torch.tensor([0.3, 0.1, -0.7])
    t, _ = make_checker()
    message = failure(lambda: expect_gradients_cleared(t, previous, fresh + previous, fresh))
    assert "PLUS the first one's" in message and "zero_grad" in message
    for got in (fresh, 0.5 * fresh):  # cleared; cleared and then clipped (a diagnosis only: silent)
        t, _ = make_checker()
        expect_gradients_cleared(t, previous, got, fresh)
        assert t.steps[-1].status == "pass"
