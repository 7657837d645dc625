"""Reference solution: a denoising diffusion model (DDPM) on 2-D points."""

import torch
import torch.nn.functional as F
from torch import nn


def alpha_bars(betas: torch.Tensor) -> torch.Tensor:
    """ᾱ_t = Π_{s ≤ t} (1 - β_s), for t = 0 .. T-1."""
    return torch.cumprod(1.0 - betas, dim=0)


def q_sample(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor, alpha_bar: torch.Tensor) -> torch.Tensor:
    """x_t = sqrt(ᾱ_t) x0 + sqrt(1 - ᾱ_t) ε: jump straight to step t (t: (N,) integers)."""
    a = alpha_bar[t].unsqueeze(-1)  # (N, 1): broadcasts over the 2 coordinates
    return a.sqrt() * x0 + (1.0 - a).sqrt() * noise


class Denoiser(nn.Module):
    """Predicts the noise ε in x_t, given x_t (N, 2) and the step t (N,)."""

    def __init__(self, T: int = 50, hidden: int = 64) -> None:
        super().__init__()
        self.step = nn.Embedding(T, hidden)  # one learned vector per step
        self.inp = nn.Linear(2, hidden)
        self.net = nn.Sequential(
            nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU(), nn.Linear(hidden, 2)
        )

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        return self.net(self.inp(x) + self.step(t))


def make_optimizer(model: nn.Module) -> torch.optim.Optimizer:
    return torch.optim.Adam(model.parameters(), lr=3e-3)


def train_step(model, optimizer, x0: torch.Tensor, alpha_bar: torch.Tensor) -> float:
    """One step of the simple DDPM loss: a random step per point, predict the noise that was added."""
    t = torch.randint(0, len(alpha_bar), (len(x0),), device=x0.device)
    noise = torch.randn_like(x0)
    loss = F.mse_loss(model(q_sample(x0, t, noise, alpha_bar), t), noise)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


def p_sample_step(
    model, x: torch.Tensor, t: int, betas: torch.Tensor, alpha_bar: torch.Tensor, noise: torch.Tensor
) -> torch.Tensor:
    """One reverse step x_t -> x_{t-1}, with σ_t = sqrt(β_t); no noise is added at t = 0."""
    eps = model(x, torch.full((len(x),), t, dtype=torch.long, device=x.device))
    beta = betas[t]
    mean = (x - beta / (1.0 - alpha_bar[t]).sqrt() * eps) / (1.0 - beta).sqrt()
    return mean + beta.sqrt() * noise if t > 0 else mean


@torch.no_grad()
def sample(model, betas: torch.Tensor, n: int) -> torch.Tensor:
    """Ancestral sampling: start from pure noise and take T reverse steps."""
    alpha_bar = alpha_bars(betas)
    x = torch.randn(n, 2, device=betas.device)
    for t in reversed(range(len(betas))):
        x = p_sample_step(model, x, t, betas, alpha_bar, torch.randn_like(x))
    return x
