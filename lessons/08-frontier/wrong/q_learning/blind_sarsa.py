# expect: what SARSA learns
# mistake: SARSA target (the next action actually taken, epsilon-greedy) instead of the max over next actions
"""Tabular Q-learning (NumPy only)."""

import numpy as np


def epsilon_greedy(q_values: np.ndarray, epsilon: float, rng: np.random.Generator) -> int:
    if rng.random() < epsilon:
        return int(rng.integers(len(q_values)))
    return int(np.argmax(q_values))


def q_update(Q: np.ndarray, s: int, a: int, r: float, s_next: int, done: bool, alpha: float, gamma: float,
             a_next=None) -> None:
    if done:
        target = r
    else:
        if a_next is None:
            a_next = int(np.argmax(Q[s_next]))
        target = r + gamma * Q[s_next, a_next]
    Q[s, a] += alpha * (target - Q[s, a])


def q_learning(env, episodes: int, alpha: float, gamma: float, epsilon: float,
               rng: np.random.Generator) -> np.ndarray:
    Q = np.zeros((env.n_states, env.n_actions))
    for _ in range(episodes):
        s = env.reset()
        a = epsilon_greedy(Q[s], epsilon, rng)
        done = False
        while not done:
            s2, r, done = env.step(a)
            a2 = epsilon_greedy(Q[s2], epsilon, rng)
            q_update(Q, s, a, r, s2, done, alpha, gamma, a_next=a2)
            s, a = s2, a2
    return Q
