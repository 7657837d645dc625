# variant: custom nn.Module classes, losses via softplus (log σ(s) = -softplus(-s)), fakes for D made under torch.no_grad(), G step regenerates G(z)
import torch
import torch.nn.functional as F
from torch import nn


class Generator(nn.Module):
    def __init__(self, latent_dim):
        super().__init__()
        self.l1 = nn.Linear(latent_dim, 64)
        self.l2 = nn.Linear(64, 64)
        self.out = nn.Linear(64, 2)

    def forward(self, z):
        h = F.relu(self.l1(z))
        h = F.relu(self.l2(h))
        return self.out(h)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = nn.Linear(2, 64)
        self.l2 = nn.Linear(64, 64)
        self.out = nn.Linear(64, 1)

    def forward(self, x):
        h = F.leaky_relu(self.l1(x), 0.2)
        h = F.leaky_relu(self.l2(h), 0.2)
        return self.out(h)


def make_generator(latent_dim: int = 2) -> nn.Module:
    return Generator(latent_dim)


def make_discriminator() -> nn.Module:
    return Discriminator()


def discriminator_loss(real_logits, fake_logits):
    # -log σ(r) = softplus(-r);  -log(1 - σ(f)) = softplus(f)
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()


def generator_loss(fake_logits):
    return F.softplus(-fake_logits).mean()


def make_optimizers(G, D):
    return (torch.optim.Adam(G.parameters(), lr=2e-3, betas=(0.5, 0.999)),
            torch.optim.Adam(D.parameters(), lr=2e-3, betas=(0.5, 0.999)))


def train_step(G, D, opt_g, opt_d, real, z):
    with torch.no_grad():
        fake = G(z)
    opt_d.zero_grad(set_to_none=True)
    d_loss = discriminator_loss(D(real), D(fake))
    d_loss.backward()
    opt_d.step()

    opt_g.zero_grad(set_to_none=True)
    g_loss = generator_loss(D(G(z)))
    g_loss.backward()
    opt_g.step()
    return float(d_loss.detach()), float(g_loss.detach())
