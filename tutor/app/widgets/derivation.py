"""Derivations in a lesson: the source at once, sympy's verified steps when ready.

`render_steps` runs in a worker thread (it imports sympy, ~0.5 s, and
verifies every claim); until it returns, the view shows the derivation's
source so the lesson is never blank.
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static


def render_steps(body: str, source: str, line: int) -> list[tuple[str, str]]:
    """(kind, text) per step, claims and definitions as unicode art; raises DerivationError."""
    import sympy

    from tutor import derive

    derivation = derive.parse_derivation(body, source, line)
    rendered = []
    for step in derivation.steps:
        if step.kind == "comment":
            rendered.append(("comment", step.text))
            continue
        continued = step.kind == "claim" and step.text.lstrip().startswith("=")
        lhs = sympy.Symbol(" ") if continued else step.lhs
        try:
            art = derive.pretty(sympy.Eq(lhs, step.rhs, evaluate=False))
        except (TypeError, ValueError, AttributeError):
            art = f"{derive.pretty(lhs)}\n  =\n{derive.pretty(step.rhs)}"
        rendered.append((step.kind, art))
    return rendered


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
        yield Static(Content.styled("derivation · checking with sympy…", "$foreground-muted"),
                     classes="derivation-title")
        yield Static(Content(self.body.rstrip()), classes="derivation-source")

    def show_steps(self, steps: list[tuple[str, str]]) -> None:
        self.verified = True
        self.remove_children()
        widgets = [Static(Content.styled("derivation · every step verified by sympy", "$text-success"),
                          classes="derivation-title")]
        for kind, text in steps:
            if kind == "comment":
                widgets.append(Static(Content.styled(text, "italic"), classes="derivation-comment"))
            else:
                widgets.append(Static(_gutter(kind, text), classes="derivation-step"))
        self.mount_all(widgets)

    def show_error(self, message: str) -> None:
        self.remove_children()
        self.mount_all([
            Static(Content.styled(f"⚠ this derivation does not verify: {message}", "$text-warning"),
                   classes="derivation-title"),
            Static(Content(self.body.rstrip()), classes="derivation-source"),
        ])
