"""Always unscales explicitly when a scaler is present, and keeps the per-device dtype in a helper."""

import torch


def low_precision(device_type):
    return {"cpu": torch.bfloat16, "cuda": torch.float16}[device_type]


def train_step(model, optimizer, loss_fn, x, y, device_type, scaler=None, max_norm=None):
    optimizer.zero_grad(set_to_none=True)
    with torch.amp.autocast(device_type=device_type, dtype=low_precision(device_type)):
        logits = model(x)
    loss = loss_fn(logits.to(torch.float32), y)

    if scaler is not None:
        scaler.scale(loss).backward()
        scaler.unscale_(optimizer)  # harmless without clipping: step() sees they are unscaled already
    else:
        loss.backward()
    if max_norm is not None:
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=max_norm)

    if scaler is not None:
        scaler.step(optimizer)
        scaler.update()
    else:
        optimizer.step()
    return loss.item()
