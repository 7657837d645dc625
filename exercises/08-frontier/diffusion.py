"""DDPM on 2-D points: the forward process in closed form, a denoiser, ancestral sampling.

The data: four Gaussian blobs at (±1.2, ±1.2). T = 50 steps (0-based, t = 0 .. 49), with
betas = torch.linspace(1e-3, 0.2, 50). Write:

    alpha_bars(betas)                    ᾱ_t = Π_{s≤t} (1 - β_s), shape (T,)
    q_sample(x0, t, noise, alpha_bar)    x_t = sqrt(ᾱ_t) x0 + sqrt(1 - ᾱ_t) noise;
                                         x0 and noise (N, 2), t (N,) long
    Denoiser()                           nn.Module: model(x_t (N, 2), t (N,) long) -> predicted noise (N, 2)
    make_optimizer(model)                -> a torch.optim optimizer
    train_step(model, optimizer, x0, alpha_bar)
                                         one step on the MSE between the predicted and the true noise,
                                         a random t per point; return the loss as a float
    p_sample_step(model, x, t, betas, alpha_bar, noise)
                                         x_{t-1} for an int t: mean + sqrt(β_t) noise, no noise at t = 0
    sample(model, betas, n)              (n, 2): start from N(0, I), reverse steps t = T-1 .. 0

The checker trains for 600 steps of 256 points and compares 2,000 samples with the data.

Run `dltutor check diffusion` (add `--device cuda` on a GPU).
"""

import torch
import torch.nn.functional as F  # noqa: F401 - you will need it
from torch import nn


def alpha_bars(betas: torch.Tensor) -> torch.Tensor:
    # TODO
    raise NotImplementedError


def q_sample(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor, alpha_bar: torch.Tensor) -> torch.Tensor:
    # TODO: mind the shapes: alpha_bar[t] is (N,), x0 is (N, 2)
    raise NotImplementedError


class Denoiser(nn.Module):
    """Predicts the noise in x_t from x_t (N, 2) and the step t (N,)."""

    def __init__(self, T: int = 50) -> None:
        super().__init__()
        # TODO: a small MLP that also reads t (an nn.Embedding(T, hidden) is one way)
        raise NotImplementedError

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        # TODO
        raise NotImplementedError


def make_optimizer(model: nn.Module) -> torch.optim.Optimizer:
    # TODO
    raise NotImplementedError


def train_step(model, optimizer, x0: torch.Tensor, alpha_bar: torch.Tensor) -> float:
    # TODO: random t and noise, q_sample, predict the noise, MSE, one optimizer step
    raise NotImplementedError


def p_sample_step(model, x: torch.Tensor, t: int, betas: torch.Tensor, alpha_bar: torch.Tensor,
                  noise: torch.Tensor) -> torch.Tensor:
    # TODO
    raise NotImplementedError


def sample(model, betas: torch.Tensor, n: int) -> torch.Tensor:
    # TODO
    raise NotImplementedError
