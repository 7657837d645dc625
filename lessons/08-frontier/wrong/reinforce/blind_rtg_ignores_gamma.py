# expect: not discounted
# mistake: returns_to_go ignores gamma (undiscounted sum of future rewards)
import torch
from torch import nn


def make_policy(obs_dim, n_actions):
    return nn.Sequential(nn.Linear(obs_dim, 32), nn.Tanh(), nn.Linear(32, n_actions))


def returns_to_go(rewards, gamma):
    rewards = torch.as_tensor(rewards, dtype=torch.float32)
    out = torch.zeros(len(rewards), dtype=torch.float32)
    running = 0.0
    for t in reversed(range(len(rewards))):
        running = float(rewards[t]) + running
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
    played = [play_episode(env, policy) for _ in range(episodes)]
    baseline = torch.cat([returns_to_go(r, gamma) for _, r in played]).mean().item()
    loss = reinforce_loss([lp for lp, _ in played], [r for _, r in played], gamma, baseline)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return [float(r.sum()) for _, r in played]
