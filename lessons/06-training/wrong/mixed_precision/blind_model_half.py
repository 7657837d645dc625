# expect: converted the weights themselves. Mixed precision keeps
import torch


def train_step(model, optimizer, loss_fn, x, y, device_type: str, scaler=None, max_norm=None) -> float:
    optimizer.zero_grad()
    dtype = torch.bfloat16 if device_type == "cpu" else torch.float16
    model.to(dtype)
    with torch.autocast(device_type=device_type, dtype=dtype):
        out = model(x.to(dtype))
    loss = loss_fn(out.float(), y)
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
