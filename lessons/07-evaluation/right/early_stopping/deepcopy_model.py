import copy


def train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience):
    history = []
    best_model, best_epoch = None, None
    for epoch in range(max_epochs):
        train_epoch(model)
        history.append(float(val_loss(model)))
        if best_epoch is None or history[-1] < history[best_epoch]:
            best_epoch = epoch
            best_model = copy.deepcopy(model)
        elif epoch - best_epoch >= patience:
            break
    model.load_state_dict(best_model.state_dict())
    return best_epoch, history
