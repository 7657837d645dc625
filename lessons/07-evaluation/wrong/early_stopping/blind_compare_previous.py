# expect: lower than the BEST so far
# mistake: compares with the previous epoch's loss instead of the best so far
import copy
def train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience):
    prev, best_epoch, best_state, waited = float("inf"), -1, None, 0
    losses = []
    for epoch in range(max_epochs):
        train_epoch(model)
        loss = val_loss(model)
        losses.append(loss)
        if loss < prev:
            best_epoch, waited = epoch, 0
            best_state = copy.deepcopy(model.state_dict())
        else:
            waited += 1
            if waited == patience:
                break
        prev = loss
    model.load_state_dict(best_state)
    return best_epoch, losses
