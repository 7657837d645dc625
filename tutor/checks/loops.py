""" "No Python loop", judged by counting, not by timing.

`expect_no_python_loop` runs the learner's function at two input sizes with a
tracer that counts the events (calls, lines, returns) of Python frames of the
learner's own module. Vectorised code runs the same handful of lines whatever
the size; a loop — `for`, `while`, a comprehension, `map`, `np.vectorize`,
`np.apply_along_axis`, recursion — runs more of them as the input grows, by
however little: a per-row loop that is only 3× slower than vectorised code
is seen as surely as one that is 100× slower. Loops over something that does
not grow with the input (the kH·kW kernel offsets, k clusters) are allowed.
Small inputs suffice, so the check costs milliseconds on any machine.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.checks.core import Checker


@contextlib.contextmanager
def python_events(namespace: dict) -> Iterator[list[int]]:
    """Count trace events (calls, lines, returns) of frames running in the module `namespace`.

    A frame belongs to the learner when its globals are their module's dict:
    their functions, helpers, lambdas and comprehensions, whatever path the
    file was loaded from. Yields a one-element list holding the running count.
    """
    count = [0]

    def local(frame: Any, event: str, arg: Any) -> Any:
        count[0] += 1
        return local

    def on_call(frame: Any, event: str, arg: Any) -> Any:
        if frame.f_globals is not namespace:
            return None  # library code is not traced line by line
        count[0] += 1
        return local

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        yield count
    finally:
        sys.settrace(previous)


def expect_no_python_loop(
    t: Checker,
    name: str,
    fn: Callable[..., Any],
    make_args: Callable[[int], tuple],
    *,
    sizes: tuple[int, int] = (8, 32),
    over: str = "the rows",
    advice: str = "",
    slack: int = 2,
    budget_s: float = 10.0,
) -> None:
    """`fn(*make_args(n))` runs no more Python steps at the larger size than at the smaller one.

    `make_args(n)` builds fresh inputs whose size grows with n (only along the
    axis a loop must not run over); `over` names that axis in the message.
    """
    namespace = vars(t.learner)
    counts = []
    for n in sizes:
        args = make_args(n)
        with python_events(namespace) as events:
            t.call(
                fn, *args, step=f"{name}: {getattr(fn, '__name__', 'your code')} runs at size {n}", budget_s=budget_s
            )
        counts.append(events[0])
    small, large = counts
    if large > small + slack:
        t.fail(
            name,
            "property",
            f"the number of Python steps your code runs grows with the input: {small} at size {sizes[0]}, "
            f"{large} at size {sizes[1]} — a Python loop over {over} (a `for`/`while`, a list "
            "comprehension, map, np.vectorize or np.apply_along_axis all run once per element). "
            "Vectorised code runs the same few lines at any size." + (f" {advice}" if advice else ""),
            events=counts,
            sizes=list(sizes),
        )
    t.passed(name, "property", f"{small} Python steps at size {sizes[0]}, {large} at size {sizes[1]}")
