import torch
from torch.nn.utils import clip_grad_norm_

_DTYPES = {"cpu": torch.bfloat16, "cuda": torch.float16}


def train_step(model, optimizer, loss_fn, x, y, device_type: str, scaler=None, max_norm=None) -> float:
    for group in optimizer.param_groups:
        for p in group["params"]:
            p.grad = None
    with torch.amp.autocast(device_type, dtype=_DTYPES[device_type]):
        logits = model(x)
        with torch.amp.autocast(device_type, enabled=False):
            loss = loss_fn(logits.to(torch.float32), y)
    use_scaler = scaler is not None
    (scaler.scale(loss) if use_scaler else loss).backward()
    if max_norm is not None:
        if use_scaler:
            scaler.unscale_(optimizer)
        clip_grad_norm_([p for g in optimizer.param_groups for p in g["params"]], max_norm)
    if use_scaler:
        scaler.step(optimizer)
        scaler.update()
    else:
        optimizer.step()
    return float(loss.detach())
