# expect: ONE update per iteration
# mistake: train_iteration takes one optimizer step per episode (8 updates) instead of one update per iteration, baseline 0
import torch
from torch import nn


def make_policy(obs_dim, n_actions):
    return nn.Sequential(nn.Linear(obs_dim, 32), nn.Tanh(), nn.Linear(32, n_actions))


def returns_to_go(rewards, gamma):
    rewards = torch.as_tensor(rewards, dtype=torch.float32)
    out = torch.zeros(len(rewards), dtype=torch.float32)
    running = 0.0
    for t in reversed(range(len(rewards))):
        running = float(rewards[t]) + gamma * running
        out[t] = running
    return out


def reinforce_loss(log_probs, rewards, gamma, baseline):
    total = 0.0
    for lp, r in zip(log_probs, rewards):
        G = returns_to_go(r, gamma).to(lp.device)
        total = total + (lp * (G - baseline)).sum()
    return -total / len(log_probs)


def play_episode(env, policy):
    obs, info = env.reset()
    lps, rs = [], []
    done = False
    while not done:
        logits = policy(torch.as_tensor(obs, dtype=torch.float32).unsqueeze(0)).squeeze(0)
        dist = torch.distributions.Categorical(logits=logits)
        a = dist.sample()
        lps.append(dist.log_prob(a))
        obs, r, terminated, truncated, info = env.step(int(a.item()))
        rs.append(float(r))
        done = terminated or truncated
    return torch.stack(lps), torch.tensor(rs, dtype=torch.float32)


def make_optimizer(policy):
    return torch.optim.Adam(policy.parameters(), lr=0.02)


def train_iteration(policy, optimizer, env, episodes, gamma):
    played = []
    for _ in range(episodes):
        lp, r = play_episode(env, policy)
        loss = reinforce_loss([lp], [r], gamma, 0.0)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        played.append((lp, r))
    return [float(r.sum()) for _, r in played]
