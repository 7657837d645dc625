# variant: while loop, copy.deepcopy of the whole model's state via torch.save to a BytesIO buffer
import io
import torch


def train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience):
    losses = []
    best_epoch = None
    buf = None
    since = 0
    e = 0
    while e < max_epochs and since < patience:
        train_epoch(model)
        cur = float(val_loss(model))
        losses.append(cur)
        if best_epoch is None or cur < losses[best_epoch]:
            best_epoch = e
            since = 0
            buf = io.BytesIO()
            torch.save(model.state_dict(), buf)
        else:
            since += 1
        e += 1
    if buf is not None:
        buf.seek(0)
        model.load_state_dict(torch.load(buf))
    return best_epoch, losses
