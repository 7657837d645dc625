import math

import torch


class SGD:
    def __init__(self, params, lr, momentum=0.0, nesterov=False, weight_decay=0.0):
        self.params = list(params)
        self.lr, self.momentum, self.nesterov, self.weight_decay = lr, momentum, nesterov, weight_decay
        self.bufs = [None] * len(self.params)

    def zero_grad(self):
        for p in self.params:
            if p.grad is not None:
                p.grad.zero_()

    def step(self):
        with torch.no_grad():
            for k, p in enumerate(self.params):
                if p.grad is None:
                    continue
                d = p.grad.add(p, alpha=self.weight_decay)
                if self.momentum != 0:
                    b = self.bufs[k]
                    b = d.detach().clone() if b is None else b.mul_(self.momentum).add_(d)
                    self.bufs[k] = b
                    d = d.add(b, alpha=self.momentum) if self.nesterov else b
                p.add_(d, alpha=-self.lr)


class AdamW:
    coupled = False

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        self.params = list(params)
        self.lr, self.betas, self.eps, self.weight_decay = lr, betas, eps, weight_decay
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]
        self.t = [0] * len(self.params)

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    def step(self):
        b1, b2 = self.betas
        with torch.no_grad():
            for k, p in enumerate(self.params):
                if p.grad is None:
                    continue
                g = p.grad
                if self.coupled:
                    g = g.add(p, alpha=self.weight_decay)
                else:
                    p.mul_(1 - self.lr * self.weight_decay)
                self.t[k] += 1
                t = self.t[k]
                self.m[k].lerp_(g, 1 - b1)
                self.v[k].mul_(b2).addcmul_(g, g, value=1 - b2)
                step = self.lr / (1 - b1 ** t)
                denom = self.v[k].sqrt() / math.sqrt(1 - b2 ** t) + self.eps
                p.addcdiv_(self.m[k], denom, value=-step)


class Adam(AdamW):
    coupled = True

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params, lr, betas, eps, weight_decay)
