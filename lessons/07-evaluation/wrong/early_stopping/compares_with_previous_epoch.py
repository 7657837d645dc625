# expect: lower than the BEST so far
import math


def train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience):
    previous, best, best_epoch, best_state, waited, losses = math.inf, math.inf, -1, None, 0, []
    for epoch in range(max_epochs):
        train_epoch(model)
        loss = float(val_loss(model))
        losses.append(loss)
        if loss < best:
            best, best_epoch = loss, epoch
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        if loss < previous:  # "still going down" compared with the last epoch, not with the best
            waited = 0
        else:
            waited += 1
            if waited >= patience:
                break
        previous = loss
    model.load_state_dict(best_state)
    return best_epoch, losses
