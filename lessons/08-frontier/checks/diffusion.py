"""Checker: DDPM on 2-D points — the closed-form forward process, a denoiser, ancestral sampling.

1. alpha_bars and q_sample against the closed form, plus the statistics of q(x_t | x_0) over
   many noise draws (mean sqrt(ᾱ_t) x_0, std sqrt(1 - ᾱ_t));
2. the denoiser's shapes, and that it reads t;
3. one reverse step with an oracle "model" the checker controls (values; no noise at t = 0;
   σ_t = sqrt(β_t)), then whole sampling runs with an oracle whose output distribution the
   checker computes exactly;
4. 600 training steps on four Gaussian blobs, then 2,000 samples compared with the data by
   the sliced Wasserstein distance.
"""

import math

import torch
import torch.nn.functional as F
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import single_thread_on_cpu

T = 50
BATCH, STEPS = 256, 600
N_SAMPLES = 2000
# Sliced Wasserstein-1 distance of 2,000 samples to 2,000 data points (256 projections).
# Measured: the reference 0.08-0.10 (prototype seeds 0-2, one checker run 0.102); two correct variants in
# right/ (t/T as an input, a sinusoidal embedding) 0.18-0.20 on seeds 1234/31337; two draws of the data
# ~0.03-0.10; N(0, I) itself ~0.38-0.39. Not yet measured on more seeds.
TARGET_SWD = 0.26


def schedule(device):
    return torch.linspace(1e-3, 0.2, T, device=device)


def blobs(gen, n, device):
    corners = torch.tensor([[-1.2, -1.2], [-1.2, 1.2], [1.2, -1.2], [1.2, 1.2]])
    k = torch.randint(0, 4, (n,), generator=gen)
    return (corners[k] + 0.15 * torch.randn(n, 2, generator=gen)).to(device)


def sliced_wasserstein(a, b, gen, projections=256):
    """Mean over random directions of the 1-D Wasserstein-1 distance between the projections."""
    d = torch.randn(2, projections, generator=gen, dtype=torch.float64)
    d = d / d.norm(dim=0)
    pa = (a.double().cpu() @ d).sort(dim=0).values
    pb = (b.double().cpu() @ d).sort(dim=0).values
    return float((pa - pb).abs().mean())


# ---- the forward process -----------------------------------------------------------------
def check_forward(t, alpha_bars, q_sample, dev):
    betas = schedule(dev)
    ref = torch.cumprod(1 - betas.double(), 0)
    got = t.call(alpha_bars, betas.clone())
    t.expect_array("alpha_bars: shape", got, shape=(T,), tensor=True, device=dev)
    alphas = 1 - betas.double()
    t.expect_close(
        "alpha_bars: ᾱ_t = Π_{s≤t} (1 - β_s)",
        got,
        ref,
        rtol=1e-4,
        atol=1e-6,
        tensor=True,
        mistakes={
            "that is the cumulative SUM of (1 - β); ᾱ is the cumulative PRODUCT: torch.cumprod(1 - betas, 0).": torch.cumsum(
                alphas, 0
            ),
            "that is the product of the β's; ᾱ multiplies the α's, α_t = 1 - β_t.": torch.cumprod(betas.double(), 0),
            "that is 1 - Π β_s; ᾱ is Π (1 - β_s).": 1 - torch.cumprod(betas.double(), 0),
            "that is α_t = 1 - β_t itself; ᾱ_t is the running product of all α's up to t.": alphas,
            "off by one step: your ᾱ_0 is 1. With 0-based steps, ᾱ_0 = 1 - β_0 already includes the first step.": torch.cat(
                [torch.ones(1, dtype=torch.float64, device=dev), ref[:-1]]
            ),
        },
    )

    ab = ref.float()
    gen = torch.Generator().manual_seed(t.seed)
    n = 7
    x0 = torch.randn(n, 2, generator=gen).to(dev)
    steps = torch.tensor([0, 3, 10, 25, 49, 49, 17]).to(dev)
    noise = torch.randn(n, 2, generator=gen).to(dev)
    before = (x0.clone(), noise.clone())
    got = t.call(
        q_sample,
        x0,
        steps,
        noise,
        ab.clone(),
        hint="alpha_bar[t] has shape (N,) and x0 (N, 2): add an axis, alpha_bar[t][:, None].",
    )
    t.expect(
        "q_sample leaves its inputs alone",
        torch.equal(before[0], x0) and torch.equal(before[1], noise),
        "q_sample changed x0 or noise in place (x0.mul_(...), +=): the caller's data is overwritten. Build a "
        "new tensor: sqrt(ᾱ_t) * x0 + sqrt(1 - ᾱ_t) * noise.",
        kind="property",
    )
    x0, noise = before
    t.expect_array("q_sample: shape", got, shape=(n, 2), tensor=True, device=dev)
    a = ab[steps][:, None]
    prev = ab[(steps - 1).clamp(min=0)][:, None]
    t.expect_close(
        "q_sample: x_t = sqrt(ᾱ_t) x0 + sqrt(1 - ᾱ_t) ε",
        got,
        a.sqrt() * x0 + (1 - a).sqrt() * noise,
        rtol=1e-4,
        atol=1e-5,
        tensor=True,
        mistakes={
            "the square roots are missing: x_t = sqrt(ᾱ_t) x0 + sqrt(1 - ᾱ_t) ε — ᾱ_t and 1 - ᾱ_t are the "
            "VARIANCES' scales, the coefficients are their square roots.": a * x0 + (1 - a) * noise,
            "the noise term needs a square root: sqrt(1 - ᾱ_t) ε, so that the variance is 1 - ᾱ_t.": a.sqrt() * x0
            + (1 - a) * noise,
            "the signal term needs a square root: sqrt(ᾱ_t) x0.": a * x0 + (1 - a).sqrt() * noise,
            "the two coefficients are swapped: the data is scaled by sqrt(ᾱ_t), the noise by sqrt(1 - ᾱ_t).": (
                1 - a
            ).sqrt()
            * x0
            + a.sqrt() * noise,
            "you read alpha_bar[t - 1]; step t uses alpha_bar[t] (0-based steps).": prev.sqrt() * x0
            + (1 - prev).sqrt() * noise,
        },
    )

    # The statistics of q(x_t | x_0): one x0, many noise draws.
    point = torch.tensor([[1.5, -0.5]], device=dev)
    many = 20000
    for step in (0, 24, 49):
        draws = torch.randn(many, 2, generator=gen).to(dev)
        xt = t.call(q_sample, point.expand(many, 2).clone(), torch.full((many,), step, device=dev), draws, ab.clone())
        mean, std = xt.double().mean(0).cpu(), xt.double().std(0).cpu()
        want_mean = math.sqrt(float(ab[step])) * point.double().cpu()[0]
        want_std = math.sqrt(1 - float(ab[step]))
        se = want_std / math.sqrt(many)
        ok = bool(((mean - want_mean).abs() < 5 * se + 1e-6).all() and ((std - want_std).abs() < 0.03 * want_std).all())
        t.expect(
            f"q(x_t | x0) at t = {step}: mean sqrt(ᾱ_t)·x0, std sqrt(1 - ᾱ_t)",
            ok,
            f"over {many} noise draws at t = {step}: mean {mean.numpy().round(4).tolist()} (want "
            f"{want_mean.numpy().round(4).tolist()}), std {std.numpy().round(4).tolist()} (want {want_std:.4f}).",
            kind="property",
        )


# ---- reverse steps with an oracle --------------------------------------------------------
class Oracle(nn.Module):
    """ε̂(x, t) = k_t x: the exact noise predictor for data ~ N(0, s² I). Insists on (N,) long steps.

    k is a (frozen) parameter so that the usual idiom `next(model.parameters()).device` works in the
    learner's sample(): a correct learner must not trip over a model with no parameters.
    """

    def __init__(self, alpha_bar, s=0.5):
        super().__init__()
        k = (1 - alpha_bar).sqrt() / (alpha_bar * s * s + 1 - alpha_bar)
        self.k = nn.Parameter(k, requires_grad=False)
        self.bad = None
        self.steps: list[int] = []  # the step of every call, in order
        self.first_x = None  # the x of the first call (x_T in a sampling run)

    def forward(self, x, t):
        if not (torch.is_tensor(t) and t.dtype == torch.long and tuple(t.shape) == (len(x),)):
            self.bad = f"{type(t).__name__}" + (
                f" of shape {tuple(t.shape)}, dtype {t.dtype}" if torch.is_tensor(t) else ""
            )
            t = torch.as_tensor(t, device=x.device).long().expand(len(x))
        self.steps.append(int(t[0]))
        if self.first_x is None:
            self.first_x = x.detach().clone()
        return self.k[t][:, None] * x


def reverse_reference(x, t, betas, ab, eps, noise, *, sigma="beta", noise_at_zero=False, divisor="alpha", sign=1):
    beta = betas[t]
    div = (1 - beta).sqrt() if divisor == "alpha" else ab[t].sqrt()
    mean = (x - sign * beta / (1 - ab[t]).sqrt() * eps) / div
    if t == 0 and not noise_at_zero:
        return mean
    if sigma == "beta":
        scale = beta.sqrt()
    elif sigma == "beta2":
        scale = beta
    elif sigma == "posterior":
        scale = (beta * (1 - ab[t - 1]) / (1 - ab[t])).sqrt()
    else:
        scale = 0.0
    return mean + scale * noise


def check_chain(t, steps):
    """sample() must ask the model about every step once, from T-1 down to 0 (repeats allowed per step)."""
    chain = [s for i, s in enumerate(steps) if i == 0 or s != steps[i - 1]]
    full = list(reversed(range(T)))
    if not chain or (len(chain) % T == 0 and chain == full * (len(chain) // T)):
        return
    named = {
        tuple(range(T)): "sample ran the steps forwards (t = 0 .. T-1); the reverse process goes from t = T-1 "
        "down to 0.",
        tuple(reversed(range(1, T))): "sample stops at t = 1: the last step, t = 0, is never taken. range(T - 1, "
        "0, -1) stops before 0; loop over reversed(range(T)) (p_sample_step adds no noise there).",
        tuple(reversed(range(T - 1))): "sample starts at t = T-2: the chain has T steps, t = T-1 down to 0 "
        "(reversed(range(T))).",
    }
    shown = chain if len(chain) <= 8 else chain[:4] + ["…"] + chain[-3:]
    t.fail(
        "sample: a full reverse chain",
        "property",
        named.get(
            tuple(chain),
            f"sample called the model at the steps {shown}; the chain visits t = {T - 1}, {T - 2}, …, 0, each once, "
            "in that order.",
        ),
    )


def check_reverse(t, p_sample_step, sample, dev):
    betas = schedule(dev)
    ab = torch.cumprod(1 - betas, 0)
    gen = torch.Generator().manual_seed(t.seed + 1)
    oracle = Oracle(ab)
    for step in (T - 1, 12, 0):
        x = torch.randn(6, 2, generator=gen).to(dev)
        noise = torch.randn(6, 2, generator=gen).to(dev)
        eps = oracle(x, torch.full((6,), step, dtype=torch.long, device=dev))
        got = t.call(p_sample_step, oracle, x.clone(), step, betas.clone(), ab.clone(), noise.clone())
        if oracle.bad:
            t.fail(
                f"p_sample_step at t = {step}",
                "run",
                f"the model was called with t = {oracle.bad}; "
                "call it as model(x, t_batch) with t_batch = torch.full((N,), t, dtype=torch.long).",
            )
        t.expect_array(f"p_sample_step at t = {step}: shape", got, shape=(6, 2), tensor=True, device=dev)
        if step > 0:
            again = t.call(p_sample_step, oracle, x.clone(), step, betas.clone(), ab.clone(), noise.clone())
            t.expect(
                f"p_sample_step at t = {step} uses the noise it is given",
                torch.is_tensor(again) and again.shape == got.shape and torch.allclose(again, got),
                "two calls with the same x and the same `noise` argument gave different results: p_sample_step "
                "draws its own noise. Use the argument: x_{t-1} = mean + sqrt(β_t) · noise (sample() passes fresh "
                "noise in every step).",
                kind="property",
            )

        def r(x=x, step=step, eps=eps, noise=noise, **kw):
            return reverse_reference(x, step, betas, ab, eps, noise, **kw)

        mistakes = {
            "no noise was added: x_{t-1} = mean + σ_t z with σ_t = sqrt(β_t) for t > 0. Without it the "
            "samples collapse onto the modes' centres.": r(sigma="none"),
            "the noise is scaled by β_t; the standard deviation is σ_t = sqrt(β_t).": r(sigma="beta2"),
            "the mean divides by sqrt(ᾱ_t); one reverse step undoes ONE forward step: divide by sqrt(α_t) = "
            "sqrt(1 - β_t).": r(divisor="alpha_bar"),
            "the noise prediction is ADDED; the mean is (x - β_t / sqrt(1 - ᾱ_t) · ε̂) / sqrt(α_t).": r(sign=-1),
        }
        if step > 0:
            mistakes[
                "that σ_t is the posterior's, sqrt(β_t (1 - ᾱ_{t-1}) / (1 - ᾱ_t)); this exercise uses "
                "σ_t = sqrt(β_t) (the DDPM paper found both work; the checker fixes one)."
            ] = r(sigma="posterior")
        else:
            mistakes["noise was added at the last step (t = 0); the final step returns the mean alone."] = r(
                noise_at_zero=True
            )
        t.expect_close(f"p_sample_step at t = {step}", got, r(), rtol=1e-4, atol=1e-5, tensor=True, mistakes=mistakes)

    # Whole runs: with the oracle, the output is Gaussian with a variance we can compute exactly.
    def variance(order, noise_at_zero=False, sigma=True):
        v = 1.0
        for step in order:
            beta, a = float(betas[step]), float(ab[step])
            coef = (1 - beta * float(oracle.k[step]) / math.sqrt(1 - a)) / math.sqrt(1 - beta)
            v = coef * coef * v + (beta if sigma and (step > 0 or noise_at_zero) else 0.0)
        return v

    torch.manual_seed(t.seed)
    n = 20000
    oracle.steps, oracle.first_x = [], None
    got = t.call(sample, oracle, betas.clone(), n)
    t.expect_array("sample: shape", got, shape=(n, 2), tensor=True, device=dev)
    check_chain(t, oracle.steps)
    if oracle.first_x is not None and len(oracle.first_x) == n:
        start = oracle.first_x.double().cpu()
        mean, var = start.mean(0), start.var(0)
        t.expect(
            "sample starts from x_T ~ N(0, I)",
            bool((mean.abs() < 0.05).all() and ((var - 1).abs() < 0.1).all()),
            f"the points sample() gave the model first (at t = {T - 1}) have mean {mean.numpy().round(3).tolist()} "
            f"and variance {var.numpy().round(3).tolist()}; x_T must be standard normal (mean 0, variance 1): "
            "torch.randn(n, 2)" + (" — torch.rand is uniform on [0, 1)." if float(start.min()) >= 0 else "."),
            kind="property",
        )
    var = float(got.double().var(0).mean())
    want = variance(reversed(range(T)))
    if abs(var / want - 1) > 0.05:
        named = {
            "sample ran the steps forwards (t = 0 .. T-1); the reverse process goes from t = T-1 down to 0.": variance(
                range(T)
            ),
            "sample adds no noise in its steps: call p_sample_step with fresh noise every step.": variance(
                reversed(range(T)), sigma=False
            ),
            "sample starts at t = T-2: the chain has T steps, t = T-1 down to 0 (reversed(range(T))).": variance(
                reversed(range(T - 1))
            ),
        }
        for message, v in named.items():
            if abs(var / v - 1) < 0.03:
                t.fail("sample: a full reverse chain", "property", message, variance=var, expected=want)
        t.fail(
            "sample: a full reverse chain",
            "property",
            f"with an exact noise predictor for N(0, 0.25 I) data "
            f"your samples have variance {var:.4f}; a chain from x_T ~ N(0, I) through t = T-1 .. 0 gives "
            f"{want:.4f}. Start from torch.randn(n, 2) and call p_sample_step for every t, last to first.",
        )
    t.passed("sample: a full reverse chain", "property", f"variance {var:.4f} (exact: {want:.4f})")


# ---- training ----------------------------------------------------------------------------
class StepSpy:
    """A forward pre-hook on the learner's model that records the steps t it is trained on."""

    def __init__(self, model):
        self.calls = 0
        self.single = 0  # calls where every point had the same t
        self.low, self.high = math.inf, -math.inf  # over integer steps
        self.handle = model.register_forward_pre_hook(self.hook, with_kwargs=True)

    def hook(self, module, args, kwargs):
        given = list(args) + list(kwargs.values())
        steps = given[1] if len(given) > 1 else None
        if isinstance(steps, int | float):
            steps = torch.tensor([steps])
        if not torch.is_tensor(steps) or steps.numel() == 0:
            return
        self.calls += 1
        flat = steps.detach().flatten()
        self.single += int(bool((flat == flat[0]).all()))
        if not flat.is_floating_point():
            self.low, self.high = min(self.low, int(flat.min())), max(self.high, int(flat.max()))

    def remove(self):
        self.handle.remove()


def probe_train_step(t, model, train_step, x0, ab):
    """One train_step with an optimizer that changes nothing (SGD, lr 0) and stale gradients planted:
    does it clear them, return a float, and draw a step per point?"""
    params = [p for p in model.parameters() if p.requires_grad]
    stale = 1e6
    for p in params:
        p.grad = torch.full_like(p, stale)
    spy = StepSpy(model)
    try:
        loss = t.call(train_step, model, torch.optim.SGD(params, lr=0.0), x0, ab.clone(), step="train_step runs")
    finally:
        spy.remove()
    kept = any(p.grad is not None and bool((p.grad.abs() > stale / 2).any()) for p in params)
    for p in params:
        p.grad = None
    t.expect(
        "train_step clears the old gradients",
        not kept,
        "the gradients from before the call were still in .grad after train_step: loss.backward() ADDS to "
        ".grad, so without optimizer.zero_grad() every step also applies all the old gradients. Call "
        "optimizer.zero_grad() before loss.backward().",
        kind="property",
    )
    t.expect(
        "train_step returns the loss as a float",
        isinstance(loss, float),
        f"train_step returned a {type(loss).__module__}.{type(loss).__name__}; the task asks for a float: "
        "return loss.item()"
        + (" — a tensor that still has its graph keeps every step's graph alive." if torch.is_tensor(loss) else "."),
        kind="value",
    )
    t.expect(
        "train_step draws a random t per point",
        not (spy.calls and spy.single == spy.calls),
        f"every point of the batch of {len(x0)} reached the model with the same step t: draw one step per point, "
        "t = torch.randint(0, T, (N,)), so each batch mixes all noise levels.",
        kind="property",
    )


def check_trained_steps(t, spy):
    """Over the whole run, training must visit both ends of t = 0 .. T-1."""
    if spy.high == -math.inf:
        return
    t.expect(
        f"training draws every step t = 0 .. {T - 1}",
        spy.low == 0 and spy.high == T - 1,
        f"over {STEPS} training steps the model saw t from {spy.low} to {spy.high}; the steps are 0 .. {T - 1} "
        f"(0-based): torch.randint(0, T, (N,)) — its upper bound is exclusive, so T, not T - 1; and t = 0 is a "
        "step too, the one sample() takes last.",
        kind="property",
    )


def check(t: Checker) -> None:
    single_thread_on_cpu(t)
    alpha_bars, q_sample = t.function("alpha_bars"), t.function("q_sample")
    Denoiser, make_optimizer = t.function("Denoiser"), t.function("make_optimizer")
    train_step, p_sample_step, sample = t.function("train_step"), t.function("p_sample_step"), t.function("sample")
    dev = t.device
    check_forward(t, alpha_bars, q_sample, dev)
    check_reverse(t, p_sample_step, sample, dev)

    torch.manual_seed(t.seed)
    model = t.call(Denoiser, step="Denoiser() builds")
    t.expect(
        "Denoiser is an nn.Module",
        isinstance(model, nn.Module),
        f"Denoiser() gave a {type(model).__name__}; subclass nn.Module.",
        kind="shape",
    )
    model = model.to(dev)
    gen = torch.Generator().manual_seed(t.seed)
    x = torch.randn(5, 2, generator=gen).to(dev)
    early = t.call(model, x, torch.zeros(5, dtype=torch.long, device=dev), step="Denoiser runs on (5, 2), t = 0")
    t.expect_array("Denoiser output", early, shape=(5, 2), tensor=True, device=dev)
    late = t.call(model, x, torch.full((5,), T - 1, dtype=torch.long, device=dev), step="Denoiser runs at t = 49")
    t.expect(
        "the denoiser reads t",
        not torch.allclose(early, late),
        "the output is the same at t = 0 and t = 49: the model ignores the step. The noise level differs "
        "enormously between steps; feed t in (an embedding, or t / T as an extra input).",
        kind="property",
    )

    betas = schedule(dev)
    ab = torch.cumprod(1 - betas, 0)
    optimizer = t.call(make_optimizer, model)
    t.expect(
        "make_optimizer returns an optimizer",
        isinstance(optimizer, torch.optim.Optimizer),
        f"make_optimizer returned {type(optimizer).__name__}.",
        kind="run",
    )
    probe_train_step(t, model, train_step, blobs(gen, BATCH, dev), ab)
    spy = StepSpy(model)
    t.converge(
        f"{STEPS} training steps (batch {BATCH})",
        lambda i: train_step(model, optimizer, blobs(gen, BATCH, dev), ab.clone()),
        steps=STEPS,
        target=math.inf,
        metric="loss",
        label="denoising loss",
        budget_s=max(2.0, t.time_left() - 5.0),
    )
    spy.remove()
    check_trained_steps(t, spy)

    # What did the model learn to predict? Compare with the noise and with x0 on fresh data.
    with torch.no_grad():
        x0 = blobs(gen, 2000, dev)
        steps = torch.randint(0, T, (2000,), generator=gen).to(dev)
        noise = torch.randn(2000, 2, generator=gen).to(dev)
        a = ab[steps][:, None]
        pred = model(a.sqrt() * x0 + (1 - a).sqrt() * noise, steps)
        to_noise, to_x0 = float(F.mse_loss(pred, noise)), float(F.mse_loss(pred, x0))
    t.expect(
        "the model predicts the noise ε",
        to_noise < 0.6 and to_noise < to_x0,
        f"on fresh noisy points the model's output is {to_noise:.3f} (mean squared) from the noise that was "
        f"added and {to_x0:.3f} from x0"
        + (
            " — it learned to predict x0, not ε. The loss compares model(x_t, t) with the noise."
            if to_x0 < to_noise
            else ". Train it on mse(model(q_sample(x0, t, ε), t), ε) with a random t per point."
        ),
        kind="convergence",
    )

    torch.manual_seed(t.seed + 3)
    with torch.no_grad():
        samples = t.call(sample, model, betas.clone(), N_SAMPLES)
    t.expect_array("samples", samples, shape=(N_SAMPLES, 2), tensor=True, device=dev)
    data = blobs(gen, N_SAMPLES, dev)
    swd = sliced_wasserstein(samples, data, gen)
    floor = sliced_wasserstein(blobs(gen, N_SAMPLES, dev), data, gen)
    noise_only = sliced_wasserstein(torch.randn(N_SAMPLES, 2, generator=gen), data, gen)
    t.note(
        f"sliced Wasserstein distance to the data: yours {swd:.3f}; another draw of the data {floor:.3f}; "
        f"plain N(0, I) noise {noise_only:.3f}"
    )
    t.expect(
        f"samples look like the data (sliced Wasserstein ≤ {TARGET_SWD})",
        math.isfinite(swd) and swd <= TARGET_SWD,
        f"the samples are {swd:.3f} from the data (sliced Wasserstein distance; target ≤ {TARGET_SWD}, pure "
        f"noise scores about {noise_only:.2f}). The reverse steps passed with an exact model, so the trained "
        "denoiser is the weak part: more capacity, the step t as an input, a learning rate near 1e-3..3e-3.",
        kind="convergence",
    )
