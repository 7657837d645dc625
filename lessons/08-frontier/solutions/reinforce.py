"""Reference solution: REINFORCE with a constant baseline, on CartPole."""

import torch
from torch import nn


def make_policy(obs_dim, n_actions):
    """A small policy network: observations (N, obs_dim) -> action logits (N, n_actions)."""
    return nn.Sequential(nn.Linear(obs_dim, 32), nn.Tanh(), nn.Linear(32, n_actions))


def returns_to_go(rewards, gamma):
    """G_t = r_t + γ r_{t+1} + γ² r_{t+2} + ... for every step t of one episode."""
    out = torch.zeros(len(rewards), dtype=torch.float32)
    running = 0.0
    for i in reversed(range(len(rewards))):
        running = float(rewards[i]) + gamma * running
        out[i] = running
    return out


def reinforce_loss(log_probs, rewards, gamma, baseline):
    """-(1/N) Σ_episodes Σ_t log π(a_t | s_t) (G_t - baseline); its gradient estimates -∇J."""
    total = 0.0
    for lp, r in zip(log_probs, rewards, strict=True):
        advantage = returns_to_go(r, gamma).to(lp.device) - baseline
        total = total + (lp * advantage).sum()
    return -total / len(log_probs)


def play_episode(env, policy):
    """One episode with actions sampled from the policy: (log-probs (T,), rewards (T,) float32)."""
    device = next(policy.parameters()).device
    obs, _ = env.reset()
    log_probs, rewards, done = [], [], False
    while not done:
        logits = policy(torch.as_tensor(obs, dtype=torch.float32, device=device))
        dist = torch.distributions.Categorical(logits=logits)
        action = dist.sample()
        log_probs.append(dist.log_prob(action))
        obs, reward, terminated, truncated, _ = env.step(action.item())
        rewards.append(float(reward))
        done = terminated or truncated
    return torch.stack(log_probs), torch.tensor(rewards, dtype=torch.float32)


def make_optimizer(policy):
    return torch.optim.Adam(policy.parameters(), lr=2e-2)


def train_iteration(policy, optimizer, env, episodes, gamma):
    """Play `episodes` episodes, take one gradient step; return each episode's total reward."""
    played = [play_episode(env, policy) for _ in range(episodes)]
    log_probs = [lp for lp, _ in played]
    rewards = [r for _, r in played]
    # The baseline: the average reward-to-go of this batch, a plain number (no gradient through it).
    baseline = torch.cat([returns_to_go(r, gamma) for r in rewards]).mean().item()
    loss = reinforce_loss(log_probs, rewards, gamma, baseline)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return [float(r.sum()) for r in rewards]
