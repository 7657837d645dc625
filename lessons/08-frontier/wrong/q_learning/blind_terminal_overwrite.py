# expect: the learning rate is missing
# mistake: at a terminal transition Q[s,a] is set to r outright (no alpha step)
"""Tabular Q-learning (NumPy only)."""

import numpy as np


def epsilon_greedy(q_values: np.ndarray, epsilon: float, rng: np.random.Generator) -> int:
    if rng.random() < epsilon:
        return int(rng.integers(len(q_values)))
    return int(np.argmax(q_values))


def q_update(Q: np.ndarray, s: int, a: int, r: float, s_next: int, done: bool, alpha: float, gamma: float) -> None:
    if done:
        Q[s, a] = r
        return
    target = r + gamma * Q[s_next].max()
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
