# variant: TD-error form with (1 - done) mask, np.float64 table via np.zeros_like pattern, explicit bool coin
"""Tabular Q-learning (NumPy only)."""

import numpy as np


def epsilon_greedy(q_values: np.ndarray, epsilon: float, rng: np.random.Generator) -> int:
    explore = bool(rng.random() < epsilon)
    if explore:
        return int(rng.integers(0, q_values.shape[0]))
    return int(q_values.argmax())


def q_update(Q: np.ndarray, s: int, a: int, r: float, s_next: int, done: bool, alpha: float, gamma: float) -> None:
    not_done = 0.0 if done else 1.0
    td = r + gamma * not_done * Q[s_next].max() - Q[s, a]
    Q[s, a] = Q[s, a] + alpha * td


def q_learning(env, episodes: int, alpha: float, gamma: float, epsilon: float,
               rng: np.random.Generator) -> np.ndarray:
    Q = np.zeros(shape=(env.n_states, env.n_actions))
    episode = 0
    while episode < episodes:
        s, done = env.reset(), False
        while not done:
            a = epsilon_greedy(Q[s], epsilon, rng)
            s_next, r, done = env.step(a)
            q_update(Q, s, a, r, s_next, done, alpha, gamma)
            s = s_next
        episode += 1
    return Q
