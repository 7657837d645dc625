# expect: scaler.step(optimizer) was never called
"""Replaces both scaler.step and scaler.update by a plain optimizer.step() after the scaled backward."""

import torch


def train_step(model, optimizer, loss_fn, x, y, device_type, scaler=None, max_norm=None):
    optimizer.zero_grad()
    dtype = torch.bfloat16 if device_type == "cpu" else torch.float16
    with torch.autocast(device_type=device_type, dtype=dtype):
        output = model(x)
    loss = loss_fn(output.float(), y)
    if scaler is not None:
        scaler.scale(loss).backward()
    else:
        loss.backward()
    if max_norm is not None:
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return loss.item()
