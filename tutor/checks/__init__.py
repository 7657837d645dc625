"""The checker library every lesson checker uses.

A checker module defines `check(t: Checker) -> None`. Everything a checker
does goes through `t` (one step per `t.expect_*`), or through the helpers
below that take `t` first. lessons/AUTHORING.md ("Checkers") has one short
example of each.

Calling learner code
    t.function(name)                      the learner's function, or a step saying it is missing
    t.call(fn, *args, hint=, budget_s=)   exceptions, sys.exit, MemoryError, a time budget -> a step
Values (tutor.checks.values)
    t.expect_shape(name, got, shape, mistakes={wrong_shape: message})
    t.expect_array(name, got, shape=, dtype_kind=, tensor=, device=, mistakes=)
    t.expect_close(name, got, expected, mistakes={message: wrong_output}, batch=)
    t.expect_scalar / t.expect_equal / t.expect_type / t.expect_unchanged / t.expect(name, cond, msg)
Gradients (tutor.checks.gradients)
    numerical_gradient(f, x) -> (grad, kink);  t.expect_gradient(name, got, numeric, kink=, mistakes=)
    t.expect_torch_gradcheck(name, fn, inputs);  relative_error(a, b)
Training (tutor.checks.convergence, tutor.checks.training)
    t.converge(name, step, steps=, target=, goal=, final=, reference=)   a streamed training run
    probe_train_step, minibatch_epochs, expect_loss_number               a learner's train_step
    record_steps, expect_fit_steps, check_step_gradients, check_loss_history,
    post_step_losses, stream_fit / FitStream, torch_hint                 a learner's fit
Symbolic answers (tutor.checks.symbolic)
    t.expect_equivalent / t.expect_expression / t.expect_matrix_expression; symbol_matrix
Properties and rules the task states
    t.expect_property(name, prop, generate, trials=)   random inputs, the first failing one shown
    t.expect_no_python_loop(name, fn, make_args, over=) Python steps counted at two sizes (loops.py)
    t.expect_numpy_only()                               run by the runner for `numpy_only = true`
    t.expect_not_used(rule, {name: what})              a 'write it yourself' rule: none of these library calls (numpy_only.py)
Integrity
    pristine, LibrarySnapshot   numpy functions captured before learner code, and the patch detector
"""

from tutor.checks.core import Checker, Step, StepFailed
from tutor.checks.gradients import numerical_gradient, relative_error
from tutor.checks.integrity import LibrarySnapshot, pristine
from tutor.checks.symbolic import symbol_matrix
from tutor.checks.training import (
    FitStream,
    check_loss_history,
    check_step_gradients,
    expect_fit_steps,
    expect_loss_number,
    minibatch_epochs,
    post_step_losses,
    probe_train_step,
    record_steps,
    single_thread_on_cpu,
    stream_fit,
    torch_generator,
    torch_hint,
)
from tutor.checks.values import as_array

__all__ = [
    "Checker",
    "FitStream",
    "LibrarySnapshot",
    "Step",
    "StepFailed",
    "as_array",
    "check_loss_history",
    "check_step_gradients",
    "expect_fit_steps",
    "expect_loss_number",
    "minibatch_epochs",
    "numerical_gradient",
    "post_step_losses",
    "pristine",
    "probe_train_step",
    "record_steps",
    "relative_error",
    "single_thread_on_cpu",
    "stream_fit",
    "symbol_matrix",
    "torch_generator",
    "torch_hint",
]
