"""Derivations in a lesson: the source at once, sympy's verified steps when ready.

`render_steps` runs in a worker thread (it imports sympy, ~0.5 s, and
verifies every claim); until it returns, the view shows the derivation's
source so the lesson is never blank.
"""

from __future__ import annotations

from typing import Any

from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

# 80 columns less the lesson's padding, the box's border and padding, the ✓ gutter and the scrollbar.
STEP_WIDTH = 68


def render_steps(
    body: str, source: str, line: int, *, width: int = STEP_WIDTH, unicode: bool = True
) -> list[tuple[str, str]]:
    """(kind, text) per step, claims and definitions as 2-D mathematics (sympy's pretty printer:
    fractions, ∂ over ∂, sums, matrices); raises DerivationError.

    A step wider than `width` is stacked (the left side, then `= right side` below it), and a
    right side still too wide folds at `width`: nothing is clipped at 80 columns.
    """
    import sympy

    from tutor import derive

    derivation = derive.parse_derivation(body, source, line)
    rendered = []
    for step in derivation.steps:
        if step.kind == "comment":
            rendered.append(("comment", step.text))
            continue
        continued = step.kind == "claim" and step.text.lstrip().startswith("=")
        art = None
        if not continued:
            try:
                art = derive.pretty(sympy.Eq(step.lhs, step.rhs, evaluate=False), unicode=unicode)
            except (TypeError, ValueError, AttributeError):
                art = None
        if art is None or _wide(art, width):
            right = "\n".join(_fold(step.rhs, width - 4, unicode))
            art = right if continued else f"{_left(step.lhs, width, unicode)}\n{right}"
        rendered.append((step.kind, art))
    return rendered


def _left(lhs: Any, width: int, unicode: bool) -> str:
    """The left side on its own rows; ∂(a long sum)/∂w becomes `∂/∂w of` over the folded sum."""
    from tutor import derive

    art = derive.pretty(lhs, width=width, unicode=unicode)
    if not _wide(art, width) and "↪" not in art:
        return art
    if isinstance(lhs, derive._Partial):
        f, m = lhs.args
        d = "∂" if unicode else "d"
        import sympy

        # Expanded, the function is a sum of short terms that folds between them.
        return f"{d}/{d}{derive.pretty(m, unicode=unicode)} of\n" + "\n".join(
            _fold(sympy.expand(f), width - 4, unicode, first=" ")
        )
    return art


def _wide(art: str, width: int) -> bool:
    return max(map(len, art.splitlines() or [""])) > width


def _fold(expr: object, width: int, unicode: bool, first: str = "=") -> list[str]:
    """`= right side`, a long sum folded between its terms (`+ …` on the next rows), each row
    2-D with its exponents and fractions kept together; other wide expressions fold in sympy."""
    from sympy.printing.pretty.pretty import PrettyPrinter
    from sympy.printing.pretty.pretty_symbology import pretty_use_unicode

    printer = PrettyPrinter({"use_unicode": unicode, "wrap_line": False})
    before = pretty_use_unicode(unicode)  # symbols' sub/superscripts follow this switch, not the printer's
    try:
        return _fold_terms(expr, printer, width, unicode, first)
    finally:
        pretty_use_unicode(before)


def _fold_terms(expr: Any, printer: Any, width: int, unicode: bool, first: str) -> list[str]:
    import sympy
    from sympy.printing.pretty.stringpict import prettyForm, stringPict

    terms = expr.as_ordered_terms() if isinstance(expr, sympy.Add) else [expr]
    blocks: list[tuple[str, prettyForm]] = []
    for i, term in enumerate(terms):
        negative = i > 0 and term.could_extract_minus_sign()
        sign = first if i == 0 else ("-" if negative else "+")
        blocks.append((sign, printer._print(-term if negative else term)))
    rows: list[prettyForm] = []
    line: prettyForm | None = None
    for sign, form in blocks:
        joined = form if line is None else prettyForm(*stringPict.next(line, f" {sign} ", form))
        if line is not None and joined.width() > width:
            rows.append(line)
            line = prettyForm(*form.left(f"{sign} "))
        else:
            line = joined if line is not None else prettyForm(*form.left(f"{sign} "))
    if line is not None:
        rows.append(line)
    texts = [form.render(wrap_line=False) for form in rows]
    if any(_wide(text, width + 4) for text in texts):  # one term alone is too wide: sympy folds it
        from tutor import derive

        texts = [derive.pretty(expr, width=width, unicode=unicode)]
    return ["  " + row for text in texts for row in text.splitlines()]


def _gutter(kind: str, art: str) -> Content:
    """Mark the middle row: ✓ for a claim sympy proved, ≔ for a definition."""
    lines = art.splitlines() or [""]
    middle = len(lines) // 2 if len(lines) > 1 else 0
    glyph, style = ("✓", "$text-success") if kind == "claim" else ("≔", "$text-accent")
    rows = [Content.assemble((glyph if i == middle else " ", style), "  ", row) for i, row in enumerate(lines)]
    return Content("\n").join(rows)


class DerivationView(Vertical):
    """One ```derivation block."""

    def __init__(self, body: str, line: int) -> None:
        super().__init__(classes="derivation")
        self.body = body
        self.line = line
        self.verified = False

    def compose(self):  # noqa: ANN201
        yield Static(
            Content.styled("derivation · checking with sympy…", "$foreground-muted"), classes="derivation-title"
        )
        yield Static(Content(self.body.rstrip()), classes="derivation-source")

    def show_steps(self, steps: list[tuple[str, str]]) -> None:
        self.verified = True
        self.remove_children()
        widgets = [
            Static(
                Content.styled("derivation · every step verified by sympy", "$text-success"), classes="derivation-title"
            )
        ]
        for kind, text in steps:
            if kind == "comment":
                widgets.append(Static(Content.styled(text, "italic"), classes="derivation-comment"))
            else:
                widgets.append(Static(_gutter(kind, text), classes="derivation-step"))
        self.mount_all(widgets)

    def show_error(self, message: str) -> None:
        self.remove_children()
        self.mount_all(
            [
                Static(
                    Content.styled(f"⚠ this derivation does not verify: {message}", "$text-warning"),
                    classes="derivation-title",
                ),
                Static(Content(self.body.rstrip()), classes="derivation-source"),
            ]
        )
