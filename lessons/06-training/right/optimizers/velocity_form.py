"""Velocity form (v = μv − lr·g; p += v), per-index state lists, p.data updates, one global step count."""
import torch


class SGD:
    def __init__(self, params, lr, momentum=0.0, nesterov=False, weight_decay=0.0):
        self.params = [p for p in params]
        self.lr, self.mu, self.nesterov, self.wd = lr, momentum, nesterov, weight_decay
        self.v = [None] * len(self.params)

    def zero_grad(self):
        for p in self.params:
            if p.grad is not None:
                p.grad.detach_()
                p.grad.zero_()

    def step(self):
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            g = p.grad.data + self.wd * p.data
            if self.mu == 0:
                p.data -= self.lr * g
                continue
            if self.v[i] is None:
                self.v[i] = -self.lr * g
            else:
                self.v[i] = self.mu * self.v[i] - self.lr * g
            if self.nesterov:
                p.data += self.mu * self.v[i] - self.lr * g
            else:
                p.data += self.v[i]


class Adam:
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        self.params = list(params)
        self.lr, (self.b1, self.b2), self.eps, self.wd = lr, betas, eps, weight_decay
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]
        self.t = 0

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    def _decay(self, p, g):
        return g + self.wd * p.data

    def step(self):
        self.t += 1
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            g = self._decay(p, p.grad.data)
            self.m[i] = self.b1 * self.m[i] + (1 - self.b1) * g
            self.v[i] = self.b2 * self.v[i] + (1 - self.b2) * g * g
            step_size = self.lr / (1 - self.b1 ** self.t)
            denom = (self.v[i] / (1 - self.b2 ** self.t)).sqrt() + self.eps
            p.data.addcdiv_(self.m[i], denom, value=-step_size)


class AdamW(Adam):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        super().__init__(params, lr, betas, eps, weight_decay)

    def _decay(self, p, g):
        p.data.mul_(1 - self.lr * self.wd)
        return g
