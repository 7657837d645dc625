# expect: not implemented
"""Optimizers from scratch: SGD (momentum, Nesterov), Adam, AdamW.

Each must update its parameters exactly as the torch.optim class of the same name does, step for
step. Use torch tensors, but not torch.optim.

Run `dltutor check optimizers` to test your implementation.
"""

import torch


class SGD:
    def __init__(self, params, lr, momentum=0.0, nesterov=False, weight_decay=0.0):
        self.params = list(params)
        self.lr, self.momentum, self.nesterov, self.weight_decay = lr, momentum, nesterov, weight_decay
        # TODO: state for the momentum buffers

    def zero_grad(self):
        # TODO: clear every parameter's .grad (set it to None, or zero it)
        raise NotImplementedError

    @torch.no_grad()
    def step(self):
        # TODO: weight decay, then momentum (and Nesterov), then the in-place update
        raise NotImplementedError


class Adam:
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        self.params = list(params)
        self.lr, self.betas, self.eps, self.weight_decay = lr, betas, eps, weight_decay
        # TODO: state: first and second moments, and a step count

    def zero_grad(self):
        # TODO
        raise NotImplementedError

    @torch.no_grad()
    def step(self):
        # TODO: coupled weight decay (added to the gradient), moments, bias correction, update
        raise NotImplementedError


class AdamW:
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        self.params = list(params)
        self.lr, self.betas, self.eps, self.weight_decay = lr, betas, eps, weight_decay
        # TODO

    def zero_grad(self):
        # TODO
        raise NotImplementedError

    @torch.no_grad()
    def step(self):
        # TODO: decoupled weight decay (shrink the weights), then Adam's update without decay
        raise NotImplementedError
