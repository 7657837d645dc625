# expect: buffers
import copy
import math


def train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience):
    best, best_epoch, best_state, waited, losses = math.inf, -1, None, 0, []
    for epoch in range(max_epochs):
        train_epoch(model)
        loss = float(val_loss(model))
        losses.append(loss)
        if loss < best:
            best, best_epoch, waited = loss, epoch, 0
            best_state = [p.detach().clone() for p in model.parameters()]
        else:
            waited += 1
            if waited >= patience:
                break
    import torch
    with torch.no_grad():
        for p, saved in zip(model.parameters(), best_state):
            p.copy_(saved)
    return best_epoch, losses
