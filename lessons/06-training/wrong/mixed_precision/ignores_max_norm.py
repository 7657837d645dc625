# expect: were not clipped
"""Forgets the clipping branch altogether."""

import torch


def train_step(model, optimizer, loss_fn, x, y, device_type, scaler=None, max_norm=None):
    optimizer.zero_grad()
    dtype = torch.bfloat16 if device_type == "cpu" else torch.float16
    with torch.autocast(device_type=device_type, dtype=dtype):
        output = model(x)
    loss = loss_fn(output.float(), y)
    if scaler is not None:
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
    else:
        loss.backward()
        optimizer.step()
    return loss.item()
