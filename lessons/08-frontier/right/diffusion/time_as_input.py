"""t / T concatenated to the input; gather-based indexing; AdamW."""

import torch
from torch import nn

T = 50


def alpha_bars(betas):
    alphas = 1 - betas
    out = torch.empty_like(betas)
    running = torch.ones((), dtype=betas.dtype, device=betas.device)
    for i in range(len(betas)):
        running = running * alphas[i]
        out[i] = running
    return out


def q_sample(x0, t, noise, alpha_bar):
    ab = alpha_bar.gather(0, t).view(-1, 1)
    return torch.sqrt(ab) * x0 + torch.sqrt(1 - ab) * noise


class Denoiser(nn.Module):
    def __init__(self, T=50):
        super().__init__()
        self.T = T
        self.mlp = nn.Sequential(nn.Linear(3, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(),
                                 nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 2))

    def forward(self, x, t):
        return self.mlp(torch.cat([x, (t.float() / self.T).unsqueeze(1)], dim=1))


def make_optimizer(model):
    return torch.optim.AdamW(model.parameters(), lr=2e-3)


def train_step(model, optimizer, x0, alpha_bar):
    t = torch.randint(len(alpha_bar), (x0.shape[0],), device=x0.device)
    eps = torch.randn_like(x0)
    loss = ((model(q_sample(x0, t, eps, alpha_bar), t) - eps) ** 2).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return float(loss)


def p_sample_step(model, x, t, betas, alpha_bar, noise):
    with torch.no_grad():
        tt = torch.full((x.shape[0],), t, dtype=torch.long, device=x.device)
        eps = model(x, tt)
        alpha = 1 - betas[t]
        x_prev = (x - (1 - alpha) / torch.sqrt(1 - alpha_bar[t]) * eps) / torch.sqrt(alpha)
        sigma = torch.sqrt(betas[t]) if t > 0 else torch.zeros(())
        return x_prev + sigma * noise


def sample(model, betas, n):
    ab = alpha_bars(betas)
    x = torch.randn(n, 2, device=betas.device)
    t = len(betas) - 1
    while t >= 0:
        x = p_sample_step(model, x, t, betas, ab, torch.randn(n, 2, device=betas.device))
        t -= 1
    return x
