# expect: use the device_type you were given
"""Copies the CUDA recipe verbatim: torch.autocast("cuda") — which does nothing to CPU tensors."""

import torch


def train_step(model, optimizer, loss_fn, x, y, device_type, scaler=None, max_norm=None):
    optimizer.zero_grad()
    with torch.autocast("cuda", dtype=torch.float16):
        output = model(x)
    loss = loss_fn(output.float(), y)
    if scaler is not None:
        scaler.scale(loss).backward()
        if max_norm is not None:
            scaler.unscale_(optimizer)
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        scaler.step(optimizer)
        scaler.update()
    else:
        loss.backward()
        if max_norm is not None:
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        optimizer.step()
    return loss.item()
