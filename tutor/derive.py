"""Sympy-verified derivations and symbolic answers.

Lessons carry derivations as fenced ```derivation blocks, one step a line:

    # a comment line, shown as prose between steps
    symbols: x y            declare real symbols
    matrix: W 3 2           a 3x2 matrix of symbols W_ij
    s := 1/(1 + exp(-x))    define a name (shown as is, substituted when verifying)
    diff(s, x) = exp(-x)/(1 + exp(-x))**2   a claim: left equals right
      = s*(1 - s)           continue the chain from the previous right-hand side

`verify` proves every claim with sympy; `dltutor validate` and the tests run it
over every lesson, so a derivation shown to a learner is never wrong.
Helpers available in expressions: sympy's names plus `grad(f, M)` (the
matrix of partials of scalar f w.r.t. matrix M), `sum_all`, `hadamard`, `ones`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import sympy
from sympy.core.function import AppliedUndef
from sympy.parsing.sympy_parser import (
    convert_xor,
    function_exponentiation,
    implicit_application,
    implicit_multiplication,
    parse_expr,
    standard_transformations,
)

from tutor.fences import derivation_blocks

# "2x", "2 sin x" and "x^2" read as meant; unlike sympy's full implicit set,
# no split_symbols: "sigmoid(x)" must not become s*i*g*m*o*i*d*x.
_TRANSFORMS = standard_transformations + (
    implicit_multiplication,
    implicit_application,
    function_exponentiation,
    convert_xor,
)


class ParseError(ValueError):
    pass


class DerivationError(ValueError):
    """A derivation that does not hold or does not parse; names file:line."""


def _grad(f: sympy.Expr, m: sympy.Matrix) -> sympy.Matrix:
    return m.applyfunc(lambda entry: sympy.diff(f, entry))


def _sum_all(m: Any) -> sympy.Expr:
    return sum(m) if isinstance(m, sympy.MatrixBase) else m


def _hadamard(a: sympy.Matrix, b: sympy.Matrix) -> sympy.Matrix:
    return a.multiply_elementwise(b)


def _base_namespace() -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    namespace.update(
        grad=_grad, sum_all=_sum_all, hadamard=_hadamard, ones=sympy.ones, zeros=sympy.zeros, Matrix=sympy.Matrix
    )
    return namespace


def _symbols(names: str) -> dict[str, sympy.Symbol]:
    return {name: sympy.Symbol(name, real=True) for name in names.replace(",", " ").split()}


def _known_atoms(namespace: dict[str, Any]) -> tuple[set, set]:
    """Symbols and undefined functions an expression may use: those the namespace provides."""
    symbols: set = set()
    functions: set = set()
    for value in namespace.values():
        if isinstance(value, sympy.Basic | sympy.MatrixBase):
            symbols |= value.free_symbols
            if isinstance(value, sympy.Basic):
                functions |= {type(f) for f in value.atoms(AppliedUndef)}
    return symbols, functions


def parse(text: Any, symbols: str = "x", extra: dict[str, Any] | None = None, *, strict: bool = True) -> Any:
    """A learner's expression (string or sympy object) as a sympy expression.

    `strict`: a name that is neither a declared symbol nor a sympy function is
    an error that names it ("sigmoid", "e"), rather than a silent new symbol
    that makes a right answer look wrong.
    """
    if isinstance(text, sympy.Basic | sympy.MatrixBase):
        return text
    if isinstance(text, int | float):
        return sympy.nsimplify(text)
    if not isinstance(text, str):
        raise ParseError(f'expected a string such as "2*x", got {type(text).__name__}')
    local = _base_namespace()
    local.update(_symbols(symbols))
    local.update(extra or {})
    try:
        expr = parse_expr(text.strip(), local_dict=local, transformations=_TRANSFORMS, evaluate=True)
    except Exception as exc:  # noqa: BLE001 - sympy raises many kinds for bad input
        raise ParseError(f"{text!r}: {type(exc).__name__}: {exc}") from None
    if isinstance(expr, sympy.Basic) and expr.has(sympy.Float):
        # "x**4.0" or "0.5*x" mean 4 and 1/2; as floats sympy cannot cancel x**4.0 - x**4.
        expr = sympy.nsimplify(expr, rational=True)
    if strict and isinstance(expr, sympy.Basic | sympy.MatrixBase):
        known_symbols, known_functions = _known_atoms(local)
        unknown = sorted(str(s) for s in expr.free_symbols - known_symbols)
        if isinstance(expr, sympy.Basic):
            unknown += sorted(
                {type(f).__name__ for f in expr.atoms(AppliedUndef)} - {f.__name__ for f in known_functions}
            )
        if unknown:
            names = ", ".join(f"'{name}'" for name in unknown)
            hint = " (write exp(x) for e to the x)" if "e" in unknown or "E" in unknown else ""
            allowed = ", ".join(sorted(str(s) for s in _symbols(symbols).values())) or "none"
            raise ParseError(
                f"unknown name {names} in {text!r}{hint}; use the variables "
                f"({allowed}) and functions such as exp, log, sin, cos, tanh, sqrt"
            )
    return expr


def equivalent(a: Any, b: Any, *, expect_equal: bool = False) -> bool:
    """True if a and b are equal as expressions (or matrices of them).

    A learner's answer is often wrong, and one number at a probe point says so at once where
    simplify can take seconds (sinh against tanh: 4.6 s). A lesson's derivation step is meant
    to hold, so `expect_equal` skips that probe, which could only cost time there.
    """
    if isinstance(a, sympy.MatrixBase) or isinstance(b, sympy.MatrixBase):
        if not (isinstance(a, sympy.MatrixBase) and isinstance(b, sympy.MatrixBase)) or a.shape != b.shape:
            return False
        return all(equivalent(x, y, expect_equal=expect_equal) for x, y in zip(a, b, strict=True))
    a, b = sympy.sympify(a), sympy.sympify(b)
    if not expect_equal and _differs_somewhere(a, b):
        return False
    diff = a - b
    if diff == 0 or sympy.expand(diff) == 0:  # most derivation steps rearrange terms: no simplify needed
        return True
    diff = sympy.simplify(diff)
    if diff == 0:
        return True
    # Hyperbolic and exponential forms of one function (tanh vs its exp ratio) are only seen as equal
    # once both are written with exp; that costs ~0.1 s where `equals` can take seconds (5.9 s here).
    if sympy.simplify(diff.rewrite(sympy.exp)) == 0:
        return True
    return bool(diff.equals(0))


# Where a difference is evaluated: positive, irregular values, inside the domain of log and sqrt.
_PROBES = (0.7316, 1.4142, 0.3779)


def _differs_somewhere(a: Any, b: Any) -> bool:
    """True when a and b clearly differ at the first probe point where both are finite.

    30-digit arithmetic and a tolerance relative to their size, so rounding in a right answer
    cannot look like a difference; anything that cannot be evaluated to a number proves nothing."""
    diff = a - b
    if diff.has(sympy.Sum, sympy.Product, sympy.Integral) or any(s.is_integer for s in diff.free_symbols):
        return False  # a bound or count such as d in Σ_{i=1}^{d} 1 is not a probe's fraction
    symbols = sorted(diff.free_symbols, key=str)
    for shift in range(len(_PROBES)):
        point = {s: _PROBES[(shift + i) % len(_PROBES)] + 0.1 * i for i, s in enumerate(symbols)}
        try:
            got, want = (complex(e.evalf(30, subs=point)) for e in (a, b))
        except (TypeError, ValueError, ArithmeticError, AttributeError):
            return False
        if not all(math.isfinite(abs(v)) for v in (got, want)):
            continue  # outside the domain at this point
        # One point inside the domain decides: two different expressions agree there only by chance.
        return abs(got - want) > 1e-15 * (1 + abs(got) + abs(want))
    return False


def difference_hint(got: Any, want: Any) -> str:
    """A short phrase about how got differs from want, when the pattern is simple."""
    if isinstance(got, sympy.MatrixBase) or isinstance(want, sympy.MatrixBase):
        return ""
    try:
        if equivalent(got, -want):
            return " — it has the wrong sign."
        ratio = sympy.simplify(got / want)
        if ratio.is_number and ratio not in (0, 1):
            return f" — it is {ratio} times the answer (a constant factor is off)."
        delta = sympy.simplify(got - want)
        if delta.is_number:
            return f" — it differs from the answer by the constant {delta}."
    except Exception:  # noqa: BLE001 - a hint is optional; never fail the check over it
        return ""
    return ""


def pretty_inline(expr: Any) -> str:
    return sympy.sstr(expr)


def pretty(expr: Any, *, width: int | None = None, unicode: bool = True) -> str:
    """Multi-line (2-D) rendering for the terminal; lines longer than `width` fold."""
    return sympy.pretty(expr, use_unicode=unicode, num_columns=width or 10_000, wrap_line=width is not None)


class _Partial(sympy.Expr):
    """∂f/∂m, only ever shown: a 2-D fraction, the numerator in brackets when it is a sum."""

    def _pretty(self, printer: Any) -> Any:
        from sympy.printing.pretty.stringpict import prettyForm

        f, m = self.args
        d = "∂" if printer._use_unicode else "d"
        top = printer._print(f)
        if isinstance(f, sympy.Add | sympy.MatAdd):
            top = prettyForm(*top.parens())
        return prettyForm(*top.left(d)) / prettyForm(*printer._print(m).left(d))

    def _sympystr(self, printer: Any) -> str:
        f, m = self.args
        return f"d({printer._print(f)})/d{printer._print(m)}"


class _SumAll(sympy.Expr):
    """The sum of every entry of a matrix, only ever shown: Σ (…)."""

    def _pretty(self, printer: Any) -> Any:
        from sympy.printing.pretty.stringpict import prettyForm

        inner = prettyForm(*printer._print(self.args[0]).parens())
        return prettyForm(*inner.left("Σ " if printer._use_unicode else "sum "))

    def _sympystr(self, printer: Any) -> str:
        return f"sum({printer._print(self.args[0])})"


def _display_namespace() -> dict[str, Any]:
    """Helpers that show what an expression *says*, not what it evaluates to."""

    def grad(f: Any, m: Any) -> Any:
        return _Partial(f, m)

    def hadamard(a: Any, b: Any) -> Any:
        if isinstance(a, sympy.MatrixExpr) or isinstance(b, sympy.MatrixExpr):
            return sympy.HadamardProduct(a, b)
        return a.multiply_elementwise(b)

    return {
        "diff": lambda expr, *args: sympy.Derivative(expr, *args),
        "grad": grad,
        "sum_all": _SumAll,
        "hadamard": hadamard,
        "ones": sympy.OneMatrix,
        "zeros": sympy.ZeroMatrix,
    }


@dataclass
class DerivationStep:
    line: int
    kind: str  # "comment" | "define" | "claim"
    text: str
    lhs: Any = None  # display forms (defined names kept as symbols)
    rhs: Any = None


@dataclass
class Derivation:
    source: str  # file (for messages)
    line: int  # line of the opening fence
    steps: list[DerivationStep] = field(default_factory=list)

    @property
    def claims(self) -> list[DerivationStep]:
        return [s for s in self.steps if s.kind == "claim"]


def _split_claim(text: str) -> tuple[str | None, str]:
    """'a = b' -> ('a', 'b'); '= b' -> (None, 'b'). Ignores '==', '<=', '>=', '!='."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "=" and depth == 0:
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if (before and before in "=<>!:") or after == "=":
                continue
            left = text[:i].strip()
            return (left or None), text[i + 1 :].strip()
    raise ParseError("expected `left = right`, `= right`, `name := expr`, `symbols:` or `# comment`")


class _Claim(NamedTuple):
    """A parsed `left = right` line: display forms to show, actual forms to prove equal."""

    lhs_display: Any
    lhs_actual: Any
    rhs_display: Any
    rhs_actual: Any


def parse_derivation(body: str, source: str = "<derivation>", first_line: int = 1) -> Derivation:
    """Parse and verify one derivation block; raise DerivationError naming the line."""
    derivation = Derivation(source, first_line)
    # Names as symbols and derivatives left unevaluated, for showing: the claim
    # `diff(s, x) = ...` must display as d/dx s(x) = ..., not as its value.
    display: dict[str, Any] = _display_namespace()
    actual: dict[str, Any] = {}  # names as their definitions, for proving
    previous_rhs: tuple[Any, Any] | None = None  # (display, actual)
    for offset, raw in enumerate(body.splitlines()):
        lineno = first_line + 1 + offset
        text = raw.strip()
        where = f"{source}:{lineno}"
        if not text:
            continue
        try:
            step = _read_step(text, lineno, display, actual, previous_rhs)
        except ParseError as exc:
            raise DerivationError(f"{where}: {exc}") from None
        except Exception as exc:  # noqa: BLE001 - sympy errors while building the step
            raise DerivationError(f"{where}: {type(exc).__name__}: {exc}") from None
        if isinstance(step, _Claim):
            _verify_claim(step, where)
            derivation.steps.append(DerivationStep(lineno, "claim", text, step.lhs_display, step.rhs_display))
            previous_rhs = (step.rhs_display, step.rhs_actual)
        elif step is not None:
            derivation.steps.append(step)
    if not derivation.claims:
        raise DerivationError(f"{source}:{first_line}: a derivation block needs at least one claim")
    return derivation


def _read_step(
    text: str, lineno: int, display: dict[str, Any], actual: dict[str, Any], previous_rhs: tuple[Any, Any] | None
) -> DerivationStep | _Claim | None:
    """One non-blank line: a comment or definition step, a claim still to verify, or None.

    None is a declaration (`symbols:`, `let:`, `matrix:`): it only adds names.
    """
    if text.startswith("#"):
        return DerivationStep(lineno, "comment", text.lstrip("# ").rstrip())
    if text.startswith(("symbols:", "let:")):
        new = _symbols(text.split(":", 1)[1])
        display.update(new)
        actual.update(new)
        return None
    if text.startswith("matrix:"):
        _declare_matrices(text.split(":", 1)[1], display, actual)
        return None
    if ":=" in text:
        return _define(text, lineno, display, actual)
    return _read_claim(text, display, actual, previous_rhs)


def _declare_matrices(specs: str, display: dict[str, Any], actual: dict[str, Any]) -> None:
    """`W 2 3; x 3 1`: each name proves as a matrix of real entries W_ij and shows as the symbol W."""
    for spec in specs.split(";"):
        name, rows, cols = spec.split()
        matrix = sympy.Matrix(int(rows), int(cols), lambda i, j, n=name: sympy.Symbol(f"{n}_{i}{j}", real=True))
        display[name] = sympy.MatrixSymbol(name, int(rows), int(cols))  # shown as W, not its entries
        actual[name] = matrix


def _define(text: str, lineno: int, display: dict[str, Any], actual: dict[str, Any]) -> DerivationStep:
    """`name := expr`: the name proves as its value and shows in the shortest form that still reads right."""
    name, expr = (part.strip() for part in text.split(":=", 1))
    value = parse(expr, "", actual)
    shown_value = parse(expr, "", display, strict=False)
    free = sorted(getattr(value, "free_symbols", ()), key=str)
    if isinstance(value, sympy.MatrixBase):
        display[name] = sympy.MatrixSymbol(name, *value.shape)
    elif free and len(free) <= 3:
        display[name] = sympy.Function(name)(*free)  # so diff(s, x) shows as d/dx s(x)
    else:
        display[name] = sympy.Symbol(name)  # L of twelve matrix entries reads as L
    actual[name] = value
    return DerivationStep(lineno, "define", text, sympy.Symbol(name), shown_value)


def _read_claim(
    text: str, display: dict[str, Any], actual: dict[str, Any], previous_rhs: tuple[Any, Any] | None
) -> _Claim:
    """`left = right`, or `= right` continuing from the previous claim's right side."""
    left, right = _split_claim(text)
    if left is None:
        if previous_rhs is None:
            raise ParseError("a line starting with `=` needs a claim before it")
        lhs_display, lhs_actual = previous_rhs
    else:
        lhs_display, lhs_actual = parse(left, "", display, strict=False), parse(left, "", actual)
    rhs_display, rhs_actual = parse(right, "", display, strict=False), parse(right, "", actual)
    return _Claim(lhs_display, lhs_actual, rhs_display, rhs_actual)


def _verify_claim(claim: _Claim, where: str) -> None:
    """Prove the two sides equal with the names' definitions substituted; the display forms prove nothing."""
    if not equivalent(claim.lhs_actual, claim.rhs_actual, expect_equal=True):
        raise DerivationError(
            f"{where}: this step does not hold: {pretty_inline(claim.lhs_actual)} ≠ {pretty_inline(claim.rhs_actual)}"
        )


def derivations_in(markdown: str, source: str = "<lesson>") -> list[Derivation]:
    """Every ```derivation block in a Markdown text, each verified."""
    return [parse_derivation(body, source, line) for body, line in derivation_blocks(markdown)]


def verify_file(path: Path) -> list[Derivation]:
    return derivations_in(path.read_text(encoding="utf-8"), str(path))
