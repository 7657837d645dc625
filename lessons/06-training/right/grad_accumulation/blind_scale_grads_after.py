import torch


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches: int) -> float:
    optimizer.zero_grad(set_to_none=False)
    size = x.shape[0] // micro_batches
    losses = []
    for i in range(micro_batches):
        sl = slice(i * size, (i + 1) * size)
        loss = loss_fn(model(x[sl]), y[sl])
        loss.backward()
        losses.append(loss.item())
    with torch.no_grad():
        for group in optimizer.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    p.grad.div_(micro_batches)
    optimizer.step()
    return sum(losses) / micro_batches
