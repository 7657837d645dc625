"""Gradient accumulation: k micro-batches, one optimizer step."""


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches: int) -> float:
    optimizer.zero_grad()  # .grad may hold an earlier step's gradients
    total = 0.0
    for xb, yb in zip(x.chunk(micro_batches), y.chunk(micro_batches), strict=True):
        # Each micro-batch loss is a mean over len(x) / k samples; dividing by k makes the k
        # gradients, summed by backward into .grad, the gradient of the mean over all len(x).
        loss = loss_fn(model(xb), yb) / micro_batches
        loss.backward()  # frees this micro-batch's graph before the next forward
        total += loss.item()
    optimizer.step()
    return total
