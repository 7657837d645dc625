# expect: upper bound is exclusive
# mistake: random action drawn with rng.integers(n-1): off by one, the last action is never explored
"""Tabular Q-learning (NumPy only)."""

import numpy as np


def epsilon_greedy(q_values: np.ndarray, epsilon: float, rng: np.random.Generator) -> int:
    if rng.random() < epsilon:
        return int(rng.integers(len(q_values) - 1))
    return int(np.argmax(q_values))


def q_update(Q: np.ndarray, s: int, a: int, r: float, s_next: int, done: bool, alpha: float, gamma: float) -> None:
    target = r if done else r + gamma * Q[s_next].max()
    Q[s, a] += alpha * (target - Q[s, a])


def q_learning(env, episodes: int, alpha: float, gamma: float, epsilon: float,
               rng: np.random.Generator) -> np.ndarray:
    Q = np.zeros((env.n_states, env.n_actions))
    for _ in range(episodes):
        s = env.reset()
        done = False
        while not done:
            a = epsilon_greedy(Q[s], epsilon, rng)
            s2, r, done = env.step(a)
            q_update(Q, s, a, r, s2, done, alpha, gamma)
            s = s2
    return Q
