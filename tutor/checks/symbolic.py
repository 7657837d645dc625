"""Symbolic answers: sympy decides whether the learner's expression is right.

t.expect_equivalent(name, answer, expected, symbols=, mistakes=)   an expression you hold
t.expect_expression(name, attr, expected, symbols=, mistakes=)     the learner's string `attr`:
    unknown names (sigmoid, e) are named before sympy misreads them; decimals become exact
t.expect_matrix_expression(name, attr, expected, namespace, wrt=)  a matrix-calculus answer in
    names such as X, w (sympy matrices of symbols, see `symbol_matrix`): shape, transpose, sign
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.checks.core import Checker


def expect_equivalent(
    self: Checker,
    name: str,
    answer: Any,
    expected: str,
    *,
    symbols: str = "x",
    mistakes: dict[str, str] | None = None,
    namespace: dict[str, Any] | None = None,
) -> None:
    """`answer` (a string or sympy expression) equals `expected` for all values of `symbols`.

    `namespace` adds names the answer may use, e.g. sympy matrices of symbols
    for a matrix-calculus answer such as "X.T*(X*w - y)".
    """
    from tutor import derive  # sympy costs ~0.4 s to import; only symbolic checks pay it

    if answer is None or answer == "" or answer is Ellipsis:
        self.fail(name, "symbolic", 'no answer yet — write your expression as a string, e.g. "2*x".')
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
        transposed = (
            " — that is the transpose's shape" if got_shape and want_shape and got_shape == want_shape[::-1] else ""
        )
        self.fail(
            name,
            "symbolic",
            f"{shown} has shape {got_shape or 'scalar'}, the answer has shape {want_shape or 'scalar'}{transposed}",
            got=shown,
        )
    hint = derive.difference_hint(got, want) or _term_hint(got, want)
    self.fail(name, "symbolic", f"{shown} is not equal to the answer{hint}", got=shown)


def _term_hint(got: Any, want: Any) -> str:
    """Name the one additive term that differs, e.g. a constant factor dropped from one term of a sum."""
    import sympy

    try:
        if isinstance(got, sympy.MatrixBase) or isinstance(want, sympy.MatrixBase):
            return ""
        mine, right = sympy.Add.make_args(sympy.expand(got)), sympy.Add.make_args(sympy.expand(want))
        extra = [term for term in mine if not any(sympy.simplify(term - r) == 0 for r in right)]
        missing = [term for term in right if not any(sympy.simplify(term - m) == 0 for m in mine)]
        if len(extra) == 1 and len(missing) == 1:
            ratio = sympy.simplify(extra[0] / missing[0])
            if ratio.is_number:
                if ratio == -1:
                    return f" — one term has the wrong sign: you have {extra[0]} where {missing[0]} belongs."
                return (
                    f" — one term is off by a constant factor: you have {extra[0]} where {missing[0]} "
                    "belongs (a constant dropped or changed in that term's derivative?)."
                )
        if not extra and len(missing) == 1:
            return f" — one term is missing: {missing[0]}."
    except Exception:  # noqa: BLE001 - a hint is optional; never fail the check over it
        return ""
    return ""


# ---- answers given as strings in the learner's file -------------------------------

_KNOWN_FUNCTIONS = {
    "exp",
    "log",
    "ln",
    "sqrt",
    "sin",
    "cos",
    "tan",
    "tanh",
    "sinh",
    "cosh",
    "asin",
    "acos",
    "atan",
    "Abs",
    "abs",
    "pi",
    "E",
    "Rational",
    "Matrix",
    "transpose",
    "T",
    "sign",
    "Heaviside",
    "Max",
    "Min",
}


def unknown_names(text: str, allowed: set[str]) -> list[str]:
    """Identifiers in `text` that are neither allowed symbols nor functions sympy knows.

    The engine's parser splits an unknown name into single letters
    (`sigmoid(x)` becomes s*i*g*m*o*i*d*x), so catch them before sympy does.
    """
    found = []
    for word in re.findall(r"[A-Za-z_][A-Za-z_0-9]*", text):
        if word not in allowed and word not in _KNOWN_FUNCTIONS and word not in found:
            found.append(word)
    return found


def answer_text(t: Checker, name: str, attr: str, example: str = "2*x*cos(x)") -> str:
    """The learner's string answer `attr`, or a failing step saying what is missing."""
    if not hasattr(t.learner, attr):
        t.fail(name, "symbolic", f"your file does not define `{attr}`; keep the names from the starter.")
    value = getattr(t.learner, attr)
    if value is None or (isinstance(value, str) and not value.strip()):
        t.fail(name, "symbolic", f'no answer yet — set `{attr}` to your expression as a string, e.g. "{example}".')
    if not isinstance(value, str):
        t.fail(
            name,
            "symbolic",
            f'`{attr}` should be a string such as "2*x", got {type(value).__name__} '
            "— put quotes around the expression.",
        )
    return value


def expect_expression(
    t: Checker, name: str, attr: str, expected: str, *, symbols: str = "x", mistakes: dict[str, str] | None = None
) -> None:
    """The learner's `attr` (a string) is equivalent to `expected`, with named mistakes."""
    text = answer_text(t, name, attr)
    allowed = set(symbols.split())
    strangers = unknown_names(text, allowed)
    if strangers:
        names = ", ".join(f"`{s}`" for s in strangers)
        advice = ""
        if "e" in strangers:
            advice = " Write e**x as exp(x)."
        elif any(s.lower().startswith(("sig", "relu", "softplus")) for s in strangers):
            advice = " Write such functions out with exp, e.g. 1/(1 + exp(-x)) for the sigmoid."
        t.fail(
            name,
            "symbolic",
            f"your expression uses {names}, which sympy does not know here "
            f"(the only variables are {', '.join(sorted(allowed))}).{advice}",
            got=text,
        )
    t.expect_equivalent(name, _exact(text, symbols), expected, symbols=symbols, mistakes=mistakes)


def _exact(text: str, symbols: str) -> Any:
    """`text`, or its parsed form with decimals made exact when it has any.

    sympy cannot simplify x**4.0 - x**4 to 0, so "5*x**4.0" would be judged
    wrong ("1 times the answer"); 4.0 -> 4 and 0.5 -> 1/2 make it compare.
    """
    import sympy

    from tutor import derive

    try:
        parsed = derive.parse(text, symbols)
    except derive.ParseError:
        return text  # let expect_equivalent report it
    if isinstance(parsed, sympy.Basic) and parsed.has(sympy.Float):
        return sympy.nsimplify(parsed, rational=True)
    return text


def symbol_matrix(name: str, rows: int, cols: int) -> Any:
    """A rows×cols sympy matrix of real symbols name_ij (as `matrix:` makes in derivations)."""
    import sympy

    return sympy.Matrix(rows, cols, lambda i, j: sympy.Symbol(f"{name}_{i}{j}", real=True))


def _shape_text(m: Any) -> str:
    return f"{m.shape[0]}×{m.shape[1]}"


def expect_matrix_expression(
    t: Checker, name: str, attr: str, expected: Any, namespace: dict, *, wrt: str, mistakes: dict | None = None
) -> None:
    """The learner's matrix expression `attr` equals the sympy matrix `expected`.

    `namespace` maps names (X, w, ...) to symbol matrices; `wrt` names the
    variable the gradient is taken with respect to (its shape is the answer's).
    Mistakes map a message to an expression string in the same names.
    """
    from tutor import derive

    text = answer_text(t, name, attr, example="A.T*w")
    _refuse_unknown_matrix_names(t, name, text, namespace)
    shapes = ", ".join(f"{k} is {_shape_text(v)}" for k, v in namespace.items())
    got = _parse_matrix_answer(t, name, text, namespace, shapes)
    # The shape is judged first: a wrong shape says more about the mistake than any value comparison.
    _judge_matrix_shape(t, name, text, got, expected, namespace, wrt=wrt, shapes=shapes, mistakes=mistakes)
    if derive.equivalent(got, expected):
        t.passed(name, "symbolic", f"{text} ✓")
        return
    _explain_wrong_matrix(t, name, text, got, expected, namespace, wrt=wrt, mistakes=mistakes)


def _refuse_unknown_matrix_names(t: Checker, name: str, text: str, namespace: dict) -> None:
    """Fail on names outside `namespace`: sympy would otherwise read them as new scalar symbols."""
    strangers = unknown_names(text, set(namespace))
    if strangers:
        t.fail(
            name,
            "symbolic",
            f"your expression uses {', '.join(f'`{s}`' for s in strangers)}; the "
            f"names available are {', '.join(sorted(namespace))} (and .T, transpose, numbers).",
            got=text,
        )


def _parse_matrix_answer(t: Checker, name: str, text: str, namespace: dict, shapes: str) -> Any:
    """Parse the answer over the symbol matrices, turning sympy's parse errors into advice."""
    from tutor import derive

    try:
        return derive.parse(text, "", namespace)
    except derive.ParseError as exc:
        if "ShapeError" in str(exc) or "size mismatch" in str(exc).lower() or "dimension" in str(exc).lower():
            t.fail(
                name,
                "symbolic",
                f"the shapes in `{text}` do not fit together ({shapes}). Write each "
                "product so that inner sizes agree — often a `.T` is missing.",
                got=text,
            )
        if "not callable" in str(exc):
            t.fail(
                name,
                "symbolic",
                f"could not read `{text}`: write every product with `*` (or `@`), "
                "e.g. `2*X.T*(X*w - y)`; `X.T (...)` reads as a function call.",
                got=text,
            )
        t.fail(name, "symbolic", f"could not read your expression: {exc}", got=text)


def _judge_matrix_shape(
    t: Checker,
    name: str,
    text: str,
    got: Any,
    expected: Any,
    namespace: dict,
    *,
    wrt: str,
    shapes: str,
    mistakes: dict | None,
) -> None:
    """Fail unless `got` is a matrix of the answer's shape, naming a transpose or a known mistake."""
    import sympy

    from tutor import derive

    if not isinstance(got, sympy.MatrixBase):
        t.fail(
            name,
            "symbolic",
            f"`{text}` is a single number, but the gradient with respect to {wrt} is "
            f"a {_shape_text(expected)} matrix, the shape of {wrt}.",
            got=str(got),
        )
    if got.shape == expected.shape:
        return
    if got.shape == expected.shape[::-1] and derive.equivalent(got.T, expected):
        t.fail(
            name,
            "symbolic",
            f"that is the transpose of the answer: the gradient has the shape of "
            f"{wrt}, {_shape_text(expected)}, but yours is {_shape_text(got)}.",
            got=text,
        )
    message = _matching_mistake(got, namespace, mistakes, same_shape_only=False)
    if message is not None:
        t.fail(name, "symbolic", message, got=text)
    t.fail(
        name,
        "symbolic",
        f"your answer is {_shape_text(got)}, but the gradient with respect to "
        f"{wrt} has the shape of {wrt}: {_shape_text(expected)} ({shapes}).",
        got=text,
    )


def _explain_wrong_matrix(
    t: Checker, name: str, text: str, got: Any, expected: Any, namespace: dict, *, wrt: str, mistakes: dict | None
) -> None:
    """Fail a right-shaped but wrong answer: a named mistake first, then a sign or factor of 2 off."""
    import sympy

    from tutor import derive

    message = _matching_mistake(got, namespace, mistakes, same_shape_only=True)
    if message is not None:
        t.fail(name, "symbolic", message, got=text)
    if derive.equivalent(-got, expected):
        t.fail(name, "symbolic", f"`{text}` has the wrong sign.", got=text)
    for factor in (2, sympy.Rational(1, 2)):
        if derive.equivalent(got * factor, expected):
            t.fail(name, "symbolic", f"`{text}` is {1 / factor} times the answer: a constant factor is off.", got=text)
    t.fail(
        name,
        "symbolic",
        f"`{text}` is not the gradient. Write the scalar out for one entry of "
        f"{wrt}, differentiate, and look for the matrix product that gives all entries at once.",
        got=text,
    )


def _matching_mistake(got: Any, namespace: dict, mistakes: dict | None, *, same_shape_only: bool) -> str | None:
    """The message of the first mistake (an expression in the same names) that `got` is equivalent to."""
    import sympy

    from tutor import derive

    for message, wrong in (mistakes or {}).items():
        wrong_m = derive.parse(wrong, "", namespace)
        if not isinstance(wrong_m, sympy.MatrixBase) or (same_shape_only and wrong_m.shape != got.shape):
            continue
        if derive.equivalent(got, wrong_m):
            return str(message)
    return None
