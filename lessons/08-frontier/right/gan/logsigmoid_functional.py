import torch
import torch.nn.functional as F
from torch import nn


def make_generator(latent_dim=2):
    return nn.Sequential(nn.Linear(latent_dim, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 2))


def make_discriminator():
    return nn.Sequential(nn.Linear(2, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 1))


def discriminator_loss(real_logits, fake_logits):
    # log(1 - sigmoid(s)) = logsigmoid(-s)
    return -(F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean())


def generator_loss(fake_logits):
    return -F.logsigmoid(fake_logits).mean()


def make_optimizers(G, D):
    opt_g = torch.optim.Adam(G.parameters(), lr=2e-3, betas=(0.5, 0.9))
    opt_d = torch.optim.Adam(D.parameters(), lr=2e-3, betas=(0.5, 0.9))
    return opt_g, opt_d


def train_step(G, D, opt_g, opt_d, real, z):
    fake = G(z)
    loss_d = discriminator_loss(D(real), D(fake.detach()))
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()

    loss_g = generator_loss(D(fake))
    opt_g.zero_grad()
    loss_g.backward()
    opt_g.step()
    return loss_d.item(), loss_g.item()
