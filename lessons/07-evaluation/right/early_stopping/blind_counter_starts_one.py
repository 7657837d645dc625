# variant: the counter starts at 1 but is compared before it is incremented (equivalent to starting at 0; filed by the blind red team as a mistake, judged correct on review)
import copy
def train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience):
    best, best_epoch, best_state, waited = float("inf"), -1, None, 1
    losses = []
    for epoch in range(max_epochs):
        train_epoch(model)
        loss = val_loss(model)
        losses.append(loss)
        if loss < best:
            best, best_epoch, waited = loss, epoch, 1
            best_state = copy.deepcopy(model.state_dict())
        else:
            if waited == patience:
                break
            waited += 1
    model.load_state_dict(best_state)
    return best_epoch, losses
