# expect: whose .grad is None was changed
import torch


class _Base:
    def zero_grad(self):
        for p in self.params:
            p.grad = None


class SGD(_Base):
    def __init__(self, params, lr, momentum=0.0, nesterov=False, weight_decay=0.0):
        self.params = list(params)
        self.lr, self.momentum, self.nesterov, self.weight_decay = lr, momentum, nesterov, weight_decay
        self.buf = {}

    @torch.no_grad()
    def step(self):
        for i, p in enumerate(self.params):
            grad = p.grad if p.grad is not None else torch.zeros_like(p)
            g = grad + self.weight_decay * p
            if self.momentum:
                if i not in self.buf:
                    self.buf[i] = g.clone()
                else:
                    self.buf[i].mul_(self.momentum).add_(g)
                g = g + self.momentum * self.buf[i] if self.nesterov else self.buf[i]
            p.sub_(self.lr * g)


class Adam(_Base):
    decoupled = False

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        self.params = list(params)
        self.lr, self.betas, self.eps, self.weight_decay = lr, betas, eps, weight_decay
        self.state = {}

    @torch.no_grad()
    def step(self):
        b1, b2 = self.betas
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            g = p.grad
            if self.decoupled:
                p.mul_(1 - self.lr * self.weight_decay)
            else:
                g = g + self.weight_decay * p
            m, v, t = self.state.get(i, (torch.zeros_like(p), torch.zeros_like(p), 0))
            t += 1
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            self.state[i] = (m, v, t)
            mh = m / (1 - b1 ** t)
            vh = v / (1 - b2 ** t)
            p.sub_(self.lr * mh / (vh.sqrt() + self.eps))


class AdamW(Adam):
    decoupled = True

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        super().__init__(params, lr, betas, eps, weight_decay)
