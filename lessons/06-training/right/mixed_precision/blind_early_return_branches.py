import torch


def _forward(model, loss_fn, x, y, device_type):
    low = torch.float16 if device_type == "cuda" else torch.bfloat16
    with torch.autocast(device_type=device_type, dtype=low):
        out = model(x)
    return loss_fn(out.to(dtype=torch.float32), y)


def train_step(model, optimizer, loss_fn, x, y, device_type: str, scaler=None, max_norm=None) -> float:
    optimizer.zero_grad(set_to_none=True)
    loss = _forward(model, loss_fn, x, y, device_type)
    value = loss.item()

    def clip():
        if max_norm is not None:
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=max_norm)

    if scaler is None:
        loss.backward()
        clip()
        optimizer.step()
        return value
    scaler.scale(loss).backward()
    if max_norm is not None:
        scaler.unscale_(optimizer)
    clip()
    scaler.step(optimizer)
    scaler.update()
    return value
