"""Tabular Q-learning on a gridworld (NumPy only).

The checker's gridworld (5 × 6 cells, walls, two pits, one goal; moves are deterministic; each move
costs -1, the goal pays +10, a pit -10, and both end the episode; episodes start in a random cell):

    env.reset()    -> the start state (an int)
    env.step(a)    -> (next_state, reward, done);  a in 0..3 = up, right, down, left
    env.n_states, env.n_actions

Write:

    epsilon_greedy(q_values, epsilon, rng)  -> an int: with probability epsilon a uniformly random action,
                                               else the argmax of q_values (rng: a np.random.Generator)
    q_update(Q, s, a, r, s_next, done, alpha, gamma)
                                            -> None: move Q[s, a] in place a step alpha toward the target
                                               r + gamma * max(Q[s_next]), or r alone when done
                                               (returning an updated copy also works if q_learning keeps it)
    q_learning(env, episodes, alpha, gamma, epsilon, rng)
                                            -> the table Q, shape (n_states, n_actions), from zeros

The checker runs 3,000 episodes with alpha 0.5, gamma 0.95, epsilon 0.3 and compares your greedy policy
with value iteration's: it must be optimal in every state.

Run `dltutor check q_learning`.
"""

import numpy as np


def epsilon_greedy(q_values: np.ndarray, epsilon: float, rng: np.random.Generator) -> int:
    # TODO
    raise NotImplementedError


def q_update(Q: np.ndarray, s: int, a: int, r: float, s_next: int, done: bool, alpha: float, gamma: float) -> None:
    # TODO
    raise NotImplementedError


def q_learning(env, episodes: int, alpha: float, gamma: float, epsilon: float,
               rng: np.random.Generator) -> np.ndarray:
    # TODO: for each episode: reset, then act, step, update until done
    raise NotImplementedError
