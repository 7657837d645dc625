# variant: state dict keyed by parameter, Adam in torch's internal step_size/denom form, standalone classes
import math

import torch


class SGD:
    def __init__(self, params, lr, momentum=0.0, nesterov=False, weight_decay=0.0):
        self.params = list(params)
        self.lr, self.momentum, self.nesterov, self.weight_decay = lr, momentum, nesterov, weight_decay
        self.state = {}

    def zero_grad(self):
        for p in self.params:
            if p.grad is not None:
                p.grad.detach_()
                p.grad.zero_()

    @torch.no_grad()
    def step(self):
        for p in self.params:
            if p.grad is None:
                continue
            d_p = p.grad.add(p, alpha=self.weight_decay) if self.weight_decay else p.grad
            if self.momentum:
                buf = self.state.get(p)
                if buf is None:
                    buf = torch.clone(d_p).detach()
                    self.state[p] = buf
                else:
                    buf.mul_(self.momentum).add_(d_p)
                d_p = d_p.add(buf, alpha=self.momentum) if self.nesterov else buf
            p.add_(d_p, alpha=-self.lr)


class _AdamBase:
    def _init(self, params, lr, betas, eps, weight_decay):
        self.params = list(params)
        self.lr, self.betas, self.eps, self.weight_decay = lr, betas, eps, weight_decay
        self.state = {}

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    def _update(self, p, grad):
        b1, b2 = self.betas
        st = self.state.setdefault(p, {"step": 0, "exp_avg": torch.zeros_like(p), "exp_avg_sq": torch.zeros_like(p)})
        st["step"] += 1
        t = st["step"]
        st["exp_avg"].lerp_(grad, 1 - b1)
        st["exp_avg_sq"].mul_(b2).addcmul_(grad, grad.conj(), value=1 - b2)
        bc1 = 1 - b1 ** t
        bc2 = 1 - b2 ** t
        step_size = self.lr / bc1
        denom = (st["exp_avg_sq"].sqrt() / math.sqrt(bc2)).add_(self.eps)
        p.addcdiv_(st["exp_avg"], denom, value=-step_size)


class Adam(_AdamBase):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        self._init(params, lr, betas, eps, weight_decay)

    @torch.no_grad()
    def step(self):
        for p in self.params:
            if p.grad is None:
                continue
            g = p.grad
            if self.weight_decay != 0:
                g = g.add(p, alpha=self.weight_decay)
            self._update(p, g)


class AdamW(_AdamBase):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        self._init(params, lr, betas, eps, weight_decay)

    @torch.no_grad()
    def step(self):
        for p in self.params:
            if p.grad is None:
                continue
            p.mul_(1 - self.lr * self.weight_decay)
            self._update(p, p.grad)
