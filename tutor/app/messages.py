"""Messages that cross from worker threads into the UI.

They are posted with `post_message`, which is thread-safe; the handlers run
on the UI thread. `CurvePoints` carries no data (the points stay in the
`CheckStream` that sent it) and replaces an earlier unprocessed one, so a
training loop that emits thousands of points causes at most a few redraws.
"""

from __future__ import annotations

from textual.message import Message

from tutor.protocol import NoteEvent, StepEvent, TargetEvent


class CheckEvent(Message):
    """A step, target or note event from a running check."""

    def __init__(self, generation: int, event: StepEvent | TargetEvent | NoteEvent) -> None:
        super().__init__()
        self.generation = generation
        self.event = event


class CurvePoints(Message):
    """New curve points are waiting in the stream of check `generation`."""

    def __init__(self, generation: int) -> None:
        super().__init__()
        self.generation = generation

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, CurvePoints) and message.generation == self.generation


class FileChanged(Message):
    """The learner's file has new content (saved in an editor, or reset)."""

    def __init__(self, digest: str) -> None:
        super().__init__()
        self.digest = digest

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FileChanged)


class TrackChanged(Message):
    """The learner switched between the bottom-up and top-down tracks."""


class DerivationChecked(Message):
    """Derivation `index` of a lesson is verified (rendered steps) or failed (a message)."""

    def __init__(self, index: int, outcome: list[tuple[str, str]] | str) -> None:
        super().__init__()
        self.index = index
        self.outcome = outcome
