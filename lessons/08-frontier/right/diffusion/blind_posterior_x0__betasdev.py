# variant: loop cumprod, reverse mean written as the posterior mean through the predicted x0 (algebraically equal), sinusoidal t features
"""DDPM on 2-D points."""

import math

import torch
import torch.nn.functional as F  # noqa: F401 - you will need it
from torch import nn


def alpha_bars(betas: torch.Tensor) -> torch.Tensor:
    out = torch.empty_like(betas)
    running = torch.ones((), dtype=betas.dtype, device=betas.device)
    for i in range(len(betas)):
        running = running * (1 - betas[i])
        out[i] = running
    return out


def q_sample(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor, alpha_bar: torch.Tensor) -> torch.Tensor:
    ab = alpha_bar[t]
    return torch.einsum("n,nd->nd", ab.sqrt(), x0) + torch.einsum("n,nd->nd", (1 - ab).sqrt(), noise)


class Denoiser(nn.Module):
    """Predicts the noise in x_t from x_t (N, 2) and the step t (N,)."""

    def __init__(self, T: int = 50) -> None:
        super().__init__()
        self.T = T
        freqs = torch.exp(-math.log(100.0) * torch.arange(8) / 8)
        self.register_buffer("freqs", freqs)
        self.net = nn.Sequential(nn.Linear(2 + 16, 128), nn.GELU(), nn.Linear(128, 128), nn.GELU(),
                                 nn.Linear(128, 128), nn.GELU(), nn.Linear(128, 2))

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        ang = t.float()[:, None] * self.freqs[None, :]
        feats = torch.cat([x, torch.sin(ang), torch.cos(ang)], dim=1)
        return self.net(feats)


def make_optimizer(model: nn.Module) -> torch.optim.Optimizer:
    return torch.optim.Adam(model.parameters(), lr=2e-3)


def train_step(model, optimizer, x0: torch.Tensor, alpha_bar: torch.Tensor) -> float:
    t = torch.randint(0, alpha_bar.shape[0], (x0.shape[0],), device=x0.device)
    noise = torch.randn_like(x0)
    loss = F.mse_loss(model(q_sample(x0, t, noise, alpha_bar), t), noise)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


def p_sample_step(model, x: torch.Tensor, t: int, betas: torch.Tensor, alpha_bar: torch.Tensor,
                  noise: torch.Tensor) -> torch.Tensor:
    ab_t = alpha_bar[t]
    ab_prev = alpha_bar[t - 1] if t > 0 else torch.ones_like(ab_t)
    beta = betas[t]
    eps = model(x, torch.full((x.shape[0],), t, dtype=torch.long, device=x.device))
    x0_hat = (x - (1 - ab_t).sqrt() * eps) / ab_t.sqrt()
    c0 = ab_prev.sqrt() * beta / (1 - ab_t)
    ct = (1 - beta).sqrt() * (1 - ab_prev) / (1 - ab_t)
    mean = c0 * x0_hat + ct * x
    return mean + (beta.sqrt() * noise if t > 0 else 0.0)


def sample(model, betas: torch.Tensor, n: int) -> torch.Tensor:
    dev = betas.device
    betas = betas.to(dev)
    ab = alpha_bars(betas)
    x = torch.randn(n, 2, device=dev)
    with torch.no_grad():
        t = len(betas) - 1
        while t >= 0:
            x = p_sample_step(model, x, t, betas, ab, torch.randn_like(x))
            t -= 1
    return x
