"""Reference solution: tabular Q-learning with an ε-greedy behaviour policy."""

import numpy as np


def epsilon_greedy(q_values: np.ndarray, epsilon: float, rng: np.random.Generator) -> int:
    """A random action with probability ε, else the greedy one (ties: the lowest index)."""
    if rng.random() < epsilon:
        return int(rng.integers(len(q_values)))
    return int(np.argmax(q_values))


def q_update(Q: np.ndarray, s: int, a: int, r: float, s_next: int, done: bool, alpha: float, gamma: float) -> None:
    """Move Q[s, a] a step alpha toward r + γ max_a' Q[s_next, a'] (just r when the episode ended)."""
    target = r if done else r + gamma * np.max(Q[s_next])
    Q[s, a] += alpha * (target - Q[s, a])


def q_learning(env, episodes: int, alpha: float, gamma: float, epsilon: float, rng: np.random.Generator) -> np.ndarray:
    Q = np.zeros((env.n_states, env.n_actions))
    for _ in range(episodes):
        s, done = env.reset(), False
        while not done:
            a = epsilon_greedy(Q[s], epsilon, rng)
            s_next, r, done = env.step(a)
            q_update(Q, s, a, r, s_next, done, alpha, gamma)
            s = s_next
    return Q
