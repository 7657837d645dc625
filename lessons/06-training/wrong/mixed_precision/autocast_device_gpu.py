# expect: device TYPE
"""Writes "gpu" for the CUDA branch and the device object's string for the rest."""

import torch


def train_step(model, optimizer, loss_fn, x, y, device_type, scaler=None, max_norm=None):
    optimizer.zero_grad()
    where = "gpu" if scaler is not None else device_type
    with torch.autocast(where, dtype=torch.bfloat16):
        output = model(x)
    loss = loss_fn(output.float(), y)
    if scaler is not None:
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
    else:
        loss.backward()
        if max_norm is not None:
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        optimizer.step()
    return loss.item()
