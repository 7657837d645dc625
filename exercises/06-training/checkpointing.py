"""Checkpoints: stop a training run and resume it as if nothing had happened.

Write `save_checkpoint(path, model, optimizer, scheduler, step)` and
`load_checkpoint(path, model, optimizer, scheduler) -> int`.

save_checkpoint writes ONE file at `path` with torch.save: a dict holding the model's, the optimizer's
and the scheduler's state_dict(), the step (the number of steps already done) and torch's RNG state
(torch.get_rng_state(); on a GPU also torch.cuda.get_rng_state_all()). load_checkpoint reads it with torch.load
(weights_only=True reads plain tensors, numbers and state dicts), restores each piece into
the FRESH objects it is given, and returns the saved step as an int. After a resume the run must repeat
the uninterrupted run loss for loss: its batches and dropout masks come from torch's RNG.

Run `dltutor check checkpointing` to test your implementation.
"""

import torch  # noqa: F401  (you will need it)


def save_checkpoint(path, model, optimizer, scheduler, step: int) -> None:
    # TODO: build the dict of everything the run needs to continue, then torch.save it to path
    raise NotImplementedError


def load_checkpoint(path, model, optimizer, scheduler) -> int:
    # TODO: torch.load, restore every piece with load_state_dict / the RNG setter, return the step
    raise NotImplementedError
