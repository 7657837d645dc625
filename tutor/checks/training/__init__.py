"""Checks of a learner's PyTorch training code: one step, a whole fit, a training run.

    probe_train_step     one call of train_step(model, optimizer, xb, yb), judged by how the
                         parameters moved: missing zero_grad, step before backward, summed loss
    expect_loss_number   a returned loss is a number, never a tensor with its graph attached
    minibatch_epochs     the shared epoch loop over the learner's train_step (for t.converge)
    record_steps         run the learner's fit, recording the model before each optimizer step
    expect_fit_steps     one optimizer step per epoch, on this model's parameters, with gradients
    check_step_gradients the .grad at each recorded step is that of the right loss (named variants)
    expect_gradients_cleared  a second step's .grad is not its own gradient plus the last one (zero_grad)
    check_loss_history   fit returned one float loss per epoch
    post_step_losses     a (trusted) reference run's loss after every optimizer step
    FitStream, stream_fit the learner's fit in lockstep with t.converge, one step per point
    torch_hint           hints for the usual PyTorch errors (devices, dtypes, reused graphs)
    torch_generator, single_thread_on_cpu, flat

Nothing here imports torch at module level: NumPy-only checkers never pay for it.
"""

from tutor.checks.training.fit import (
    check_loss_history,
    check_step_gradients,
    expect_fit_steps,
    expect_gradients_cleared,
    expect_loss_number,
    minibatch_epochs,
    torch_generator,
    torch_hint,
)
from tutor.checks.training.probe import probe_train_step, single_thread_on_cpu
from tutor.checks.training.stream import (
    FitStream,
    StepRecord,
    flat,
    post_step_losses,
    record_steps,
    stream_fit,
)

__all__ = [
    "FitStream",
    "StepRecord",
    "check_loss_history",
    "check_step_gradients",
    "expect_fit_steps",
    "expect_gradients_cleared",
    "expect_loss_number",
    "flat",
    "minibatch_epochs",
    "post_step_losses",
    "probe_train_step",
    "record_steps",
    "single_thread_on_cpu",
    "stream_fit",
    "torch_generator",
    "torch_hint",
]
