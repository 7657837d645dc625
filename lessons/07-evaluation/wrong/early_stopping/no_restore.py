# expect: LAST epoch
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
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        else:
            waited += 1
            if waited >= patience:
                break
    pass
    return best_epoch, losses
