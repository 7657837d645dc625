"""Early stopping: stop when the validation loss stops improving, keep the best weights.

train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience)
* each epoch e = 0, 1, 2, ...: call train_epoch(model) once, then val_loss(model) -> float;
* an epoch IMPROVES when its loss is strictly lower than the best so far (a tie does not);
* stop after `patience` epochs in a row without improvement (or after max_epochs epochs);
* before returning, load the weights of the best epoch back into `model` — save a COPY of them
  when they are best (model.state_dict() alone returns references to the live tensors);
* return (best_epoch, losses): the 0-based index of the best epoch, and the list of the
  validation losses of the epochs that ran.

Run `dltutor check early_stopping` to test your implementation.
"""


def train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience):
    """(best_epoch, losses); `model` ends up holding the best epoch's weights."""
    # TODO: the epoch loop, the patience counter, a copy of the best weights, the restore.
    raise NotImplementedError
