"""The checker library every lesson checker uses.

A checker module defines `check(t: Checker) -> None`; see `Checker` for the
steps it can record (shape, value, gradient, convergence, symbolic, property).
"""

from tutor.checks.core import Checker, Step, StepFailed
from tutor.checks.gradients import numerical_gradient, relative_error
from tutor.checks.integrity import LibrarySnapshot, pristine
from tutor.checks.values import as_array

__all__ = [
    "Checker", "LibrarySnapshot", "Step", "StepFailed", "as_array", "numerical_gradient",
    "pristine", "relative_error",
]
