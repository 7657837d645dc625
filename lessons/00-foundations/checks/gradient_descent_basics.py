"""Checker: two gradients by finite differences, then gradient descent that converges."""

import numpy as np

from tutor.checks import Checker, numerical_gradient

ALIASING = (
    "every row of your path is the final point: you stored the same array object each time and "
    "then changed it in place (`x -= ...`). Use `x = x - lr * grad(x)`, which makes a new array, "
    "or append `x.copy()`."
)


def check(t: Checker) -> None:
    ref = t.reference
    with t.part("bowl_grad"):
        f = t.function("bowl_grad")
        xs = t.rng.uniform(-5.0, 8.0, size=6)
        got = np.array([_number(t, t.call(f, float(x)), "bowl_grad") for x in xs])
        numeric = np.array([numerical_gradient(lambda v: ref.bowl(v[0]), np.array([x]))[0][0] for x in xs])
        t.expect_gradient(
            "bowl_grad matches finite differences",
            got,
            numeric,
            mistakes={
                "the derivative of (x - 3)**2 is 2*(x - 3): the power rule's factor 2 is missing.": xs - 3.0,
                "that is the derivative of x**2 + 1; the inside x - 3 must stay: 2*(x - 3).": 2.0 * xs,
            },
        )
    with t.part("valley_grad"):
        f = t.function("valley_grad")
        ps = np.column_stack([t.rng.uniform(-2.0, 2.0, 6), t.rng.uniform(-1.0, 3.0, 6)])
        got = []
        for p in ps:
            g = t.call(f, p.copy())
            g = np.asarray(g) if isinstance(g, list | tuple) else g
            if not got or not (isinstance(g, np.ndarray) and g.shape == (2,)):
                t.expect_shape("valley_grad returns shape (2,)", g, (2,))
            got.append(np.asarray(g, dtype=float))
        got = np.array(got)
        numeric = np.array([numerical_gradient(ref.valley, p)[0] for p in ps])
        x, y = ps[:, 0], ps[:, 1]
        t.expect_gradient(
            "valley_grad matches finite differences",
            got,
            numeric,
            mistakes={
                "df/dx misses the inner derivative of the second term: d/dx 5*(y - x**2)**2 = "
                "10*(y - x**2) * (-2*x).": np.column_stack([-2 * (1 - x) + 10 * (y - x**2), 10 * (y - x**2)]),
                "df/dx has the wrong sign in its first term: d/dx (1 - x)**2 = 2*(1 - x) * (-1).": np.column_stack(
                    [2 * (1 - x) - 20 * x * (y - x**2), 10 * (y - x**2)]
                ),
                "df/dy has the wrong sign: the inner derivative of y - x**2 with respect to y is +1.": np.column_stack(
                    [-2 * (1 - x) - 20 * x * (y - x**2), -10 * (y - x**2)]
                ),
            },
        )
    with t.part("gradient_descent"):
        _check_descent(t)
    if t.failed:
        return
    _check_convergence(t)


def _number(t: Checker, value, name):
    try:
        return float(np.asarray(value).reshape(()))
    except (TypeError, ValueError):
        t.fail(f"{name} returns a number", "shape", f"{name} should return one number, got {value!r}")


def _check_descent(t: Checker) -> None:
    gd = t.function("gradient_descent")
    ref = t.reference

    x0 = float(t.rng.uniform(-4.0, 0.0))
    steps, lr = 12, 0.1
    path = t.call(gd, ref.bowl_grad, x0, lr, steps)
    want = ref.gradient_descent(ref.bowl_grad, x0, lr, steps)
    _trajectory_shape(t, "1-D path: shape", path, want, steps)
    k = np.arange(steps + 1)
    t.expect_close(
        "1-D path: every point",
        path,
        want,
        mistakes={
            "your points move uphill: the update is x - lr * grad(x) (minus: the gradient points up the "
            "slope).": ref.gradient_descent(lambda x: -ref.bowl_grad(x), x0, lr, steps),
            "every step uses the gradient at x0: compute grad(x) at the *current* point inside the loop.": x0
            - k * lr * ref.bowl_grad(x0),
            ALIASING: np.repeat(want[-1:], steps + 1, axis=0),
            "the first row must be the starting point x0, and there are steps + 1 rows; your path seems "
            "to start one step late.": ref.gradient_descent(ref.bowl_grad, x0, lr, steps + 1)[1:],
        },
    )

    p0 = np.array([t.rng.uniform(-1.5, -0.5), t.rng.uniform(1.0, 2.5)])
    before = p0.copy()
    steps, lr = 25, 0.02
    path = t.call(gd, ref.valley_grad, p0, lr, steps)
    t.expect(
        "x0 left unchanged",
        np.array_equal(before, p0),
        "gradient_descent changed the x0 array you passed in (`x -= ...` on x0 itself). Start from a "
        "copy: `x = np.array(x0, dtype=float)`.",
        kind="property",
    )
    want = ref.gradient_descent(ref.valley_grad, p0, lr, steps)
    _trajectory_shape(t, "2-D path: shape", path, want, steps)
    t.expect_close(
        "2-D path: every point",
        path,
        want,
        mistakes={
            ALIASING: np.repeat(want[-1:], steps + 1, axis=0),
            "every step uses the gradient at x0: compute grad(x) at the *current* point inside the loop.": p0
            - np.arange(steps + 1)[:, None] * lr * ref.valley_grad(p0),
        },
    )


def _trajectory_shape(t: Checker, name, path, want, steps):
    if isinstance(path, list):
        t.fail(name, "shape", "return an array, not a list: `np.array(path)` stacks the points.")
    if isinstance(path, float | np.generic) or (isinstance(path, np.ndarray) and path.shape == want.shape[1:]):
        t.fail(
            name,
            "shape",
            f"got shape {np.shape(path)}: that is one point. Return every point visited, x0 first: shape {want.shape}.",
        )
    if isinstance(path, np.ndarray) and path.shape[:1] == (steps,) and path.shape[1:] == want.shape[1:]:
        if np.allclose(path[0], want[0]):
            t.fail(
                name,
                "shape",
                f"got {steps} points starting at x0: x0 plus only {steps - 1} steps. The loop runs one time too "
                f"few (range(1, steps)?); take all {steps} steps, {steps + 1} points in all.",
            )
        t.fail(
            name, "shape", f"got {steps} points; include the starting point x0 as the first row, {steps + 1} in all."
        )
    t.expect_shape(name, path, want.shape)


def _check_convergence(t: Checker) -> None:
    ref, me = t.reference, t.learner
    x0 = float(t.rng.uniform(-5.0, 0.0))
    path = t.call(me.gradient_descent, me.bowl_grad, x0, 0.1, 60)
    # The bowl's minimum is 1; the curve shows the gap f(x) - 1 so the target reads well.
    values = np.array([ref.bowl(float(x)) - 1.0 for x in np.asarray(path, dtype=float).reshape(-1)])
    reference = [ref.bowl(float(x)) - 1.0 for x in ref.gradient_descent(ref.bowl_grad, x0, 0.1, 60)]
    t.converge(
        "1-D bowl, lr 0.1, 60 steps",
        lambda i: values[i],
        steps=len(values),
        target=1e-6,
        metric="f(x) - min f",
        reference=reference,
    )

    p0 = np.array([t.rng.uniform(-1.5, -0.5), t.rng.uniform(1.0, 2.5)])
    with np.errstate(all="ignore"):
        path = np.asarray(t.call(me.gradient_descent, me.valley_grad, p0, 0.02, 1500), dtype=float)
        values = np.array([ref.valley(p) for p in path])
    reference = [ref.valley(p) for p in ref.gradient_descent(ref.valley_grad, p0, 0.02, 1500)]
    t.converge(
        "2-D valley, lr 0.02, 1500 steps",
        lambda i: values[i],
        steps=len(values),
        target=1e-8,
        metric="f(x, y)",
        reference=reference,
    )
