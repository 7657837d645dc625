"""Symbolic answers: sympy decides whether the learner's expression is right."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.checks.core import Checker


def expect_equivalent(
    self: Checker, name: str, answer: Any, expected: str, *, symbols: str = "x",
    mistakes: dict[str, str] | None = None,
) -> None:
    """`answer` (a string or sympy expression) equals `expected` for all values of `symbols`."""
    from tutor import derive  # sympy costs ~0.4 s to import; only symbolic checks pay it
    if answer is None or answer == "" or answer is Ellipsis:
        self.fail(name, "symbolic", "no answer yet — write your expression as a string, e.g. \"2*x\".")
    try:
        got = derive.parse(answer, symbols)
    except derive.ParseError as exc:
        self.fail(name, "symbolic", f"could not read your expression: {exc}")
    want = derive.parse(expected, symbols)
    if derive.equivalent(got, want):
        self.passed(name, "symbolic", f"{derive.pretty_inline(got)} ✓")
        return
    for message, wrong in (mistakes or {}).items():
        if derive.equivalent(got, derive.parse(wrong, symbols)):
            self.fail(name, "symbolic", message, got=str(got))
    hint = derive.difference_hint(got, want)
    self.fail(name, "symbolic", f"{derive.pretty_inline(got)} is not equal to the answer{hint}", got=str(got))
