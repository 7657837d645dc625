# expect: lowest validation loss came at epoch
# mistake: restores the best weights but returns the index of the last epoch run as best_epoch
import copy
def train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience):
    best, best_state, waited = float("inf"), None, 0
    losses = []
    for epoch in range(max_epochs):
        train_epoch(model)
        loss = val_loss(model)
        losses.append(loss)
        if loss < best:
            best, waited = loss, 0
            best_state = copy.deepcopy(model.state_dict())
        else:
            waited += 1
            if waited == patience:
                break
    model.load_state_dict(best_state)
    return epoch, losses
