"""dltutor: a terminal tutor for deep learning.

The engine (course, workspace, progress, runner, checks, derive) is importable
without Textual or torch; `tutor.app` and `tutor.cli` are thin front ends.
"""

__version__ = "0.1.0"
