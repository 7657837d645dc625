"""Gradient accumulation: the step of a big batch, computed a few samples at a time.

Write `accumulated_step(model, loss_fn, optimizer, x, y, micro_batches)`:
split the batch (x, y) into `micro_batches` equal parts along dimension 0 (len(x) is divisible by it),
accumulate their gradients in .grad and take ONE optimizer step, so that the parameters afterwards are
exactly those of one step on the whole batch with the mean-reduced `loss_fn`. .grad may hold leftovers
from earlier backward passes when you are called. Call backward once per micro-batch (only one
micro-batch's graph in memory at a time). Return the full-batch loss before the step as a Python float.

Run `dltutor check grad_accumulation` to test your implementation.
"""



def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches: int) -> float:
    # TODO: clear what is already in .grad
    # TODO: for each micro-batch: forward, loss scaled so the k gradients add up to the full-batch one,
    #       backward (this ADDS into .grad)
    # TODO: one optimizer step; return the full-batch loss as a float
    raise NotImplementedError
