# expect: one off the best epoch
import copy
import math


def train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience):
    best, best_epoch, best_state, waited, losses = math.inf, -1, None, 0, []
    for epoch in range(max_epochs):
        snapshot = copy.deepcopy(model.state_dict())  # taken before this epoch's training
        train_epoch(model)
        loss = float(val_loss(model))
        losses.append(loss)
        if loss < best:
            best, best_epoch, best_state, waited = loss, epoch, snapshot, 0
        else:
            waited += 1
            if waited >= patience:
                break
    model.load_state_dict(best_state)
    return best_epoch, losses
