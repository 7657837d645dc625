# variant: SGD in the velocity form v = mu*v - lr*g, p += v (lesson: same as torch at constant lr); Adam with plain tensor ops and p.data
import torch


class SGD:
    def __init__(self, params, lr, momentum=0.0, nesterov=False, weight_decay=0.0):
        self.params = list(params)
        self.lr, self.momentum, self.nesterov, self.weight_decay = lr, momentum, nesterov, weight_decay
        self.vel = [None for _ in self.params]

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    def step(self):
        mu, lr = self.momentum, self.lr
        for k, p in enumerate(self.params):
            if p.grad is None:
                continue
            g = p.grad.data + self.weight_decay * p.data
            if mu == 0:
                p.data -= lr * g
                continue
            if self.vel[k] is None:
                self.vel[k] = -lr * g
            else:
                self.vel[k] = mu * self.vel[k] - lr * g
            if self.nesterov:
                p.data += mu * self.vel[k] - lr * g
            else:
                p.data += self.vel[k]


class Adam:
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        self.params = list(params)
        self.lr, self.betas, self.eps, self.weight_decay = lr, betas, eps, weight_decay
        self.t = 0
        self.m = [0.0 * p.data for p in self.params]
        self.v = [0.0 * p.data for p in self.params]
        self.seen = [0 for _ in self.params]

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    def _decay(self, p):
        return p.grad.data + self.weight_decay * p.data

    def step(self):
        b1, b2 = self.betas
        for k, p in enumerate(self.params):
            if p.grad is None:
                continue
            g = self._decay(p)
            self.seen[k] += 1
            t = self.seen[k]
            self.m[k] = b1 * self.m[k] + (1 - b1) * g
            self.v[k] = b2 * self.v[k] + (1 - b2) * g * g
            mh = self.m[k] / (1 - b1 ** t)
            vh = self.v[k] / (1 - b2 ** t)
            p.data -= self.lr * mh / (torch.sqrt(vh) + self.eps)


class AdamW(Adam):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        super().__init__(params, lr, betas, eps, weight_decay)

    def _decay(self, p):
        p.data *= 1 - self.lr * self.weight_decay
        return p.grad.data
