""" "NumPy only": the learner's file uses no framework that would do the work for them.

An exercise declares `numpy_only = true` in its manifest and the runner calls
`t.expect_numpy_only()` before the checker runs, so the rule holds for every
such exercise without its checker asking. The learner's source is read, not
just its module namespace, so an `import torch` inside a function, a
`from torch.autograd import grad`, `__import__("torch")` or
`importlib.import_module("jax.numpy")` are all seen, wherever they sit.
"""

from __future__ import annotations

import ast
import types
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.checks.core import Checker

FRAMEWORKS = {
    "torch": "PyTorch",
    "jax": "JAX",
    "jaxlib": "JAX",
    "tensorflow": "TensorFlow",
    "keras": "Keras",
    "autograd": "autograd",
    "mxnet": "MXNet",
    "paddle": "PaddlePaddle",
}
_DYNAMIC_IMPORTS = {"__import__", "import_module"}


def _framework(module: str | None) -> str | None:
    top = (module or "").split(".")[0]
    return FRAMEWORKS.get(top)


def framework_imports(source: str) -> list[tuple[int, str, str]]:
    """(line, module, framework) for every import of a framework anywhere in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            modules = [node.module or ""]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if called in _DYNAMIC_IMPORTS and isinstance(node.args[0].value, str):
                modules = [node.args[0].value]
        for module in modules:
            framework = _framework(module)
            if framework:
                found.append((getattr(node, "lineno", 0), module, framework))
    return sorted(found)


def framework_globals(module: types.ModuleType) -> list[tuple[str, str]]:
    """(name, framework) for module-level names bound to a framework's module or objects."""
    found = []
    for name, value in vars(module).items():
        if name.startswith("__"):
            continue
        origin = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        framework = _framework(origin) if isinstance(origin, str) else None
        if framework:
            found.append((name, framework))
    return found


def numpy_only_problem(learner: types.ModuleType, learner_file: Path | None) -> str | None:
    """Why the learner's file breaks "NumPy only", or None."""
    imports: list[tuple[int, str, str]] = []
    if learner_file is not None:
        try:
            imports = framework_imports(learner_file.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, ValueError):
            imports = []  # the module imported, so Python read it; fall back to its namespace
    if imports:
        line, module, framework = imports[0]
        where = learner_file.name if learner_file is not None else "your file"
        return (
            f"{where}:{line} imports {framework} (`{module}`). This exercise is NumPy only: you build "
            f"the operation (and its gradient) from arrays yourself; {framework} would do it for you. "
            "Remove the import — even one inside a function counts."
        )
    names = framework_globals(learner)
    if names:
        name, framework = names[0]
        return (
            f"your module holds `{name}` from {framework}. This exercise is NumPy only; remove the {framework} import."
        )
    return None


def expect_numpy_only(self: Checker) -> None:
    """The exercise's "NumPy only" rule as a step (the runner adds it for `numpy_only` exercises)."""
    problem = numpy_only_problem(self.learner, self.learner_file)
    if problem:
        self.fail("NumPy only", "property", problem)
    self.passed("NumPy only", "property")


def uses_of(source: str, names: set[str]) -> list[tuple[int, str]]:
    """(line, name) wherever `source` reaches one of `names` as an attribute (`np.var`, `x.std()`)
    or imports it (`from numpy import cov`). The learner's own functions are plain names, not
    attributes, so a `variance` they wrote is never mistaken for NumPy's."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in names:
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.ImportFrom):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name in names]
    return sorted(found)


def expect_not_used(self: Checker, rule: str, names: dict[str, str]) -> None:
    """A task's "write it yourself" rule: the learner's source uses none of `names`.

    `names` maps a library function (matched as an attribute or a from-import) to what it does,
    for the message: {"var": "the variance", "cov": "the covariance matrix"}.
    """
    if self.learner_file is None:
        return  # no source to read (a test's in-memory module): nothing to judge
    try:
        uses = uses_of(self.learner_file.read_text(encoding="utf-8"), set(names))
    except (OSError, SyntaxError, ValueError):
        return
    if uses:
        line, name = uses[0]
        self.fail(
            rule,
            "property",
            f"{self.learner_file.name}:{line} calls `{name}`, which computes {names[name]} for you; the task "
            f"asks for {rule}. Build it yourself — that is the exercise.",
        )
    self.passed(rule, "property")
