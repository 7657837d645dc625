"""Symbolic answers: sympy decides whether the learner's expression is right."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.checks.core import Checker


def expect_equivalent(
    self: Checker, name: str, answer: Any, expected: str, *, symbols: str = "x",
    mistakes: dict[str, str] | None = None, namespace: dict[str, Any] | None = None,
) -> None:
    """`answer` (a string or sympy expression) equals `expected` for all values of `symbols`.

    `namespace` adds names the answer may use, e.g. sympy matrices of symbols
    for a matrix-calculus answer such as "X.T*(X*w - y)".
    """
    from tutor import derive  # sympy costs ~0.4 s to import; only symbolic checks pay it

    if answer is None or answer == "" or answer is Ellipsis:
        self.fail(name, "symbolic", "no answer yet — write your expression as a string, e.g. \"2*x\".")
    try:
        got = derive.parse(answer, symbols, namespace)
    except derive.ParseError as exc:
        self.fail(name, "symbolic", f"could not read your expression: {exc}")
    want = derive.parse(expected, symbols, namespace)
    shown = answer.strip() if isinstance(answer, str) else derive.pretty_inline(got)
    if derive.equivalent(got, want):
        self.passed(name, "symbolic", f"{shown} ✓")
        return
    for message, wrong in (mistakes or {}).items():
        if derive.equivalent(got, derive.parse(wrong, symbols, namespace)):
            self.fail(name, "symbolic", message, got=shown)
    got_shape, want_shape = getattr(got, "shape", None), getattr(want, "shape", None)
    if got_shape != want_shape:
        transposed = " — that is the transpose's shape" if got_shape and want_shape and got_shape == want_shape[::-1] else ""
        self.fail(name, "symbolic", f"{shown} has shape {got_shape or 'scalar'}, the answer has shape "
                  f"{want_shape or 'scalar'}{transposed}", got=shown)
    hint = derive.difference_hint(got, want)
    self.fail(name, "symbolic", f"{shown} is not equal to the answer{hint}", got=shown)
