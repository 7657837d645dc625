# variant: for loop with clone of every state tensor, restoring with copy_ into the live tensors under no_grad
import torch


def train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience):
    best = float("inf")
    best_epoch = 0
    saved = None
    bad = 0
    losses = []
    for epoch in range(max_epochs):
        train_epoch(model)
        loss = val_loss(model)
        losses.append(loss)
        if loss < best:
            best = loss
            best_epoch = epoch
            saved = {name: t.detach().clone() for name, t in model.state_dict().items()}
            bad = 0
            continue
        bad += 1
        if bad >= patience:
            break
    if saved is not None:
        with torch.no_grad():
            live = model.state_dict()
            for name, t in saved.items():
                live[name].copy_(t)
    return best_epoch, losses
