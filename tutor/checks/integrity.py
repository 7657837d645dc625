"""Guarding the checker against a learner module that patches its libraries.

Two defences, both taken *before* the learner's module is imported:

* `pristine`: the checker library's own references to the numpy functions it
  compares with, so `np.allclose = lambda *a, **k: True` changes nothing here;
* `LibrarySnapshot`: the identity of every public attribute of numpy, torch,
  math and builtins; any change after the learner's code ran is reported as a
  failed check naming the attribute, so a patched library can never pass.
"""

from __future__ import annotations

import builtins
import math
import sys
import types

import numpy as np

# The functions the comparisons use, captured at import of tutor.checks,
# which the runner does before any learner code exists in the process.
pristine = types.SimpleNamespace(
    asarray=np.asarray,
    array=np.array,
    isfinite=np.isfinite,
    isnan=np.isnan,
    abs=np.abs,
    maximum=np.maximum,
    argwhere=np.argwhere,
    unravel_index=np.unravel_index,
    argmax=np.argmax,
    sqrt=np.sqrt,
    sum=np.sum,
    dot=np.dot,
    vdot=np.vdot,
    all=np.all,
    any=np.any,
    zeros_like=np.zeros_like,
    sort=np.sort,
    moveaxis=np.moveaxis,
    float64=np.float64,
    ndarray=np.ndarray,
    isinstance=isinstance,
    type=type,
)

_WATCHED_MODULES = (
    "numpy",
    "numpy.linalg",
    "numpy.random",
    "numpy.testing",
    "math",
    "builtins",
    "torch",
    "torch.nn",
    "torch.nn.functional",
    "torch.autograd",
    "torch.optim",
    "torch.testing",
)


def _watched_objects() -> dict[str, object]:
    objs: dict[str, object] = {}
    for name in _WATCHED_MODULES:
        module = sys.modules.get(name)
        if module is not None:
            objs[name] = module
    # The checker library itself: its class, its pristine references, its step helpers.
    objs["tutor.checks.pristine"] = pristine
    for name in (
        "tutor.checks.core",
        "tutor.checks.values",
        "tutor.checks.gradients",
        "tutor.checks.convergence",
        "tutor.checks.properties",
        "tutor.checks.integrity",
        "tutor.checks.symbolic",
        "tutor.checks.loops",
        "tutor.checks.numpy_only",
        "tutor.checks.training.probe",
        "tutor.checks.training.fit",
        "tutor.checks.training.stream",
    ):
        module = sys.modules.get(name)
        if module is not None:
            objs[name] = module
    core = sys.modules.get("tutor.checks.core")
    if core is not None:
        objs["tutor.checks.Checker"] = core.Checker
    torch = sys.modules.get("torch")
    if torch is not None:
        objs["torch.Tensor"] = torch.Tensor
        objs["torch.nn.Module"] = torch.nn.Module
    return objs


def _attributes(obj: object) -> dict[str, int]:
    try:
        namespace = vars(obj)
    except TypeError:
        return {}
    return {key: id(value) for key, value in list(namespace.items()) if not key.startswith("__")}


class LibrarySnapshot:
    """Identity of the watched libraries' attributes at one moment."""

    def __init__(self) -> None:
        self._state = {name: _attributes(obj) for name, obj in _watched_objects().items()}

    def changes(self) -> list[str]:
        """Attributes replaced, added or deleted since the snapshot (sorted)."""
        changed = []
        for name, obj in _watched_objects().items():
            before = self._state.get(name)
            if before is None:  # imported later (torch by the learner): nothing to compare
                continue
            after = _attributes(obj)
            for key in before.keys() | after.keys():
                if before.get(key) != after.get(key) and not _library_did_it(obj, name, key):
                    changed.append(f"{name}.{key}")
        return sorted(changed)


def _library_did_it(obj: object, name: str, key: str) -> bool:
    """Was `name.key` (re)bound by the library itself rather than by the learner?

    numpy and torch change their own namespaces on first use: `np.unique`
    imports numpy.ma; the first optimizer step imports torch._dynamo, which
    rebinds torch.manual_seed to a wrapper of its own. Those values are the
    library's genuine submodules, or callables defined inside the library; a
    learner's lambda, function or partial is defined elsewhere.
    """
    if not hasattr(obj, key):
        return False  # deleted
    value = getattr(obj, key)
    package = name.split(".")[0]
    if isinstance(value, types.ModuleType):
        return value.__name__.startswith(package + ".") and sys.modules.get(value.__name__) is value
    module = getattr(value, "__module__", None)
    return callable(value) and isinstance(module, str) and (module == package or module.startswith(package + "."))


def unpatched_isclose(got: np.ndarray, expected: np.ndarray, rtol: float, atol: float) -> np.ndarray:
    """Elementwise |got - expected| <= atol + rtol * |expected|, NaNs equal only to NaNs."""
    diff = pristine.abs(got - expected)
    close = diff <= atol + rtol * pristine.abs(expected)
    both_nan = pristine.isnan(got) & pristine.isnan(expected)
    return close | both_nan


__all__ = ["LibrarySnapshot", "pristine", "unpatched_isclose", "math", "builtins"]
