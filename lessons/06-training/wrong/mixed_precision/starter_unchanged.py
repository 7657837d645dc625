# expect: not implemented yet
"""Mixed precision: matmuls in 16 bits, weights and loss in 32.

Write `train_step(model, optimizer, loss_fn, x, y, device_type, scaler=None, max_norm=None) -> float`,
one training step with automatic mixed precision:

* model and x live on a device of type `device_type` ("cpu" or "cuda"). The parameters are float32 and
  must stay float32 (they are the master weights the optimizer updates).
* Clear old gradients. Run the forward pass under torch.autocast for `device_type`: bfloat16 on "cpu",
  float16 on "cuda". Compute the loss in float32: loss_fn on the output cast to float32.
* Backward and the optimizer step run OUTSIDE the autocast block.
* `scaler` is a torch.amp.GradScaler or None. With a scaler: backward the scaled loss, then
  scaler.step(optimizer) and scaler.update(). Without: loss.backward() and optimizer.step().
* If `max_norm` is not None, clip the total gradient norm to max_norm with
  torch.nn.utils.clip_grad_norm_ — on the TRUE gradients (with a scaler, unscale them first).
* Return the loss (unscaled) as a Python float.

Run `dltutor check mixed_precision` to test your implementation.
"""

import torch  # noqa: F401 - for torch.autocast and friends


def train_step(model, optimizer, loss_fn, x, y, device_type: str, scaler=None, max_norm=None) -> float:
    # TODO: clear the gradients, choose the 16-bit dtype for this device type
    # TODO: forward under autocast; the loss in float32
    # TODO: backward (scaled when there is a scaler), optional clipping of the true gradients,
    #       the optimizer step (through the scaler when there is one) and the scaler's update
    raise NotImplementedError
