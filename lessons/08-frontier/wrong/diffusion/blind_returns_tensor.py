# expect: the task asks for a float
# mistake: train_step returns the loss tensor (with grad) instead of a float
"""DDPM on 2-D points."""

import torch
import torch.nn.functional as F  # noqa: F401 - you will need it
from torch import nn


def alpha_bars(betas: torch.Tensor) -> torch.Tensor:
    return torch.cumprod(1.0 - betas, dim=0)


def q_sample(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor, alpha_bar: torch.Tensor) -> torch.Tensor:
    ab = alpha_bar[t][:, None]
    return ab.sqrt() * x0 + (1.0 - ab).sqrt() * noise


class Denoiser(nn.Module):
    """Predicts the noise in x_t from x_t (N, 2) and the step t (N,)."""

    def __init__(self, T: int = 50) -> None:
        super().__init__()
        hidden = 128
        self.emb = nn.Embedding(T, hidden)
        self.inp = nn.Linear(2, hidden)
        self.net = nn.Sequential(nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU(),
                                 nn.Linear(hidden, hidden), nn.SiLU(), nn.Linear(hidden, 2))

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        return self.net(self.inp(x) + self.emb(t))


def make_optimizer(model: nn.Module) -> torch.optim.Optimizer:
    return torch.optim.Adam(model.parameters(), lr=2e-3)


def train_step(model, optimizer, x0: torch.Tensor, alpha_bar: torch.Tensor) -> float:
    T = len(alpha_bar)
    t = torch.randint(0, T, (len(x0),), device=x0.device)
    noise = torch.randn_like(x0)
    x_t = q_sample(x0, t, noise, alpha_bar)
    loss = F.mse_loss(model(x_t, t), noise)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss


def p_sample_step(model, x: torch.Tensor, t: int, betas: torch.Tensor, alpha_bar: torch.Tensor,
                  noise: torch.Tensor) -> torch.Tensor:
    tt = torch.full((len(x),), t, dtype=torch.long, device=x.device)
    eps = model(x, tt)
    mean = (x - betas[t] / (1 - alpha_bar[t]).sqrt() * eps) / (1 - betas[t]).sqrt()
    if t > 0:
        return mean + betas[t].sqrt() * noise
    return mean


def sample(model, betas: torch.Tensor, n: int) -> torch.Tensor:
    alpha_bar = alpha_bars(betas)
    device = next(model.parameters()).device
    x = torch.randn(n, 2, device=device)
    with torch.no_grad():
        for t in reversed(range(len(betas))):
            x = p_sample_step(model, x, t, betas.to(device), alpha_bar.to(device), torch.randn_like(x))
    return x
