"""REINFORCE, vectorised: returns-to-go by a discount matrix, a policy class, and a running-mean baseline."""

import torch
import torch.nn.functional as F
from torch import nn


class Policy(nn.Module):
    def __init__(self, obs_dim, n_actions):
        super().__init__()
        self.hidden = nn.Linear(obs_dim, 32)
        self.out = nn.Linear(32, n_actions)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


def make_policy(obs_dim, n_actions):
    return Policy(obs_dim, n_actions)


def returns_to_go(rewards, gamma):
    r = torch.as_tensor(rewards, dtype=torch.float64).reshape(-1)
    n = r.shape[0]
    idx = torch.arange(n)
    power = (idx[None, :] - idx[:, None]).double()
    discount = torch.where(power >= 0, gamma ** power.clamp(min=0), torch.zeros(()).double())
    return (discount @ r).float()


def reinforce_loss(log_probs, rewards, gamma, baseline):
    lp = torch.cat([x.reshape(-1) for x in log_probs])
    adv = torch.cat([returns_to_go(r, gamma) for r in rewards]).to(lp.device) - float(baseline)
    return -(lp * adv).sum() / len(log_probs)


def play_episode(env, policy):
    obs, _ = env.reset()
    lps, rews = [], []
    while True:
        logp = F.log_softmax(policy(torch.tensor(obs, dtype=torch.float32)[None]), dim=1)[0]
        a = int(torch.multinomial(logp.exp(), 1))
        lps.append(logp[a])
        obs, r, term, trunc, _ = env.step(a)
        rews.append(r)
        if term or trunc:
            return torch.stack(lps), torch.tensor(rews, dtype=torch.float32)


def make_optimizer(policy):
    return torch.optim.Adam(policy.parameters(), lr=2e-2)


_running = {}


def train_iteration(policy, optimizer, env, episodes, gamma):
    played = [play_episode(env, policy) for _ in range(episodes)]
    batch_mean = torch.cat([returns_to_go(r, gamma) for _, r in played]).mean().item()
    key = id(policy)
    baseline = _running.get(key, batch_mean)
    loss = reinforce_loss([lp for lp, _ in played], [r for _, r in played], gamma, baseline)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    _running[key] = 0.9 * baseline + 0.1 * batch_mean
    return [r.sum().item() for _, r in played]
