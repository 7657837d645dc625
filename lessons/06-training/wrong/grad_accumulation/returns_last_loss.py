# expect: not just the last one
"""Right step, but returns only the last micro-batch's loss."""


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches):
    optimizer.zero_grad()
    for xb, yb in zip(x.chunk(micro_batches), y.chunk(micro_batches), strict=False):
        loss = loss_fn(model(xb), yb)
        (loss / micro_batches).backward()
    optimizer.step()
    return loss.item()
