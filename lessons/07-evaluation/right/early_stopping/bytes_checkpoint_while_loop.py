import io

import torch


def train_with_early_stopping(model, train_epoch, val_loss, max_epochs, patience):
    losses = []
    checkpoint = None
    best_epoch = 0
    epochs_since_best = 0
    epoch = 0
    while epoch < max_epochs and (epoch == 0 or epochs_since_best < patience):
        train_epoch(model)
        loss = val_loss(model)
        losses.append(float(loss))
        if epoch == 0 or loss < min(losses[:-1]):
            best_epoch, epochs_since_best = epoch, 0
            checkpoint = io.BytesIO()
            torch.save(model.state_dict(), checkpoint)  # serialised: a real copy, as saving to disk is
        else:
            epochs_since_best += 1
        epoch += 1
    checkpoint.seek(0)
    model.load_state_dict(torch.load(checkpoint, weights_only=True))
    return best_epoch, losses
