# expect: D ends in a sigmoid
# mistake: DCGAN-tutorial habit: discriminator ends in nn.Sigmoid, so it returns probabilities, not logits (then BCE-with-logits squashes twice)
import torch
import torch.nn.functional as F
from torch import nn


def make_generator(latent_dim: int = 2) -> nn.Module:
    return nn.Sequential(nn.Linear(latent_dim, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 2))


def make_discriminator() -> nn.Module:
    return nn.Sequential(nn.Linear(2, 64), nn.LeakyReLU(0.2), nn.Linear(64, 64), nn.LeakyReLU(0.2), nn.Linear(64, 1), nn.Sigmoid())



def discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))


def generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


def make_optimizers(G, D):
    opt_g = torch.optim.Adam(G.parameters(), lr=2e-3, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=2e-3, betas=(0.5, 0.999))
    return opt_g, opt_d


def train_step(G, D, opt_g, opt_d, real, z):
    fake = G(z)
    opt_d.zero_grad()
    d = discriminator_loss(D(real), D(fake.detach()))
    d.backward()
    opt_d.step()
    opt_g.zero_grad()
    g = generator_loss(D(fake))
    g.backward()
    opt_g.step()
    return d.item(), g.item()
