# variant: explicit loop argmax, rng.choice for exploration, blended (1-alpha)*Q + alpha*target update, while True/break
"""Tabular Q-learning (NumPy only)."""

import numpy as np


def epsilon_greedy(q_values: np.ndarray, epsilon: float, rng: np.random.Generator) -> int:
    n = len(q_values)
    if rng.random() < epsilon:
        return int(rng.choice(n))
    best = 0
    for i in range(1, n):
        if q_values[i] > q_values[best]:
            best = i
    return best


def q_update(Q: np.ndarray, s: int, a: int, r: float, s_next: int, done: bool, alpha: float, gamma: float) -> None:
    future = 0.0 if done else float(np.max(Q[s_next]))
    Q[s, a] = (1.0 - alpha) * Q[s, a] + alpha * (r + gamma * future)


def q_learning(env, episodes: int, alpha: float, gamma: float, epsilon: float,
               rng: np.random.Generator) -> np.ndarray:
    Q = np.zeros((env.n_states, env.n_actions), dtype=np.float64)
    for _ in range(episodes):
        state = env.reset()
        while True:
            action = epsilon_greedy(Q[state], epsilon, rng)
            nxt, reward, done = env.step(action)
            q_update(Q, state, action, reward, nxt, done, alpha, gamma)
            if done:
                break
            state = nxt
    return Q
