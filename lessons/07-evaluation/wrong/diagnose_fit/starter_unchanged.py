# expect: not implemented
import torch
import torch.nn.functional as F
from torch import nn


def diagnose(train_losses, val_losses, target_loss, max_gap):
    raise NotImplementedError


def fit_regularised(X, y):
    raise NotImplementedError
