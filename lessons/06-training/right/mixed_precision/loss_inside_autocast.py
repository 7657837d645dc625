"""Default autocast dtypes, the loss computed inside the block (cross-entropy is upcast to float32 there)."""

import torch
from torch.nn.utils import clip_grad_norm_


def train_step(model, optimizer, loss_fn, x, y, device_type, scaler=None, max_norm=None):
    model.zero_grad()
    # torch.autocast's default dtype is bfloat16 for "cpu" and float16 for "cuda".
    with torch.autocast(device_type):
        loss = loss_fn(model(x), y)
    backward_on = loss if scaler is None else scaler.scale(loss)
    backward_on.backward()
    if max_norm is not None:
        if scaler is not None:
            scaler.unscale_(optimizer)
        clip_grad_norm_(model.parameters(), max_norm)
    if scaler is None:
        optimizer.step()
    else:
        scaler.step(optimizer)
        scaler.update()
    return float(loss.detach())
