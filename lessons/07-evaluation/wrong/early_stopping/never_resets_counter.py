# expect: epochs ran
import math


def train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience):
    best, best_epoch, best_state, bad_epochs, losses = math.inf, -1, None, 0, []
    for epoch in range(max_epochs):
        train_epoch(model)
        loss = float(val_loss(model))
        losses.append(loss)
        if loss < best:
            best, best_epoch = loss, epoch  # the counter is never reset
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        else:
            bad_epochs += 1
            if bad_epochs >= patience:
                break
    model.load_state_dict(best_state)
    return best_epoch, losses
