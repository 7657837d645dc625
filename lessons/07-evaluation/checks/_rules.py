"""Rules the stage's tasks state about the learner's own code ("write it yourself, no scikit-learn").

Two looks, because either alone is easy to slip past: the learner's source is
parsed for any import of scikit-learn (at module level or inside a function,
`import sklearn`, `from sklearn... import`, or the name in a string handed to
`importlib` / `__import__`), and `sklearn` must not already be loaded when the
check starts (only the learner's module has run by then; the checkers import
scikit-learn themselves, later, to compute their references).
Candidate for tutor.checks once another stage needs it.
"""

from __future__ import annotations

import ast
import inspect
import sys


def _source(t) -> str:
    if t.learner_file is not None:
        try:
            return t.learner_file.read_text(encoding="utf-8")
        except OSError:
            pass
    try:
        return inspect.getsource(t.learner)
    except (OSError, TypeError):
        return ""


def sklearn_lines(source: str) -> list[int]:
    """Line numbers that import scikit-learn (or name it in a string, as importlib needs)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "sklearn" for a in node.names):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sklearn":
            lines.append(node.lineno)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.split(".")[0] in ("sklearn", "scikit-learn")
        ):
            lines.append(node.lineno)
    return sorted(set(lines))


def forbid_sklearn(t, what: str) -> None:
    """Fail (naming the rule) if the learner's code uses scikit-learn for `what`."""
    name = "written without scikit-learn"
    lines = sklearn_lines(_source(t))
    if lines or "sklearn" in sys.modules:
        where = f" (line {', '.join(map(str, lines))})" if lines else ""
        t.fail(
            name,
            "run",
            f"your file uses scikit-learn{where}; the task is to write {what} yourself "
            "with NumPy. scikit-learn is for your own comparisons (the checker uses it for "
            "its references), not for the answer.",
        )
    t.passed(name, "run")
