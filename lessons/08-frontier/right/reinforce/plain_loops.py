"""REINFORCE with plain Python loops and lists; the baseline is the mean episode return of the batch."""

import torch
from torch import nn


def make_policy(obs_dim, n_actions):
    return nn.Sequential(nn.Linear(obs_dim, 64), nn.Tanh(), nn.Linear(64, n_actions))


def returns_to_go(rewards, gamma):
    values = [float(x) for x in rewards]
    out = []
    g = 0.0
    for r in values[::-1]:
        g = r + gamma * g
        out.append(g)
    out.reverse()
    return torch.tensor(out, dtype=torch.float32)


def reinforce_loss(log_probs, rewards, gamma, baseline):
    per_episode = []
    for lp, r in zip(log_probs, rewards, strict=True):
        g = returns_to_go(r, gamma)
        per_episode.append(-(lp * (g - baseline)).sum())
    return torch.stack(per_episode).mean()


def play_episode(env, policy):
    obs, info = env.reset()
    log_probs, rewards = [], []
    done = False
    while not done:
        probs = torch.softmax(policy(torch.as_tensor(obs, dtype=torch.float32)), dim=-1)
        dist = torch.distributions.Categorical(probs=probs)
        action = dist.sample()
        log_probs.append(dist.log_prob(action))
        obs, reward, terminated, truncated, info = env.step(action.item())
        rewards.append(reward)
        done = terminated or truncated
    return torch.stack(log_probs), torch.tensor(rewards, dtype=torch.float32)


def make_optimizer(policy):
    return torch.optim.Adam(policy.parameters(), lr=1e-2)


def train_iteration(policy, optimizer, env, episodes, gamma):
    log_probs, rewards = [], []
    for _ in range(episodes):
        lp, r = play_episode(env, policy)
        log_probs.append(lp)
        rewards.append(r)
    baseline = sum(float(returns_to_go(r, gamma)[0]) for r in rewards) / episodes / 2
    optimizer.zero_grad()
    loss = reinforce_loss(log_probs, rewards, gamma, baseline)
    loss.backward()
    optimizer.step()
    return [float(r.sum()) for r in rewards]
