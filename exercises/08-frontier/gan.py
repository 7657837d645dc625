"""A GAN on a ring of 8 Gaussians.

The data: 8 Gaussian blobs (std 0.1) on a circle of radius 2. The generator turns 2-D noise into
points; the discriminator gives each point a logit (large = "real"). Write:

    make_generator(latent_dim)       an nn.Module: (N, latent_dim) -> (N, 2)
    make_discriminator()             an nn.Module: (N, 2) -> (N, 1) logits
    discriminator_loss(real_logits, fake_logits)
                                     mean BCE with real labelled 1 and fake labelled 0, the two
                                     terms summed (or averaged: a ½ only rescales D's step); a
                                     0-d tensor, finite for logits of ±300
    generator_loss(fake_logits)      the NON-saturating loss, -mean log σ(fake_logits)
    make_optimizers(G, D)            -> (opt_g, opt_d), each over its own network's parameters only
    train_step(G, D, opt_g, opt_d, real, z)
                                     one discriminator step (fakes G(z) must not pass gradients
                                     into G), then one generator step; return (d_loss, g_loss)
                                     as floats

The checker trains for 600 steps with batches of 256 real points and 256 noise vectors, then
draws 2,000 samples: at least 6 of the 8 modes must get their share. Keep the networks small
(two hidden layers of 64 units are plenty).

Run `dltutor check gan` (add `--device cuda` on a GPU).
"""

import torch
import torch.nn.functional as F  # noqa: F401 - you will need it
from torch import nn


def make_generator(latent_dim: int = 2) -> nn.Module:
    # TODO: a small MLP from latent_dim to 2
    raise NotImplementedError


def make_discriminator() -> nn.Module:
    # TODO: a small MLP from 2 to 1 (a logit: no sigmoid at the end)
    raise NotImplementedError


def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    # TODO: real points are labelled 1, generated ones 0; work on logits
    raise NotImplementedError


def generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    # TODO: the non-saturating loss
    raise NotImplementedError


def make_optimizers(G: nn.Module, D: nn.Module) -> tuple[torch.optim.Optimizer, torch.optim.Optimizer]:
    # TODO
    raise NotImplementedError


def train_step(G, D, opt_g, opt_d, real: torch.Tensor, z: torch.Tensor) -> tuple[float, float]:
    """One D step then one G step on the batch `real` (N, 2) and the noise `z` (N, latent_dim)."""
    # TODO
    raise NotImplementedError
