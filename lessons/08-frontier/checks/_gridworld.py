"""The gridworld of the q_learning exercise, and its exact solution by value iteration.

Deterministic moves (up, right, down, left); walls and the border leave the agent where it
is; every move costs -1; the goal pays +10 and a pit -10, and both end the episode.
"""

from __future__ import annotations

import numpy as np

LAYOUT = (
    "S.....",
    ".##.X.",
    "..#...",
    ".X..#.",
    ".....G",
)
MOVES = ((-1, 0), (0, 1), (1, 0), (0, -1))  # up, right, down, left
ARROWS = "^>v<"
STEP, GOAL, PIT = -1.0, 10.0, -10.0
LOG_LIMIT = 200_000  # transitions kept for replay (the reference takes ~18,000 in 3,000 episodes)


class GridWorld:
    """reset() -> state; step(action) -> (next_state, reward, done). States are row * width + col.

    Episodes start in a random non-terminal cell ("exploring starts"), so every state gets visited.
    """

    def __init__(self, layout=LAYOUT, seed=0):
        self.layout = layout
        self.height, self.width = len(layout), len(layout[0])
        self.n_states, self.n_actions = self.height * self.width, 4
        self.start = next(r * self.width + c for r, row in enumerate(layout) for c, ch in enumerate(row) if ch == "S")
        self.state = self.start
        self.steps_taken = 0
        self.episodes = 0
        self._rng = np.random.default_rng(seed)
        # Every transition handed out, so a checker can replay them through candidate update rules:
        # (episode, the episode's start state, state, action, reward, next_state, done).
        self.log: list[tuple[int, int, int, int, float, int, bool]] = []
        self._episode_start = self.start

    def cell(self, state):
        return self.layout[state // self.width][state % self.width]

    def transition(self, state, action):
        r, c = divmod(state, self.width)
        dr, dc = MOVES[action]
        nr, nc = r + dr, c + dc
        if 0 <= nr < self.height and 0 <= nc < self.width and self.layout[nr][nc] != "#":
            state = nr * self.width + nc
        kind = self.cell(state)
        reward = GOAL if kind == "G" else PIT if kind == "X" else STEP
        return state, reward, kind in "GX"

    def reset(self):
        self.episodes += 1
        choices = self.decision_states()
        self.state = choices[int(self._rng.integers(len(choices)))]
        self._episode_start = self.state
        return self.state

    def step(self, action):
        action = int(action)
        if not 0 <= action < self.n_actions:
            raise ValueError(f"action must be 0..3 (up, right, down, left), got {action}")
        self.steps_taken += 1
        before = self.state
        self.state, reward, done = self.transition(self.state, action)
        if len(self.log) < LOG_LIMIT:
            self.log.append((self.episodes, self._episode_start, before, action, reward, self.state, done))
        return self.state, reward, done

    def decision_states(self):
        """States where the agent chooses: not walls, not terminal."""
        return [s for s in range(self.n_states) if self.cell(s) in "S."]


def optimal_q(env: GridWorld, gamma: float, sweeps: int = 500) -> np.ndarray:
    """Q* by value iteration on the known model."""
    q = np.zeros((env.n_states, env.n_actions))
    for _ in range(sweeps):
        v = q.max(axis=1)
        new = np.zeros_like(q)
        for s in env.decision_states():
            for a in range(env.n_actions):
                s2, r, done = env.transition(s, a)
                new[s, a] = r + (0.0 if done else gamma * v[s2])
        if np.abs(new - q).max() < 1e-12:
            return new
        q = new
    return q


def policy_map(env: GridWorld, actions: dict[int, str]) -> str:
    """The grid with one character per state: an arrow where given, else the layout's character."""
    rows = []
    for r in range(env.height):
        rows.append(" ".join(actions.get(r * env.width + c, env.layout[r][c]) for c in range(env.width)))
    return "\n".join(rows)
