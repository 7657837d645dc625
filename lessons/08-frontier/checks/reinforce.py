"""Checker: REINFORCE with a baseline.

1. returns_to_go against the definition (no discount, a prefix sum, reversed, an off-by-one γ named);
2. reinforce_loss, gradient for a fixed batch of three episodes of different lengths: d loss / d log π_t
   must be -(G_t - b) / N — naming the full return instead of the reward-to-go, a per-step mean, a sum,
   a sign flip, a baseline added or ignored, a γ^t factor;
3. the estimator is unbiased: on a tiny stochastic MDP every trajectory is enumerated and
   Σ_τ p(τ) · (-∇ loss(τ)) must equal the exact ∇J (autograd through the enumerated J), for two baselines;
4. play_episode on CartPole: log-probs are those of the actions taken, and actions are SAMPLED;
5. training on gymnasium's CartPole-v1: ITERATIONS × 8 episodes, mean return of the last 16 ≥ TARGET.
"""

import itertools
import math

import numpy as np
import torch
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import single_thread_on_cpu

GAMMA_TRAIN, EPISODES, ITERATIONS = 0.99, 8, 20
# Mean return of the last 16 episodes. The reference (Adam 2e-2, 32 tanh units, batch-mean baseline) after
# 20 iterations: seed 1234 -> 86; in a prototype of the same loop, the last 40 episodes averaged 149, 127, 79 on
# seeds 1, 2, 1234 (9-16 s of CPU on a loaded machine). The right/ variants: 65-215. Random play: about 22.
TARGET = 45.0


# ---- 1. returns-to-go -------------------------------------------------------------------
def rtg(rewards, gamma):
    out, running = np.zeros(len(rewards)), 0.0
    for i in reversed(range(len(rewards))):
        running = rewards[i] + gamma * running
        out[i] = running
    return out


def check_returns_to_go(t, returns_to_go):
    r = np.array([1.0, -2.0, 0.5, 3.0, 1.0])
    gamma = 0.9
    given = torch.tensor(r, dtype=torch.float32)
    got = t.call(returns_to_go, given, gamma)
    want = rtg(r, gamma)
    t.expect(
        "returns_to_go leaves the rewards unchanged",
        bool(torch.equal(given, torch.tensor(r, dtype=torch.float32))),
        "returns_to_go overwrote the rewards tensor it was given (an in-place `+=` or `out[t] = ...` on "
        "the input): the caller still needs the rewards — train_iteration sums them for the episode's "
        "total — so build a new tensor.",
        kind="property",
    )
    t.expect_array("returns_to_go returns a tensor", got, shape=(5,), tensor=True)
    t.expect(
        "returns_to_go returns float32",
        got.dtype == torch.float32,
        f"returns_to_go returned {got.dtype}; the task asks for float32 (torch.from_numpy of a float64 "
        "NumPy array stays float64): add .float() or build it with dtype=torch.float32.",
        kind="shape",
    )
    t.expect_close(
        "returns_to_go values",
        got.detach().double().cpu().numpy(),
        want,
        rtol=1e-5,
        atol=1e-5,
        mistakes={
            "the rewards are not discounted: G_t = r_t + γ r_{t+1} + γ² r_{t+2} + ...": rtg(r, 1.0),
            "every step got the whole episode's return G_0; each step's weight is the reward from THAT step on "
            "(an action cannot change the rewards that came before it).": np.full(5, want[0]),
            "that is a running sum from the START of the episode; the return-to-go sums from step t to the END.": np.array(
                [sum(gamma ** (t_ - k) * r[k] for k in range(t_ + 1)) for t_ in range(5)]
            ),
            "the result is reversed: G_t belongs at position t (build it backwards, then flip it back).": want[::-1],
            "the discount is off by one: G_t = r_t + γ G_{t+1}, so r_t itself is not discounted.": gamma * want,
            "G_t leaves out r_t itself: position t holds what comes AFTER step t (the running sum stored "
            "before r_t is added). G_t = r_t + γ G_{t+1} includes the reward of step t.": np.append(want[1:], 0.0),
            "G_t leaves out r_t itself: you have γ G_{t+1}; G_t = r_t + γ G_{t+1} includes the reward of step t.": want
            - r,
        },
    )


# ---- 2. the loss for one fixed batch ----------------------------------------------------
def check_fixed_batch(t, reinforce_loss):
    rng = np.random.default_rng(t.seed)
    lengths, gamma, baseline = (4, 2, 6), 0.9, 0.7
    rewards = [rng.uniform(-1.0, 2.0, size=n) for n in lengths]
    lp_values = [-rng.uniform(0.05, 1.5, size=n) for n in lengths]
    log_probs = [torch.tensor(v, dtype=torch.float32, requires_grad=True) for v in lp_values]
    loss = t.call(reinforce_loss, log_probs, [torch.tensor(r, dtype=torch.float32) for r in rewards], gamma, baseline)
    if not (torch.is_tensor(loss) and loss.numel() == 1):
        t.fail(
            "reinforce_loss returns a scalar tensor",
            "shape",
            f"expected a one-element tensor, got "
            f"{type(loss).__name__}{tuple(loss.shape) if torch.is_tensor(loss) else ''}.",
        )
    if not loss.requires_grad:
        t.fail(
            "reinforce_loss carries a gradient",
            "value",
            "the loss does not depend on the log-probabilities "
            "through autograd (requires_grad is False): no .item(), .detach() or NumPy on the log-probs.",
        )
    t.call(loss.backward, step="loss.backward() runs")
    got = np.concatenate([(lp.grad.numpy() if lp.grad is not None else np.zeros(lp.shape)) for lp in log_probs])
    n, steps = len(lengths), sum(lengths)

    def grad(weights, scale):
        return np.concatenate([-np.asarray(w) * scale for w in weights])

    g = [rtg(r, gamma) for r in rewards]
    want = grad([x - baseline for x in g], 1 / n)

    def standardised(x, ddof):
        return (x - x.mean()) / (x.std(ddof=ddof) + 1e-8)

    normalised = (
        "the reward-to-go is standardised ((G − mean) / std, as PyTorch's REINFORCE example does) and the "
        "baseline argument is not used: the task's loss weights log π(a_t|s_t) by G_t − baseline, "
        "unscaled, with the baseline it is given."
    )
    full = [np.full(len(r), rtg(r, gamma)[0]) for r in rewards]
    t.expect_close(
        "d loss / d log π(a_t|s_t) = -(G_t - b) / N for a batch of 3 episodes",
        got,
        want,
        rtol=1e-4,
        atol=1e-6,
        mistakes={
            "each step is weighted by the episode's whole return G_0 instead of its reward-to-go G_t (an action "
            "cannot change rewards that came before it).": grad([x - baseline for x in full], 1 / n),
            "the loss is averaged over all time steps; the task's convention divides by the number of EPISODES.": grad(
                [x - baseline for x in g], 1 / steps
            ),
            "the loss is summed over episodes; divide by their number (the mean over episodes).": grad(
                [x - baseline for x in g], 1.0
            ),
            "the sign is flipped: minimising the loss must climb J, so loss = -mean Σ log π (G - b).": -want,
            "the baseline is ignored: subtract it from every reward-to-go.": grad(g, 1 / n),
            "the baseline is added instead of subtracted: (G_t - b).": grad([x + baseline for x in g], 1 / n),
            "the rewards are not discounted in the reward-to-go.": grad(
                [rtg(r, 1.0) - baseline for r in rewards], 1 / n
            ),
            "each step carries an extra γ^t factor; the task's convention drops it: weight log π(a_t|s_t) by "
            "(G_t - b) alone.": grad([(x - baseline) * gamma ** np.arange(len(x)) for x in g], 1 / n),
            "the loss weights the probability π(a_t|s_t) = exp(log π), not its logarithm: the policy "
            "gradient is -Σ log π(a_t|s_t) · (G_t − b), so multiply the log-probabilities themselves.": grad(
                [np.exp(lp) * (x - baseline) for lp, x in zip(lp_values, g, strict=True)], 1 / n
            ),
            normalised: grad([standardised(x, 1) for x in g], 1 / n),
            normalised + " (Here the std is the population one.)": grad([standardised(x, 0) for x in g], 1 / n),
            normalised + " (Here over the whole batch.)": grad(
                np.split(standardised(np.concatenate(g), 1), np.cumsum(lengths)[:-1]), 1 / n
            ),
            "no gradient reaches the log-probabilities (detached?)": np.zeros_like(want),
        },
    )


# ---- 3. the estimator is unbiased on a tiny MDP ----------------------------------------
N_STATES, N_ACTIONS, HORIZON = 3, 2, 3
STAY = 0.3  # with this probability the action fails and the agent stays put


def mdp_rewards(seed):
    return np.random.default_rng(seed + 7).uniform(-1.0, 2.0, size=(N_STATES, N_ACTIONS))


def trajectories():
    """All (states, actions, next-state outcomes) from state 0; state 2 is terminal; at most HORIZON steps."""
    out = []
    for actions in itertools.product(range(N_ACTIONS), repeat=HORIZON):
        for stays in itertools.product((False, True), repeat=HORIZON):
            s, states, p_env = 0, [], 1.0
            for a, stay in zip(actions, stays, strict=True):
                states.append(s)
                p_env *= STAY if stay else 1 - STAY
                s = s if stay else (s + a + 1) % N_STATES
                if s == 2:
                    break
            n = len(states)
            if any(stays[n:]) or any(actions[n:]):  # count each shorter episode once
                continue
            out.append((states, list(actions[:n]), p_env, s))
    return out


def check_unbiased(t, reinforce_loss):
    R = mdp_rewards(t.seed)
    theta = torch.tensor(
        np.random.default_rng(t.seed).normal(size=(N_STATES, N_ACTIONS)), dtype=torch.float64, requires_grad=True
    )
    trajs = trajectories()

    def log_pi(states, actions):
        return torch.log_softmax(theta, dim=1)[states, actions]

    # exact J(θ) = Σ_τ p_θ(τ) R(τ), undiscounted (γ = 1), differentiated by autograd
    J = sum(
        p_env * torch.exp(log_pi(s, a).sum()) * float(sum(R[x, y] for x, y in zip(s, a, strict=True)))
        for s, a, p_env, _ in trajs
    )
    with torch.no_grad():
        total_p = float(sum(p_env * torch.exp(log_pi(s, a).sum()) for s, a, p_env, _ in trajs))
    assert abs(total_p - 1.0) < 1e-9, total_p
    exact = torch.autograd.grad(J, theta)[0].numpy()

    for baseline in (0.0, 1.5):
        expected_grad = np.zeros_like(exact)
        for s, a, p_env, _ in trajs:
            lp = log_pi(s, a)
            p = float(p_env * torch.exp(lp.detach().sum()))
            leaf = lp.detach().float().requires_grad_()
            rewards = torch.tensor([R[x, y] for x, y in zip(s, a, strict=True)], dtype=torch.float32)
            loss = t.call(reinforce_loss, [leaf], [rewards], 1.0, baseline)
            t.call(loss.backward, step="loss.backward() runs")
            d = leaf.grad if leaf.grad is not None else torch.zeros_like(leaf)
            # chain rule through log π: d loss/dθ = Σ_t (d loss / d lp_t) · d lp_t / dθ
            (g,) = torch.autograd.grad(lp, theta, grad_outputs=d.double(), retain_graph=True)
            expected_grad -= p * g.numpy()
        err = float(np.abs(expected_grad - exact).max())
        scale = float(np.abs(exact).max())
        t.expect(
            f"E[-∇ loss] equals the exact ∇J on a tiny MDP (baseline {baseline:g})",
            err <= 1e-4 * max(scale, 1.0),
            f"averaged over all {len(trajs)} trajectories of a 3-state MDP (weighted by their "
            f"probabilities), -∇loss is {np.round(expected_grad, 4).tolist()} but ∇J is "
            f"{np.round(exact, 4).tolist()}."
            + (
                " A constant baseline must change nothing in expectation — yours does: is it multiplied "
                "in, or subtracted only from some steps?"
                if baseline
                else " Weight each log π(a_t|s_t) by the reward collected from step t on."
            ),
            kind="property",
            estimate=expected_grad.tolist(),
            exact=exact.tolist(),
        )


# ---- 4. play_episode on CartPole -------------------------------------------------------
class RecordingEnv:
    """gymnasium's CartPole, recording what the learner's code sees and does; counts episodes and steps.

    `time_limit` truncates every episode after that many steps (truncated=True, as gymnasium's TimeLimit
    does); `after_end` counts the steps taken after an episode had ended, before the next reset.
    """

    def __init__(self, seed, time_limit=None):
        import gymnasium as gym

        self.env = gym.make("CartPole-v1")
        self.env.reset(seed=seed)
        self.env.action_space.seed(seed)
        self.observation_space, self.action_space = self.env.observation_space, self.env.action_space
        self.observations, self.actions, self.episodes, self.steps = [], [], 0, 0
        self.time_limit, self.after_end, self.ended = time_limit, 0, False
        self.rewards: list[list[float]] = []  # per episode, what env.step paid
        self.last = None

    def reset(self, **kwargs):
        kwargs.pop("seed", None)  # one seeded stream per check: re-seeding every episode would replay it
        obs, info = self.env.reset(**kwargs)
        self.episodes += 1
        self.rewards.append([])
        self.ended = False
        self.last = obs
        return obs, info

    def step(self, action):
        if torch.is_tensor(action) or isinstance(action, np.ndarray):
            action = action.item()
        self.observations.append(np.array(self.last))
        self.actions.append(int(action))
        self.steps += 1
        self.after_end += self.ended
        obs, reward, terminated, truncated, info = self.env.step(int(action))
        if self.rewards:
            self.rewards[-1].append(float(reward))
            if self.time_limit is not None and len(self.rewards[-1]) >= self.time_limit:
                truncated = True
        self.ended = self.ended or terminated or truncated
        self.last = obs
        return obs, reward, terminated, truncated, info


def _describe(x):
    return f"{type(x).__name__}{tuple(x.shape) if hasattr(x, 'shape') else ''}"


class Biased(nn.Module):
    """A fixed policy: action 0 with probability 0.8, whatever the state."""

    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.zeros(4, 2))
        self.b = nn.Parameter(torch.tensor([math.log(0.8), math.log(0.2)]))

    def forward(self, x):
        return x @ self.w + self.b


def check_play_episode(t, play_episode):
    torch.manual_seed(t.seed)
    env = RecordingEnv(t.seed)
    policy = Biased()
    lps, rews = [], []
    while env.steps < 300:
        out = t.call(play_episode, env, policy)
        if not (isinstance(out, tuple | list) and len(out) == 2):
            t.fail(
                "play_episode returns (log_probs, rewards)",
                "shape",
                f"expected a pair (log_probs, rewards), got {type(out).__name__}.",
            )
        lp, r = out
        steps = env.steps - sum(map(len, lps))
        if not (torch.is_tensor(lp) and torch.is_tensor(r) and tuple(lp.shape) == (steps,) == tuple(r.shape)):
            t.fail(
                "play_episode returns (log_probs, rewards)",
                "shape",
                f"the episode took {steps} steps: expected two 1-D tensors of length {steps}, got "
                f"{_describe(lp)} and {_describe(r)}.",
            )
        if not lp.requires_grad:
            t.fail(
                "play_episode: log_probs carry a gradient",
                "value",
                "the log-probabilities do not require "
                "grad: compute them from the policy's logits with autograd on (no torch.no_grad(), no .item()).",
            )
        lps.append(lp)
        rews.append(r)
    lp = torch.cat(lps).detach().double().numpy()
    first = np.array(env.actions) == 0
    want = np.log(np.where(first, 0.8, 0.2))
    t.expect_close(
        "play_episode: log π(a_t|s_t) of the actions taken",
        lp,
        want,
        rtol=1e-5,
        atol=1e-5,
        mistakes={
            "these are the probabilities, not their logarithms.": np.exp(want),
            "these are log-probabilities of the OTHER action: index the log-softmax by the action taken.": np.log(
                np.where(first, 0.2, 0.8)
            ),
            "this is log π of the most likely action at every step, not of the action taken.": np.full_like(
                want, math.log(0.8)
            ),
        },
    )
    share = env.actions.count(0) / len(env.actions)
    t.expect(
        "play_episode samples its actions",
        0.65 <= share <= 0.92,
        f"a policy that picks action 0 with probability 0.8 chose it {share:.0%} of the time over "
        f"{len(env.actions)} steps"
        + (
            ": you take the argmax (greedy) — REINFORCE must SAMPLE from π, or it never tries anything new."
            if share > 0.99
            else "."
        ),
        kind="property",
    )
    t.expect(
        "play_episode: rewards",
        bool(torch.all(torch.cat(rews) == 1.0)),
        "CartPole pays 1 per step; the rewards returned are not the ones env.step gave.",
    )
    check_truncation(t, play_episode, policy)


TIME_LIMIT = 5  # CartPole never falls this early, so every episode here ends by truncation


def check_truncation(t, play_episode, policy):
    env = RecordingEnv(t.seed + 1, time_limit=TIME_LIMIT)
    for _ in range(2):
        lp, _ = t.call(play_episode, env, policy, step="play_episode on an environment with a time limit runs")
        t.expect(
            "play_episode stops when the episode is truncated",
            env.after_end == 0 and len(lp) == TIME_LIMIT,
            f"on an environment that truncates every episode after {TIME_LIMIT} steps (truncated=True, as "
            f"gymnasium's time limits do), play_episode took {len(env.rewards[-1])} steps and returned "
            f"{len(lp)} log-probs: an episode ends when env.step says terminated OR truncated — stop on "
            "either.",
            kind="property",
        )


# ---- 5. training ----------------------------------------------------------------------
class UpdateRecorder:
    """Watches the optimizer's steps: how many per iteration, and whether a step used stale gradients.

    A hook on every parameter sums the gradients backpropagated since the last step ("fresh"). If .grad
    at a step is not that sum but that sum plus the .grad of the step before, nothing cleared .grad in
    between: the missing zero_grad. Clipping, zero_grad at either end and several backward passes before
    one step are all left alone.
    """

    def __init__(self, policy, optimizer):
        self.params = [p for p in policy.parameters() if p.requires_grad]
        self.fresh: list = [None] * len(self.params)
        self.previous: list | None = None  # .grad at the last step
        self.steps, self.stale = 0, False
        for i, p in enumerate(self.params):
            p.register_hook(lambda grad, i=i: self._on_grad(i, grad))
        optimizer.register_step_pre_hook(self._on_step)

    def _on_grad(self, i, grad):
        grad = grad.detach().double().cpu()
        self.fresh[i] = grad if self.fresh[i] is None else self.fresh[i] + grad

    def _on_step(self, optimizer, args, kwargs):
        self.steps += 1
        if all(p.grad is not None and f is not None for p, f in zip(self.params, self.fresh, strict=True)):
            now = torch.cat([p.grad.detach().double().cpu().reshape(-1) for p in self.params])
            fresh = torch.cat([f.reshape(-1) for f in self.fresh])
            if self.previous is not None and self.previous.abs().max() > 0:
                scale = float(now.abs().max()) + 1e-12
                self.stale |= bool(
                    (now - fresh).abs().max() > 1e-3 * scale
                    and (now - fresh - self.previous).abs().max() <= 1e-3 * scale
                )
            self.previous = now
        self.fresh = [None] * len(self.params)


def check_iteration_result(t, i, got, env, recorder, steps_before, gamma):
    """One iteration: one optimizer step, clean gradients, and each episode's total reward returned."""
    steps = recorder.steps - steps_before
    t.expect(
        "train_iteration makes one update",
        steps == 1,
        f"train_iteration made {steps} optimizer steps for its {EPISODES} episodes; the task asks for ONE "
        "update per iteration: the loss of all episodes together (with the baseline), one backward, one "
        "optimizer.step()."
        if steps
        else "train_iteration never called optimizer.step() on the optimizer it was given.",
        kind="run",
    )
    if recorder.stale:
        t.fail(
            "train_iteration clears the old gradients",
            "run",
            f"in iteration {i + 1}, optimizer.step() used this iteration's gradient PLUS the one left in .grad "
            "by the iteration before: PyTorch adds gradients up, so call optimizer.zero_grad() before "
            "loss.backward().",
        )
    totals = [sum(r) for r in env.rewards[-EPISODES:]]
    returned = sorted(float(x) for x in got)
    if not np.allclose(returned, sorted(totals), rtol=1e-5, atol=1e-4):
        discounted = sorted(float(np.sum(np.asarray(r) * gamma ** np.arange(len(r)))) for r in env.rewards[-EPISODES:])
        why = (
            "these are the discounted returns G_0; the task asks for each episode's TOTAL reward, the plain "
            "sum r.sum() (G_0 is what the loss uses, the total is what the check averages)."
            if np.allclose(returned, discounted, rtol=1e-4, atol=1e-3)
            else "return each episode's total reward, the plain sum of what env.step paid (r.sum())."
        )
        t.fail(
            "train_iteration returns each episode's total reward",
            "value",
            f"train_iteration returned {np.round(returned, 2).tolist()} (sorted), but its {EPISODES} episodes "
            f"earned {sorted(totals)}: {why}",
        )


def check(t: Checker) -> None:
    single_thread_on_cpu(t)
    names = ("make_policy", "returns_to_go", "reinforce_loss", "play_episode", "make_optimizer", "train_iteration")
    make_policy, returns_to_go, reinforce_loss, play_episode, make_optimizer, train_iteration = (
        t.function(n) for n in names
    )
    with t.part("returns_to_go"):
        check_returns_to_go(t, returns_to_go)
    with t.part("reinforce_loss"):
        check_fixed_batch(t, reinforce_loss)
        check_unbiased(t, reinforce_loss)
    with t.part("play_episode"):
        check_play_episode(t, play_episode)
    if t.failed:
        return

    torch.manual_seed(t.seed)
    env = RecordingEnv(t.seed)
    policy = t.call(make_policy, 4, 2, step="make_policy(4, 2) builds")
    t.expect(
        "make_policy returns an nn.Module",
        isinstance(policy, nn.Module),
        f"make_policy gave a {type(policy).__name__}; return a torch.nn.Module.",
        kind="run",
    )
    with torch.no_grad():
        logits = t.call(policy, torch.zeros(3, 4), step="policy on a (3, 4) batch")
    t.expect_array("policy output: logits (N, n_actions)", logits, shape=(3, 2), tensor=True)
    optimizer = t.call(make_optimizer, policy)
    t.expect(
        "make_optimizer returns an optimizer",
        isinstance(optimizer, torch.optim.Optimizer),
        f"make_optimizer returned {type(optimizer).__name__}.",
        kind="run",
    )
    returns = []
    recorder = UpdateRecorder(policy, optimizer)

    def iteration(i):
        before, steps_before = env.episodes, recorder.steps
        got = t.call(train_iteration, policy, optimizer, env, EPISODES, GAMMA_TRAIN)
        played = env.episodes - before
        if played != EPISODES or not isinstance(got, list | tuple) or len(got) != EPISODES:
            t.fail(
                "train_iteration plays `episodes` episodes",
                "run",
                f"asked for {EPISODES} episodes, it called env.reset() {played} times and returned "
                f"{type(got).__name__} of length {len(got) if hasattr(got, '__len__') else '?'}; return "
                "the list of each episode's total reward.",
            )
        check_iteration_result(t, i, got, env, recorder, steps_before, GAMMA_TRAIN)
        returns.extend(float(x) for x in got)
        return float(np.mean(got))

    t.converge(
        "average CartPole return",
        iteration,
        steps=ITERATIONS,
        target=TARGET,
        goal="above",
        final=lambda: float(np.mean(returns[-16:])),
        metric="return",
        budget_s=max(1.0, t.time_left() - 2.0),
        diverge_factor=math.inf,
    )
    t.note(f"{env.steps} environment steps in {env.episodes} episodes; a random policy averages about 22.")
