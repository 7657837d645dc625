# expect: one epoch too many
# mistake: off-by-one, stops when waited > patience (runs one epoch too many)
import copy
def train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience):
    best, best_epoch, best_state, waited = float("inf"), -1, None, 0
    losses = []
    for epoch in range(max_epochs):
        train_epoch(model)
        loss = val_loss(model)
        losses.append(loss)
        if loss < best:
            best, best_epoch, waited = loss, epoch, 0
            best_state = copy.deepcopy(model.state_dict())
        else:
            waited += 1
            if waited > patience:
                break
    model.load_state_dict(best_state)
    return best_epoch, losses
