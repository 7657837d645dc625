"""Slices by index, model.zero_grad(set_to_none=True), averages the unscaled losses for the return."""


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches):
    model.zero_grad(set_to_none=True)
    size = x.shape[0] // micro_batches
    losses = []
    for start in range(0, x.shape[0], size):
        loss = loss_fn(model(x[start:start + size]), y[start:start + size])
        (loss / micro_batches).backward()
        losses.append(loss.item())
    optimizer.step()
    return sum(losses) / len(losses)
