# expect: D ends in a sigmoid
"""Reference solution: a GAN on a ring of 8 Gaussians, with the non-saturating generator loss."""

import torch
import torch.nn.functional as F
from torch import nn


def make_generator(latent_dim: int = 2) -> nn.Module:
    """Noise (N, latent_dim) -> points (N, 2)."""
    return nn.Sequential(
        nn.Linear(latent_dim, 64), nn.ReLU(),
        nn.Linear(64, 64), nn.ReLU(),
        nn.Linear(64, 2),
    )


def make_discriminator() -> nn.Module:
    """Points (N, 2) -> one logit each, (N, 1): large means "real"."""
    return nn.Sequential(
        nn.Linear(2, 64), nn.LeakyReLU(0.2),
        nn.Linear(64, 64), nn.LeakyReLU(0.2),
        nn.Linear(64, 1), nn.Sigmoid(),
    )


def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """Binary cross-entropy: real points labelled 1, generated points labelled 0."""
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake


def generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    """Non-saturating: maximise log D(G(z)), i.e. label the fakes 1 for the generator's loss."""
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


def make_optimizers(G: nn.Module, D: nn.Module) -> tuple[torch.optim.Optimizer, torch.optim.Optimizer]:
    # beta1 = 0.5: the usual GAN choice; a long momentum memory chases a moving target badly.
    opt_g = torch.optim.Adam(G.parameters(), lr=2e-3, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=2e-3, betas=(0.5, 0.999))
    return opt_g, opt_d


def train_step(G, D, opt_g, opt_d, real: torch.Tensor, z: torch.Tensor) -> tuple[float, float]:
    """One discriminator step, then one generator step. Returns (d_loss, g_loss)."""
    fake = G(z)

    # The discriminator learns on a detached copy: its step must not touch G.
    opt_d.zero_grad()
    d_loss = discriminator_loss(D(real), D(fake.detach()))
    d_loss.backward()
    opt_d.step()

    # The generator is judged by the discriminator that just improved.
    opt_g.zero_grad()
    g_loss = generator_loss(D(fake))
    g_loss.backward()
    opt_g.step()
    return d_loss.item(), g_loss.item()
