# expect: buffers
# mistake: saves only named_parameters (not buffers such as BatchNorm running stats) and restores with strict=False
def train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience):
    best, best_epoch, best_state, waited = float("inf"), -1, None, 0
    losses = []
    for epoch in range(max_epochs):
        train_epoch(model)
        loss = val_loss(model)
        losses.append(loss)
        if loss < best:
            best, best_epoch, waited = loss, epoch, 0
            best_state = {k: v.detach().clone() for k, v in model.named_parameters()}
        else:
            waited += 1
            if waited == patience:
                break
    model.load_state_dict(best_state, strict=False)
    return best_epoch, losses
