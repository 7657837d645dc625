"""Learning from reward: an ε-greedy agent for a multi-armed bandit.

A bandit has k arms; pulling arm a pays a noisy reward whose mean you do not
know. The agent keeps an estimate q[a] of each arm's mean and a count n[a].

update_estimate(q, n, reward)  the new estimate for one arm after its n-th reward
                               (n counts this pull); keep it a running *mean* without
                               storing old rewards: q + (reward - q) / n
choose_arm(q, epsilon, rng)    with probability epsilon explore: any of the k arms uniformly
                               at random (the greedy one included); otherwise exploit:
                               the arm with the largest estimate, np.argmax(q). Return an int.

Draw all randomness from `rng`. The check then lets your agent play a
seeded 10-armed bandit for 3000 pulls.

Run `dltutor check epsilon_greedy_bandit` to test your implementation.
"""

import numpy as np


def update_estimate(q: float, n: int, reward: float) -> float:
    """The running mean after the n-th reward: q + (reward - q) / n."""
    # TODO
    raise NotImplementedError


def choose_arm(q: np.ndarray, epsilon: float, rng: np.random.Generator) -> int:
    """With probability epsilon any arm uniformly at random, else argmax(q)."""
    # TODO: one rng.random() draw decides explore vs exploit.
    raise NotImplementedError
