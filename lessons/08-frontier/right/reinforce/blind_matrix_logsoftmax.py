# variant: returns_to_go as a discount-matrix product, log_softmax+gather with torch.multinomial, one concatenated loss
import torch
import torch.nn.functional as F
from torch import nn


class Policy(nn.Module):
    def __init__(self, obs_dim, n_actions):
        super().__init__()
        self.l1 = nn.Linear(obs_dim, 32)
        self.l2 = nn.Linear(32, n_actions)

    def forward(self, x):
        return self.l2(torch.relu(self.l1(x)))


def make_policy(obs_dim, n_actions):
    return Policy(obs_dim, n_actions)


def returns_to_go(rewards, gamma):
    r = torch.as_tensor(rewards).to(torch.float64).flatten()
    T = r.shape[0]
    if T == 0:
        return torch.zeros(0, dtype=torch.float32)
    idx = torch.arange(T, dtype=torch.float64)
    expo = idx[None, :] - idx[:, None]
    M = torch.where(expo >= 0, torch.as_tensor(float(gamma), dtype=torch.float64) ** expo.clamp(min=0), torch.zeros((), dtype=torch.float64))
    return (M @ r).to(torch.float32)


def reinforce_loss(log_probs, rewards, gamma, baseline):
    lp = torch.cat([l.reshape(-1) for l in log_probs])
    adv = torch.cat([returns_to_go(r, gamma) for r in rewards]).to(lp.device, lp.dtype) - float(baseline)
    return -(lp * adv).sum() / len(log_probs)


def play_episode(env, policy):
    obs, _ = env.reset()
    lps, rs = [], []
    while True:
        x = torch.tensor(obs, dtype=torch.float32)[None]
        logp = F.log_softmax(policy(x), dim=-1)[0]
        a = torch.multinomial(logp.exp().detach(), 1).item()
        lps.append(logp[a])
        obs, r, term, trunc, _ = env.step(a)
        rs.append(r)
        if term or trunc:
            break
    return torch.stack(lps), torch.tensor(rs, dtype=torch.float32)


def make_optimizer(policy):
    return torch.optim.Adam(policy.parameters(), lr=2e-2)


def train_iteration(policy, optimizer, env, episodes, gamma):
    eps = [play_episode(env, policy) for _ in range(episodes)]
    with torch.no_grad():
        b = float(torch.cat([returns_to_go(r, gamma) for _, r in eps]).mean())
    optimizer.zero_grad(set_to_none=True)
    reinforce_loss([e[0] for e in eps], [e[1] for e in eps], gamma, b).backward()
    optimizer.step()
    return [r.sum().item() for _, r in eps]
