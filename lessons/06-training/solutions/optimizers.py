"""Reference solution: SGD (momentum, Nesterov, weight decay), Adam (coupled L2), AdamW (decoupled)."""

import torch


class _Optimizer:
    def __init__(self, params):
        self.params = list(params)

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    def _with_grad(self):
        return [p for p in self.params if p.grad is not None]


class SGD(_Optimizer):
    def __init__(self, params, lr, momentum=0.0, nesterov=False, weight_decay=0.0):
        super().__init__(params)
        self.lr, self.momentum, self.nesterov, self.weight_decay = lr, momentum, nesterov, weight_decay
        self.buffers = {}

    @torch.no_grad()
    def step(self):
        for p in self._with_grad():
            g = p.grad
            if self.weight_decay:
                g = g + self.weight_decay * p
            if self.momentum:
                buf = self.buffers.get(p)
                if buf is None:
                    buf = self.buffers[p] = g.clone()  # the first buffer is the gradient itself
                else:
                    buf.mul_(self.momentum).add_(g)
                g = g + self.momentum * buf if self.nesterov else buf
            p.sub_(self.lr * g)


class Adam(_Optimizer):
    decoupled = False

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params)
        self.lr, self.betas, self.eps, self.weight_decay = lr, betas, eps, weight_decay
        self.state = {}

    @torch.no_grad()
    def step(self):
        beta1, beta2 = self.betas
        for p in self._with_grad():
            g = p.grad
            if self.weight_decay and self.decoupled:
                p.mul_(1 - self.lr * self.weight_decay)  # AdamW: shrink the weights directly
            elif self.weight_decay:
                g = g + self.weight_decay * p  # Adam: L2 folded into the gradient
            s = self.state.setdefault(p, {"t": 0, "m": torch.zeros_like(p), "v": torch.zeros_like(p)})
            s["t"] += 1
            s["m"].mul_(beta1).add_(g, alpha=1 - beta1)
            s["v"].mul_(beta2).addcmul_(g, g, value=1 - beta2)
            m_hat = s["m"] / (1 - beta1 ** s["t"])
            v_hat = s["v"] / (1 - beta2 ** s["t"])
            p.sub_(self.lr * m_hat / (v_hat.sqrt() + self.eps))


class AdamW(Adam):
    decoupled = True

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        super().__init__(params, lr, betas, eps, weight_decay)
