"""Checker: tabular Q-learning on a small deterministic gridworld, judged against value iteration.

1. epsilon_greedy: greedy at ε = 0, uniform at ε = 1, the right mix at ε = 0.2;
2. q_update: one update against the formula, naming a bootstrap from a terminal state, SARSA's
   Q[s', a] or a mean instead of the max, a missing learning rate or discount;
3. q_learning for 3,000 episodes: in every state where the agent chooses, the greedy action
   must be optimal — Q*(s, argmax Q(s)) = V*(s), with Q* from value iteration (ties allowed).
"""

import numpy as np
from _gridworld import ARROWS, GridWorld, optimal_q, policy_map

from tutor.checks import Checker

GAMMA, ALPHA, EPSILON, EPISODES = 0.95, 0.5, 0.3, 3000
# The reference is optimal in every state on seeds 0-11 (and 1234, 31337), in ~0.3 s.


def check_epsilon_greedy(t, epsilon_greedy):
    row = np.array([0.1, 2.0, -1.0, 0.5])
    draws = 4000

    def freq(eps, seed):
        rng = np.random.default_rng(seed)
        picks = [t.call(epsilon_greedy, row.copy(), eps, rng) for _ in range(draws)]
        for p in picks:
            if isinstance(p, np.integer) and 0 <= int(p) < 4:
                t.fail(
                    "epsilon_greedy returns an int",
                    "value",
                    f"epsilon_greedy returned a NumPy {type(p).__name__} ({p!r}); the task asks for a Python int "
                    "— np.argmax and rng.integers give NumPy integers: wrap them, int(np.argmax(q_values)).",
                )
            if isinstance(p, bool) or not isinstance(p, int) or not 0 <= p < 4:
                t.fail(
                    "epsilon_greedy returns an action",
                    "value",
                    f"epsilon_greedy returned {p!r}; return an int action index 0..3.",
                )
        return np.bincount(np.array(picks, dtype=int), minlength=4) / draws

    greedy = freq(0.0, t.seed)
    t.expect(
        "epsilon_greedy with ε = 0 is greedy",
        greedy[1] == 1.0,
        f"with ε = 0 the action with the largest Q (index 1) should always be chosen; got frequencies "
        f"{greedy.round(3).tolist()}"
        + (
            " — you take argmin, not argmax."
            if greedy[2] == 1.0
            else " — exploring with probability 1 - ε instead of ε?"
            if greedy[1] < 0.5
            else "."
        ),
    )
    uniform = freq(1.0, t.seed + 1)
    never = uniform < 0.01
    t.expect(
        "epsilon_greedy with ε = 1 explores uniformly",
        np.all(np.abs(uniform - 0.25) < 0.04),
        f"with ε = 1 every action should come up about 25% of the time; got {uniform.round(3).tolist()}"
        + (
            " — the random branch never picks the greedy action (index 1): a random action is drawn uniformly "
            "from ALL actions, the greedy one included (rng.integers(len(q_values)))."
            if never[1] and never.sum() == 1
            else " — the random branch never picks some actions: rng.integers(n) draws 0..n-1 (its upper bound is "
            "exclusive)."
            if never.any()
            else "."
        ),
    )
    mixed = freq(0.2, t.seed + 2)
    # 0.85 when the random branch may also pick the greedy action; 0.80 when it picks among the others.
    t.expect(
        "epsilon_greedy with ε = 0.2",
        0.77 <= mixed[1] <= 0.88,
        f"with ε = 0.2 the greedy action should come up about 85% of the time (80% + a quarter of the "
        f"random 20%); got {mixed[1]:.3f}" + (" — you explore with probability 1 - ε." if mixed[1] < 0.5 else "."),
    )


def check_q_update(t, q_update):
    rng = np.random.default_rng(t.seed)
    Q = rng.normal(size=(6, 4))
    Q[4] = [0.3, -0.2, 1.7, -0.9]  # next state: its max, mean, min and Q[s', a] all differ
    s, a, r, s2, alpha, gamma = 2, 1, -1.0, 4, 0.3, 0.9
    cases = [("a non-terminal step", False), ("the last step of an episode (done=True)", True)]
    for label, done in cases:
        got = Q.copy()
        out = t.call(q_update, got, s, a, r, s2, done, alpha, gamma)
        if out is not None and isinstance(out, np.ndarray) and out.shape == Q.shape and np.array_equal(got, Q):
            got = out  # returned a new table instead of updating in place: accept
        target = r if done else r + gamma * Q[s2].max()
        want = Q.copy()
        want[s, a] += alpha * (target - Q[s, a])

        def variant(new_value):
            w = Q.copy()
            w[s, a] = new_value
            return w

        mistakes = {
            "you bootstrapped from the terminal state: when done is True the target is just r (nothing comes "
            "after the episode ends).": variant(Q[s, a] + alpha * (r + gamma * Q[s2].max() - Q[s, a])),
            "the target used Q[s_next, a] (the same action again) — Q-learning bootstraps from the BEST next "
            "action: max over a' of Q[s_next, a'].": variant(
                Q[s, a] + alpha * (r + (0 if done else gamma * Q[s2, a]) - Q[s, a])
            ),
            "the target used the mean of Q[s_next]; Q-learning takes the max.": variant(
                Q[s, a] + alpha * (r + (0 if done else gamma * Q[s2].mean()) - Q[s, a])
            ),
            "the learning rate is missing: Q[s, a] += alpha * (target - Q[s, a]), not Q[s, a] = target.": variant(
                target
            ),
            "the discount γ is missing from the target r + γ max Q[s_next].": variant(
                Q[s, a] + alpha * (r + (0 if done else Q[s2].max()) - Q[s, a])
            ),
            "the update moves away from the target: Q[s, a] += alpha * (target - Q[s, a]).": variant(
                Q[s, a] - alpha * (target - Q[s, a])
            ),
            "the target used the min over next actions; Q-learning takes the max.": variant(
                Q[s, a] + alpha * (r + (0 if done else gamma * Q[s2].min()) - Q[s, a])
            ),
            "the discount multiplies the reward too: the target is r + γ max Q[s_next], not γ (r + max Q[s_next]) "
            "— the reward arrives now, only the future is discounted.": variant(
                Q[s, a] + alpha * ((r if done else gamma * (r + Q[s2].max())) - Q[s, a])
            ),
            "the target bootstrapped from max Q[s], the CURRENT state; it looks one step ahead: "
            "r + γ max Q[s_next].": variant(Q[s, a] + alpha * (r + (0 if done else gamma * Q[s].max()) - Q[s, a])),
            "the TD error lost its - Q[s, a]: the update is Q[s, a] += alpha * (target - Q[s, a]), not "
            "Q[s, a] += alpha * target.": variant(Q[s, a] + alpha * target),
        }
        if done:
            mistakes = {k: v for k, v in mistakes.items() if not np.allclose(v, want)}
        t.expect_array(f"q_update: the table after {label}", got, shape=Q.shape)
        t.expect_close(f"q_update on {label}", got, want, rtol=1e-9, atol=1e-12, mistakes=mistakes)


def replay(log, shape, rule):
    """The table that `rule` builds from zeros out of exactly the transitions the environment handed out."""
    Q = np.zeros(shape)
    for i, (episode, start, s, a, r, s2, done) in enumerate(log):
        if rule == "sarsa":
            nxt = log[i + 1] if i + 1 < len(log) and log[i + 1][0] == episode else None
            future = 0.0 if done or nxt is None else Q[s2, nxt[3]]
        else:
            future = 0.0 if done else Q[s2].max()
        if rule == "start_state":
            s = start
        Q[s, a] += ALPHA * (r + GAMMA * future - Q[s, a])
    return Q


REPLAY_MISTAKES = {
    "sarsa": "Your table is what SARSA learns: the target used Q[s_next, a_next] for the action actually taken "
    "next (ε-greedy), which values the exploring policy and so shies away from the pits. Q-learning is "
    "off-policy: the target is r + γ max over a' of Q[s_next, a'], whatever action comes next.",
    "start_state": "Every update of an episode went to the episode's first state: after env.step(a), set "
    "s = s_next, so the next action is chosen — and the next update made — in the state the agent is in.",
}


def diagnose_by_replay(env, Q, states):
    """Name the mistake whose replay of the logged transitions reproduces the learner's table, if one does."""
    if not env.log or len(env.log) != env.steps_taken:
        return None  # the log was cut short: no exact replay
    for rule, message in REPLAY_MISTAKES.items():
        if np.allclose(Q[states], replay(env.log, Q.shape, rule)[states], rtol=1e-6, atol=1e-8):
            return message
    return None


def check(t: Checker) -> None:
    epsilon_greedy, q_update, q_learning = (t.function(n) for n in ("epsilon_greedy", "q_update", "q_learning"))
    with t.part("epsilon_greedy"):
        check_epsilon_greedy(t, epsilon_greedy)
    with t.part("q_update"):
        check_q_update(t, q_update)
    if t.failed:
        return

    env = GridWorld(seed=t.seed)
    q_star = optimal_q(env, GAMMA)
    Q = t.call(
        q_learning,
        env,
        EPISODES,
        ALPHA,
        GAMMA,
        EPSILON,
        np.random.default_rng(t.seed),
        budget_s=20,
        hint="An episode that never ends? The reference needs about 18,000 steps in all.",
    )
    t.expect_array("q_learning returns the Q table", Q, shape=(env.n_states, env.n_actions))
    t.expect(
        "the agent learned from episodes",
        env.episodes >= EPISODES and env.steps_taken > EPISODES,
        f"q_learning ran {env.episodes} episodes ({env.steps_taken} steps) of the {EPISODES} asked for: "
        "call env.reset() at the start of every episode and env.step(a) until done.",
        kind="run",
    )
    states = env.decision_states()
    if not np.all(np.isfinite(Q[states])):
        t.fail("the greedy policy is optimal", "convergence", "the Q table contains NaN or inf.")
    # Walls, pits and the goal are never acted from, so their rows still show the initial table.
    untouched = [s for s in range(env.n_states) if s not in states]
    t.expect(
        "the Q table starts from zeros",
        bool(np.all(np.asarray(Q)[untouched] == 0)),
        "the rows of the cells the agent never acts from (walls, pits, the goal) are not zero, so the table "
        "did not start from zeros as the task asks: Q = np.zeros((env.n_states, env.n_actions)).",
        kind="value",
    )
    greedy = {s: int(np.argmax(Q[s])) for s in states}
    wrong = [s for s in states if q_star[s, greedy[s]] < q_star[s].max() - 1e-6]
    yours = policy_map(env, {s: ARROWS[a] for s, a in greedy.items()})
    best = policy_map(env, {s: ARROWS[int(np.argmax(q_star[s]))] for s in states})
    t.note(f"your greedy policy:\n{yours}\nan optimal one (value iteration; ties may differ):\n{best}")
    if not wrong:
        err = float(np.abs(Q[states].max(axis=1) - q_star[states].max(axis=1)).max())
        t.passed(
            "the greedy policy is optimal",
            "convergence",
            f"optimal in all {len(states)} states; max |V - V*| = {err:.3g}",
        )
        return
    named = diagnose_by_replay(env, np.asarray(Q, dtype=float), states)
    if named:
        t.fail(
            "the greedy policy is optimal",
            "convergence",
            f"the greedy action is not optimal in {len(wrong)} of {len(states)} states. {named}",
            states=wrong,
        )
    unvisited = [s for s in wrong if np.all(Q[s] == 0)]
    cells = ", ".join(f"(row {s // env.width}, col {s % env.width})" for s in wrong[:6])
    hint = (
        " Some of them still hold their initial zeros: were they ever updated? Update Q after EVERY step."
        if unvisited
        else " Compare your V with V*: a value too high near the pits means bootstrapping past "
        "the end of an episode; too low everywhere, a discount applied twice."
    )
    t.fail(
        "the greedy policy is optimal",
        "convergence",
        f"the greedy action is not optimal in {len(wrong)} of {len(states)} states: {cells}.{hint}",
        states=wrong,
    )
