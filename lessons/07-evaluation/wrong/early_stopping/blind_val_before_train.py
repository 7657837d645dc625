# expect: BEFORE train_epoch
# mistake: measures val_loss before train_epoch in each epoch (wrong order), losses belong to the previous epoch's weights
import copy
def train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience):
    best, best_epoch, best_state, waited = float("inf"), -1, None, 0
    losses = []
    for epoch in range(max_epochs):
        loss = val_loss(model)
        losses.append(loss)
        if loss < best:
            best, best_epoch, waited = loss, epoch, 0
            best_state = copy.deepcopy(model.state_dict())
        train_epoch(model)
        if loss >= best and best_epoch != epoch:
            waited += 1
            if waited == patience:
                break
    model.load_state_dict(best_state)
    return best_epoch, losses
