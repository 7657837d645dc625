# expect: not implemented
def train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience):
    raise NotImplementedError
