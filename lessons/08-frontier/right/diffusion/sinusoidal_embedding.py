import math

import torch
import torch.nn.functional as F
from torch import nn


def alpha_bars(betas):
    return torch.exp(torch.cumsum(torch.log1p(-betas), 0))


def q_sample(x0, t, noise, alpha_bar):
    s = alpha_bar[t][:, None]
    return s ** 0.5 * x0 + (1 - s) ** 0.5 * noise


class Denoiser(nn.Module):
    def __init__(self, T=50, dim=32, hidden=96):
        super().__init__()
        self.dim = dim
        self.body = nn.Sequential(nn.Linear(2 + dim, hidden), nn.GELU(), nn.Linear(hidden, hidden), nn.GELU(),
                                  nn.Linear(hidden, 2))

    def embed(self, t):
        half = self.dim // 2
        freqs = torch.exp(-math.log(1000.0) * torch.arange(half, device=t.device) / half)
        angles = t.float()[:, None] * freqs[None]
        return torch.cat([angles.sin(), angles.cos()], dim=1)

    def forward(self, x, t):
        return self.body(torch.cat([x, self.embed(t)], dim=1))


def make_optimizer(model):
    return torch.optim.Adam(model.parameters(), lr=3e-3)


def train_step(model, optimizer, x0, alpha_bar):
    optimizer.zero_grad()
    t = torch.randint(0, alpha_bar.shape[0], (x0.shape[0],), device=x0.device)
    noise = torch.randn_like(x0)
    loss = F.mse_loss(model(q_sample(x0, t, noise, alpha_bar), t), noise)
    loss.backward()
    optimizer.step()
    return loss.item()


def p_sample_step(model, x, t, betas, alpha_bar, noise):
    b = betas[t]
    eps_hat = model(x, torch.full((x.shape[0],), t, device=x.device, dtype=torch.long))
    x = 1 / torch.sqrt(1 - b) * (x - b / torch.sqrt(1 - alpha_bar[t]) * eps_hat)
    if t > 0:
        x = x + torch.sqrt(b) * noise
    return x


@torch.no_grad()
def sample(model, betas, n):
    ab = alpha_bars(betas)
    x = torch.randn(n, 2, device=betas.device)
    for t in range(len(betas) - 1, -1, -1):
        x = p_sample_step(model, x, t, betas, ab, torch.randn_like(x))
    return x
