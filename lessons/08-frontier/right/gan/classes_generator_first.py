"""Classes, BCEWithLogitsLoss modules, an averaged D loss, and the generator's step first."""

import torch
from torch import nn

bce = nn.BCEWithLogitsLoss()


class Generator(nn.Module):
    def __init__(self, latent_dim):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(latent_dim, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(),
                                  nn.Linear(64, 2))

    def forward(self, z):
        return self.body(z) * 2.5


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Sequential(nn.Linear(2, 64), nn.LeakyReLU(0.2), nn.Linear(64, 64), nn.LeakyReLU(0.2))
        self.out = nn.Linear(64, 1)

    def forward(self, x):
        return self.out(self.hidden(x))


def make_generator(latent_dim=2):
    return Generator(latent_dim)


def make_discriminator():
    return Discriminator()


def discriminator_loss(real_logits, fake_logits):
    return 0.5 * (bce(real_logits, torch.ones_like(real_logits)) + bce(fake_logits, torch.zeros_like(fake_logits)))


def generator_loss(fake_logits):
    return bce(fake_logits, torch.ones_like(fake_logits))


def make_optimizers(G, D):
    return (torch.optim.Adam(G.parameters(), lr=2e-3, betas=(0.5, 0.999)),
            torch.optim.Adam(D.parameters(), lr=4e-3, betas=(0.5, 0.999)))


def train_step(G, D, opt_g, opt_d, real, z):
    opt_g.zero_grad(set_to_none=True)
    g_loss = generator_loss(D(G(z)))
    g_loss.backward()
    opt_g.step()

    opt_d.zero_grad(set_to_none=True)
    with torch.no_grad():
        fake = G(z)
    d_loss = discriminator_loss(D(real), D(fake))
    d_loss.backward()
    opt_d.step()
    return float(d_loss), float(g_loss)
