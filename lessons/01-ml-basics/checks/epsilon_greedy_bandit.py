"""Checker: the incremental mean, ε-greedy choice frequencies, and a seeded 10-armed bandit."""

import _common
import numpy as np

from tutor.checks import Checker

STEPS, WINDOW, EPSILON, K = 3000, 50, 0.1, 10


def _run_rule(rule, rewards):
    q, out = 0.0, []
    for n, r in enumerate(rewards, start=1):
        q = rule(q, n, r)
        out.append(q)
    return np.array(out)


def check(t: Checker) -> None:
    with t.part("update_estimate"):
        f = t.function("update_estimate")
        rewards = t.rng.normal(1.5, 2.0, 20)
        got, q = [], 0.0
        for n, r in enumerate(rewards, start=1):
            q = _common.as_float(t.call(f, q, n, float(r)))
            got.append(q)
        want = np.cumsum(rewards) / np.arange(1, 21)
        t.expect_close(
            "20 updates track the running mean",
            np.array(got),
            want,
            rtol=1e-9,
            atol=1e-12,
            mistakes={
                "off by one: n already counts this pull, so the step is (reward - q) / n, not / (n + 1).": _run_rule(
                    lambda q, n, r: q + (r - q) / (n + 1), rewards
                ),
                "a constant step size (here 0.1) gives an exponentially weighted average, which forgets old "
                "rewards; the sample mean needs the step 1/n.": _run_rule(lambda q, n, r: q + 0.1 * (r - q), rewards),
                "(q + reward) / 2 weighs the newest reward as much as all earlier ones together; the mean "
                "uses q + (reward - q) / n.": _run_rule(lambda q, n, r: (q + r) / 2, rewards),
                "you accumulated a sum of rewards; the estimate is their mean: q + (reward - q) / n.": np.cumsum(
                    rewards
                ),
                "reward / n forgets the previous estimate: q + (reward - q) / n.": rewards / np.arange(1, 21),
            },
        )
    with t.part("choose_arm"):
        _check_choose(t)
    if t.failed:
        return
    _check_play(t)


def _choices(t: Checker, f, q, epsilon, n, seed):
    rng = np.random.default_rng(seed)
    out = np.empty(n, dtype=np.int64)
    for i in range(n):
        a = t.call(f, q, epsilon, rng)
        if not isinstance(a, int | np.integer) or isinstance(a, bool):
            t.fail(
                "returns an arm index (int)",
                "shape",
                f"choose_arm returned {a!r} ({type(a).__name__}); return the index of an arm, an int.",
            )
        out[i] = a
    if out.min() < 0 or out.max() >= len(q):
        t.fail(
            "arm index in range", "value", f"choose_arm returned {int(out.max())} for {len(q)} arms (0..{len(q) - 1})."
        )
    return out


def _check_choose(t: Checker) -> None:
    f = t.function("choose_arm")
    seed = int(t.rng.integers(2**31))
    k = 5
    greedy_wrong, picked_min = 0, 0
    for trial in range(40):
        q = t.rng.normal(size=k)
        a = _choices(t, f, q.copy(), 0.0, 1, seed + trial)[0]
        greedy_wrong += a != int(np.argmax(q))
        picked_min += a == int(np.argmin(q))
    if greedy_wrong:
        if picked_min == 40:
            why = "It picked the *smallest* estimate every time: exploit means np.argmax(q), the largest."
        elif greedy_wrong > 20:
            why = (
                "It explores when it should exploit: `rng.random() < epsilon` is the exploring branch; "
                "yours explores with probability 1 - epsilon."
            )
        else:
            why = "Exploit means np.argmax(q), the largest estimate."
        t.fail(
            "epsilon = 0 always exploits",
            "value",
            f"with epsilon = 0 your agent skipped the best estimate in {greedy_wrong} of 40 calls. {why}",
        )
    t.passed("epsilon = 0 always exploits", "property")

    q = t.rng.normal(size=k)
    best = int(np.argmax(q))
    n = 20000
    picks = _choices(t, f, q.copy(), 1.0, n, seed + 100)
    freq = np.bincount(picks, minlength=k) / n
    tol = 5 * np.sqrt(0.2 * 0.8 / n)
    if freq[best] > 0.9:
        # epsilon = 0 already exploited every time, so the comparison is not inverted: it never explores.
        t.fail(
            "epsilon = 1 picks uniformly",
            "property",
            f"with epsilon = 1 your agent still picked the greedy arm {freq[best]:.0%} of the time: it never "
            "explores. (With epsilon = 0 it exploited correctly, so the comparison is the right way round.) "
            f"When rng.random() < epsilon, return a random arm, rng.integers({k}) — is the random arm "
            "drawn but not returned, or is that branch unreachable?",
        )
    others = np.delete(freq, best)
    if freq[best] < 0.01 and np.all(np.abs(others - 1 / (k - 1)) < 5 * np.sqrt(0.25 * 0.75 / n)):
        t.fail(
            "epsilon = 1 picks uniformly",
            "property",
            f"with epsilon = 1 the greedy arm never came up ({np.round(freq, 3).tolist()}): when exploring "
            f"you left the greedy arm out. Exploring picks among all {k} arms, rng.integers({k}), so that "
            "ε-greedy chooses the greedy arm with probability 1 - ε + ε/k.",
        )
    t.expect(
        "epsilon = 1 picks uniformly",
        np.all(np.abs(freq - 1 / k) < tol),
        f"with epsilon = 1 every arm should come up 1/{k} of the time; yours: {np.round(freq, 3).tolist()}. "
        f"Explore with rng.integers({k}) over all arms.",
        kind="property",
    )

    n = 50000
    eps = 0.2
    picks = _choices(t, f, q.copy(), eps, n, seed + 200)
    share = float(np.mean(picks == best))
    want = 1 - eps + eps / k
    tol = 5 * np.sqrt(want * (1 - want) / n)
    if abs(share - (1 - eps)) < tol:
        t.fail(
            "epsilon = 0.2: greedy share 1 - ε + ε/k",
            "property",
            f"the greedy arm came up {share:.3f} of the time, i.e. exactly 1 - ε: when exploring you left "
            f"the greedy arm out. Explore over all {k} arms, so it comes up 1 - ε + ε/k = {want:.3f}.",
        )
    t.expect(
        "epsilon = 0.2: greedy share 1 - ε + ε/k",
        abs(share - want) < tol,
        f"the greedy arm came up {share:.3f} of the time; ε-greedy with ε = 0.2 over {k} arms picks it "
        f"1 - ε + ε/k = {want:.3f} (±{tol:.3f}).",
        kind="property",
    )

    a1 = _choices(t, f, q.copy(), 0.5, 60, seed + 300)
    a2 = _choices(t, f, q.copy(), 0.5, 60, seed + 300)
    a3 = _choices(t, f, q.copy(), 0.5, 60, seed + 301)
    t.expect(
        "randomness comes from rng",
        np.array_equal(a1, a2) and not np.array_equal(a1, a3),
        "the same seeded generator gave different choices (or different seeds the same ones): draw "
        "with the `rng` you are given — rng.random(), rng.integers(k) — not np.random.* or random.*.",
        kind="property",
    )


def _check_play(t: Checker) -> None:
    me = t.learner
    seed = int(t.rng.integers(2**31))
    env = np.random.default_rng(seed)
    means = env.normal(0.0, 1.0, K)
    best = int(np.argmax(means))
    others = np.delete(means, best)
    # A gap of 1 (reward noise has std 1): in 100,000 simulated bandits of this kind an ε = 0.1
    # agent never failed the target below, so a correct agent cannot fail it by bad luck.
    means[best] = others.max() + 1.0
    agent_rng = np.random.default_rng(seed + 1)
    reward_rng = np.random.default_rng(seed + 2)
    state = {"q": np.zeros(K), "n": np.zeros(K, dtype=np.int64), "best": []}

    def window(i):
        total = 0.0
        for _ in range(WINDOW):
            a = int(t.call(me.choose_arm, state["q"].copy(), EPSILON, agent_rng))
            r = float(reward_rng.normal(means[a], 1.0))
            state["n"][a] += 1
            state["q"][a] = _common.as_float(t.call(me.update_estimate, float(state["q"][a]), int(state["n"][a]), r))
            state["best"].append(a == best)
            total += r
        return total / WINDOW

    def best_share():
        return float(np.mean(state["best"][-500:]))

    t.converge(
        f"10-armed bandit, ε = {EPSILON}, {STEPS} pulls: share of best-arm pulls in the last 500",
        window,
        steps=STEPS // WINDOW,
        target=0.75,
        goal="above",
        final=best_share,
        metric="average reward",
    )
    t.expect(
        "the best arm has the highest estimate",
        int(np.argmax(state["q"])) == best,
        f"after {STEPS} pulls your estimates rank arm {int(np.argmax(state['q']))} first, but arm {best} is best.",
        kind="value",
    )
    t.note(
        f"best arm {best} (mean {means[best]:.2f}); your estimate {state['q'][best]:.2f} after "
        f"{int(state['n'][best])} pulls; share of best-arm pulls in the last 500: {best_share():.2f}"
    )
