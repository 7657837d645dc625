"""REINFORCE with a baseline, on gymnasium's CartPole-v1.

returns_to_go(rewards, gamma) -> float32 (T,), G_t = r_t + γ G_{t+1}
reinforce_loss(log_probs, rewards, gamma, baseline) -> scalar tensor
    -(1/N) Σ over the N episodes Σ_t log π(a_t|s_t) · (G_t - baseline)   (no γ^t factor)
make_policy(obs_dim, n_actions) -> nn.Module, (N, obs_dim) -> logits (N, n_actions)
play_episode(env, policy) -> (log_probs (T,), rewards (T,)), actions SAMPLED from π
make_optimizer(policy) -> a torch optimizer
train_iteration(policy, optimizer, env, episodes, gamma) -> list of each episode's total reward

env follows gymnasium: obs, info = env.reset(); obs, reward, terminated, truncated, info = env.step(int_action).
"""

import torch
from torch import nn


def make_policy(obs_dim, n_actions):
    # TODO: a small network from observations to action logits (a hidden layer of ~32 units is plenty)
    raise NotImplementedError


def returns_to_go(rewards, gamma):
    # TODO: the discounted reward from each step to the end of the episode
    raise NotImplementedError


def reinforce_loss(log_probs, rewards, gamma, baseline):
    # TODO: weight each log-probability by its reward-to-go minus the baseline; mean over EPISODES; minus sign
    raise NotImplementedError


def play_episode(env, policy):
    # TODO: reset, then sample actions from the policy's logits until terminated or truncated
    raise NotImplementedError


def make_optimizer(policy):
    # TODO: e.g. Adam with a fairly large learning rate (the batches are small and noisy)
    raise NotImplementedError


def train_iteration(policy, optimizer, env, episodes, gamma):
    # TODO: play `episodes` episodes, choose a baseline, take one gradient step, return the episodes' totals
    raise NotImplementedError
