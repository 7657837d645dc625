# variant: alpha_bar via exp(cumsum(log(1-beta))), t fed as t/T beside the input (no embedding), alpha_t-form mean, AdamW
"""DDPM on 2-D points."""

import torch
import torch.nn.functional as F  # noqa: F401 - you will need it
from torch import nn


def alpha_bars(betas: torch.Tensor) -> torch.Tensor:
    return torch.exp(torch.cumsum(torch.log1p(-betas), dim=0))


def q_sample(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor, alpha_bar: torch.Tensor) -> torch.Tensor:
    a = alpha_bar.index_select(0, t).unsqueeze(-1)
    return torch.sqrt(a) * x0 + torch.sqrt(1 - a) * noise


class Denoiser(nn.Module):
    """Predicts the noise in x_t from x_t (N, 2) and the step t (N,)."""

    def __init__(self, T: int = 50) -> None:
        super().__init__()
        self.T = T
        self.net = nn.Sequential(
            nn.Linear(3, 128), nn.ReLU(),
            nn.Linear(128, 128), nn.ReLU(),
            nn.Linear(128, 128), nn.ReLU(),
            nn.Linear(128, 2),
        )

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        tf = (t.float() / (self.T - 1)).unsqueeze(1)
        return self.net(torch.cat([x, tf], dim=1))


def make_optimizer(model: nn.Module) -> torch.optim.Optimizer:
    return torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.0)


def train_step(model, optimizer, x0: torch.Tensor, alpha_bar: torch.Tensor) -> float:
    model.train()
    n = x0.shape[0]
    t = torch.randint(len(alpha_bar), (n,), device=x0.device)
    eps = torch.randn(x0.shape, device=x0.device, dtype=x0.dtype)
    pred = model(q_sample(x0, t, eps, alpha_bar.to(x0.device)), t)
    loss = ((pred - eps) ** 2).mean()
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    return float(loss.detach())


@torch.no_grad()
def p_sample_step(model, x: torch.Tensor, t: int, betas: torch.Tensor, alpha_bar: torch.Tensor,
                  noise: torch.Tensor) -> torch.Tensor:
    beta = betas[t]
    alpha = 1.0 - beta
    eps = model(x, torch.full((x.shape[0],), t, dtype=torch.long, device=x.device))
    mean = (1.0 / torch.sqrt(alpha)) * (x - ((1.0 - alpha) / torch.sqrt(1.0 - alpha_bar[t])) * eps)
    if t == 0:
        return mean
    return mean + torch.sqrt(beta) * noise


def sample(model, betas: torch.Tensor, n: int) -> torch.Tensor:
    device = betas.device
    betas = betas.to(device)
    ab = alpha_bars(betas)
    x = torch.randn(n, 2, device=device)
    for t in range(len(betas) - 1, -1, -1):
        x = p_sample_step(model, x, t, betas, ab, torch.randn_like(x))
    return x
