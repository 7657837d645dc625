"""A mixed-precision training step: autocast forward, float32 loss and weights, optional grad scaler."""

import torch

# Each device's 16-bit type: CPUs have fast bfloat16 kernels; float16 on CUDA needs a grad scaler.
LOW_PRECISION = {"cpu": torch.bfloat16, "cuda": torch.float16}


def train_step(model, optimizer, loss_fn, x, y, device_type: str, scaler=None, max_norm=None) -> float:
    optimizer.zero_grad()
    with torch.autocast(device_type=device_type, dtype=LOW_PRECISION[device_type]):
        output = model(x)  # matmuls in 16 bits on 16-bit copies of the float32 weights
    loss = loss_fn(output.float(), y)  # the reduction over the batch in float32

    if scaler is None:
        loss.backward()
        if max_norm is not None:
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        optimizer.step()
    else:
        scaler.scale(loss).backward()  # gradients are now multiplied by the scale
        if max_norm is not None:
            scaler.unscale_(optimizer)  # back to the true gradients before measuring their norm
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        scaler.step(optimizer)  # unscales (if not yet done), skips the step on inf/NaN
        scaler.update()  # lowers the scale after an overflow, raises it after a quiet stretch
    return loss.item()
