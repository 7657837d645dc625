"""The verdict panel: each check step ✓/✗ with what went wrong and where.

Steps are mounted one by one as they stream in from the running check. A
failing step shows its diagnosis plus the evidence the checker attached:
expected vs got for shapes and values, a table (with an error bar per row)
of where a gradient is most wrong, the learner's own traceback frames, and
the step where training went NaN or diverged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import AwaitMount
from textual.widgets import Static

from tutor.app.format import VERDICTS, ascii_mode, glyphs
from tutor.protocol import CheckResult, Details, GradientElement, Step

_BLOCKS = " ▁▂▃▄▅▆▇█"


def _short(value: Any, limit: int = 240) -> str:
    """A value as evidence, whole: numbers and shapes are never cut; a long list loses its tail
    at an element boundary, and says how much it left out."""
    if isinstance(value, list) and all(isinstance(v, int) for v in value):
        return str(tuple(value))
    text = repr(value)
    if len(text) <= limit or not isinstance(value, list):
        return text
    shown: list[str] = []
    for item in value:
        if sum(len(s) + 2 for s in shown) + len(repr(item)) > limit:
            break
        shown.append(repr(item))
    return f"[{', '.join(shown)}, … {len(value) - len(shown)} more]"


def gradient_table(worst: Sequence[GradientElement]) -> str:
    """Where the gradient is most wrong: index, yours, numerical, error, and a bar."""
    top = max((abs(row.error) for row in worst), default=0.0) or 1.0
    rows = [f"{'index':<12} {'yours':>12} {'numerical':>12} {'error':>10}"]
    for row in worst[:5]:
        error = abs(row.error)
        level = _BLOCKS[max(1, round(8 * error / top))] * 3
        rows.append(
            f"{_short(list(row.index), 12):<12} {row.analytic:>12.5g} {row.numeric:>12.5g} {error:>10.2e} {level}"
        )
    return "\n".join(rows)


def evidence(details: Details) -> list[tuple[str, str]]:
    """(css class, text) blocks for a failing step's details."""
    blocks = []
    if details.expected is not None and details.got is not None:
        blocks.append(("diff", f"expected {_short(details.expected)}\n     got {_short(details.got)}"))
    if details.worst:
        blocks.append(("table", gradient_table(details.worst)))
    if details.picture is not None:
        from tutor.plots import picture_lines  # NumPy, only when a verdict carries a picture

        lines = picture_lines(details.picture, ascii_only=ascii_mode())
        if lines:
            blocks.append(("picture", "\n".join(lines)))
    for step, what in ((details.nan_step, "went NaN/inf"), (details.diverged_step, "diverged")):
        if step is not None:
            tail = details.curve_tail
            extra = f"; last values {', '.join(f'{v:.4g}' for v in tail)}" if tail else ""
            blocks.append(("diff", f"{what} at step {step}{extra}"))
    if details.traceback:
        blocks.append(("traceback", details.traceback.rstrip()))
    return blocks


class StepView(Vertical):
    """One step of a check."""

    def __init__(self, step: Step, root: str = "") -> None:
        super().__init__(classes=f"step -{step.status}")
        self.step = step
        self.root = root  # the workspace root, cut from paths in tracebacks

    def _tidy(self, text: str) -> str:
        return text.replace(self.root.rstrip("/") + "/", "") if self.root else text

    def compose(self) -> ComposeResult:
        step, ok = self.step, self.step.passed
        message = step.message
        title = Content.assemble(
            (glyphs("✓ " if ok else "✗ "), "$text-success" if ok else "$text-error bold"), step.name
        )
        if ok and message:
            title += Content.styled(f"  {message}", "$foreground-muted")
        yield Static(title, classes="step-title")
        if not ok:
            if message:
                yield Static(Content(self._tidy(message)), classes="step-message")
            for css, text in evidence(step.details):
                yield Static(Content(self._tidy(text)), classes=f"step-{css}")


class VerdictPanel(Vertical):
    """Header line, the steps, then the verdict's message, notes and the learner's output."""

    def __init__(self, intro: Content | str = "", *, root: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.intro = intro
        self.root = root

    def compose(self) -> ComposeResult:
        yield Static(self.intro, id="verdict-header")
        yield Vertical(id="verdict-steps")
        footer = Static(id="verdict-footer")
        footer.display = False
        yield footer

    @property
    def steps(self) -> list[StepView]:
        return list(self.query(StepView))

    def idle(self, text: Content | str) -> None:
        self.query_one("#verdict-steps").remove_children()
        self.query_one("#verdict-header", Static).update(text)
        self.query_one("#verdict-footer", Static).display = False
        self.set_class(False, "-pass", "-fail", "-error")

    def begin(self, text: str) -> None:
        self.idle(Content.styled(text, "$text-primary"))

    def add_step(self, step: Step) -> AwaitMount:
        return self.query_one("#verdict-steps").mount(StepView(step, self.root))

    def finish(self, result: CheckResult, *, timings: bool = True) -> None:
        """Show a finished CheckResult (its steps replace whatever streamed in)."""
        if len(self.steps) != len(result.steps):
            container = self.query_one("#verdict-steps")
            container.remove_children()
            container.mount_all([StepView(step, self.root) for step in result.steps])
        label, style = VERDICTS.get(result.status, VERDICTS["error"])
        passed = sum(1 for s in result.steps if s.passed)
        facts = [f"{passed}/{len(result.steps)} steps", result.device, f"seed {result.seed}"]
        if timings:
            facts.append(f"{result.duration_s:.2f} s")
        self.query_one("#verdict-header", Static).update(
            Content.assemble((glyphs(label), f"{style} bold"), "  ", (" · ".join(facts), "$foreground-muted"))
        )
        self.set_class(result.status == "pass", "-pass")
        self.set_class(result.status == "fail", "-fail")
        self.set_class(result.status == "error", "-error")
        footer: list[Content | str] = []
        if result.message:
            message = result.message.replace(self.root.rstrip("/") + "/", "") if self.root else result.message
            footer.append(Content.styled(message, "$text-warning" if result.status == "error" else ""))
        footer.extend(Content.styled(f"note: {note}", "$foreground-muted") for note in result.notes)
        output = result.output.strip()
        if output:
            shown = output.splitlines()[-12:]
            footer.append(Content.styled("your code printed:", "$foreground-muted"))
            footer.append("\n".join(shown))
        panel = self.query_one("#verdict-footer", Static)
        panel.update(Content("\n").join(footer))
        panel.display = bool(footer)
