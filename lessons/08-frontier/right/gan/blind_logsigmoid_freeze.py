# variant: F.logsigmoid losses, SiLU networks, D's parameters frozen (requires_grad False) during G's step, loss values via float(.detach())
import torch
import torch.nn.functional as F
from torch import nn


def make_generator(latent_dim: int = 2) -> nn.Module:
    return nn.Sequential(nn.Linear(latent_dim, 64), nn.SiLU(), nn.Linear(64, 64), nn.SiLU(), nn.Linear(64, 2))


def make_discriminator() -> nn.Module:
    return nn.Sequential(nn.Linear(2, 64), nn.SiLU(), nn.Linear(64, 64), nn.SiLU(), nn.Linear(64, 1))


def discriminator_loss(real_logits, fake_logits):
    # log(1 - σ(f)) = log σ(-f)
    return -F.logsigmoid(real_logits).mean() - F.logsigmoid(-fake_logits).mean()


def generator_loss(fake_logits):
    return -F.logsigmoid(fake_logits).mean()


def make_optimizers(G, D):
    opt_g = torch.optim.Adam(G.parameters(), lr=1e-3, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=1e-3, betas=(0.5, 0.999))
    return opt_g, opt_d


def train_step(G, D, opt_g, opt_d, real, z):
    fake = G(z)
    for p in D.parameters():
        p.requires_grad_(True)
    opt_d.zero_grad()
    d_loss = discriminator_loss(D(real), D(fake.detach()))
    d_loss.backward()
    opt_d.step()

    for p in D.parameters():
        p.requires_grad_(False)
    opt_g.zero_grad()
    g_loss = generator_loss(D(fake))
    g_loss.backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad_(True)
    return float(d_loss.detach()), float(g_loss.detach())
