# expect: backward ran inside the autocast block
"""Puts the whole step, backward and optimizer step included, inside the autocast block."""

import torch


def train_step(model, optimizer, loss_fn, x, y, device_type, scaler=None, max_norm=None):
    dtype = torch.bfloat16 if device_type == "cpu" else torch.float16
    with torch.autocast(device_type=device_type, dtype=dtype):
        optimizer.zero_grad()
        loss = loss_fn(model(x).float(), y)
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
