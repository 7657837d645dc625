"""Checker: a GAN on a ring of 8 Gaussians (generator, discriminator, non-saturating losses).

1. the two losses, on logits the checker picks: values, the saturating generator loss and
   swapped labels named, and finite values for confident logits (±300, in float32);
2. the networks' shapes;
3. one call of train_step on copies, with plain SGD optimizers the checker controls and
   stale gradients planted: each network must move by exactly one step on its own loss —
   which names a missing `detach`, a missing `zero_grad`, the saturating loss, no step;
4. 600 steps of training with the learner's optimizers, then 2,000 samples: at least 6 of
   the 8 modes must be covered, and a collapse onto a few modes is named as such.
"""

import copy
import math

import torch
import torch.nn.functional as F
from torch import nn

from tutor.checks import Checker, relative_error
from tutor.checks.training import single_thread_on_cpu

LATENT = 2
RADIUS, STD = 2.0, 0.1  # 8 modes on a circle of radius 2, each a Gaussian of std 0.1
BATCH, STEPS = 256, 600
NEAR = 3 * STD  # a sample within 3 std of a centre belongs to that mode
MIN_SHARE = 0.01  # a mode is covered when it holds >= 1% of the samples (uniform: 12.5%)
TARGET_MODES = 6  # the reference: 8 of 8 on seeds 0-4 (prototype) and 1, 2, 1234, 31337 (checker); worst mode share 2%
N_SAMPLES = 2000


def centres(device="cpu"):
    angle = torch.arange(8, dtype=torch.float32) * (2 * math.pi / 8)
    return (RADIUS * torch.stack([torch.cos(angle), torch.sin(angle)], dim=1)).to(device)


def mixture(gen, n, device):
    k = torch.randint(0, 8, (n,), generator=gen)
    return (centres()[k] + STD * torch.randn(n, 2, generator=gen)).to(device)


# ---- the losses ----------------------------------------------------------------------
def d_loss_ref(real, fake):
    return F.softplus(-real).mean() + F.softplus(fake).mean()


def g_loss_ref(fake):
    return F.softplus(-fake).mean()


def g_loss_saturating(fake):
    return -F.softplus(fake).mean()  # minimise log(1 - D(G(z)))


def _number(t, name, value):
    if torch.is_tensor(value) and value.numel() == 1:
        if not value.requires_grad:
            t.fail(
                name,
                "value",
                "the loss does not carry a gradient (requires_grad is False): keep it a "
                "tensor built from the logits — no .item(), no NumPy, no torch.no_grad().",
            )
        return value
    t.fail(
        name,
        "shape",
        f"expected a one-element tensor (the mean loss), got "
        f"{type(value).__name__}{tuple(value.shape) if torch.is_tensor(value) else ''} — average over the batch.",
    )


def check_losses(t, d_loss, g_loss):
    gen = torch.Generator().manual_seed(t.seed)
    real = (torch.randn(32, 1, generator=gen) * 2 + 0.5).double()
    fake = (torch.randn(32, 1, generator=gen) * 2 - 0.5).double()
    stable = "; work with logits: F.binary_cross_entropy_with_logits, or F.softplus (log σ(x) = -softplus(-x))"

    with t.part("discriminator_loss"):
        got = _number(
            t, "discriminator_loss value", t.call(d_loss, real.clone().requires_grad_(), fake.clone().requires_grad_())
        )
        want = float(d_loss_ref(real, fake))
        if abs(float(got.detach()) - 0.5 * want) < 1e-6 * want:
            t.passed("discriminator_loss value", "value", "the average of the two terms (a ½ only rescales the step)")
        else:
            t.expect_scalar(
                "discriminator_loss value",
                got,
                want,
                rtol=1e-5,
                mistakes={
                    "real and fake labels are swapped: real points are labelled 1 (-log σ(real)), generated ones 0 "
                    "(-log(1 - σ(fake))).": float(F.softplus(real).mean() + F.softplus(-fake).mean()),
                    "the loss is summed over the batch; take the mean of each term.": float(
                        F.softplus(-real).sum() + F.softplus(fake).sum()
                    ),
                    "only the real term is there; add the generated points' term, -log(1 - σ(fake)).": float(
                        F.softplus(-real).mean()
                    ),
                    "only the fake term is there; add the real points' term, -log σ(real).": float(
                        F.softplus(fake).mean()
                    ),
                },
            )
        big = torch.tensor([[300.0]], dtype=torch.float32)
        value = t.call(d_loss, -big.clone().requires_grad_(), big.clone().requires_grad_())
        value = float(value.detach()) if torch.is_tensor(value) else value
        t.expect(
            "discriminator_loss: confident, wrong logits (±300)",
            isinstance(value, float) and math.isfinite(value) and min(abs(value - 600), abs(value - 300)) < 1,
            f"for a real logit of -300 and a fake logit of +300 the loss is 300 + 300 (300 if averaged), got {value}: "
            f"log(sigmoid(x)) underflows to log(0), and F.binary_cross_entropy clamps its log at -100{stable}.",
        )

    with t.part("generator_loss"):
        got = _number(t, "generator_loss value", t.call(g_loss, fake.clone().requires_grad_()))
        t.expect_scalar(
            "generator_loss value",
            got,
            float(g_loss_ref(fake)),
            rtol=1e-5,
            mistakes={
                "that is the SATURATING loss, mean log(1 - D(G(z))), which the generator would minimise: when D "
                "rejects the fakes confidently its gradient vanishes. Use the non-saturating loss -mean log D(G(z)), "
                "i.e. BCE of the fake logits against label 1.": float(g_loss_saturating(fake)),
                "the sign is flipped: this is mean log(1 - D(G(z))) negated, which pushes fakes AWAY from looking "
                "real. The non-saturating loss is -mean log D(G(z)): BCE against label 1.": float(
                    F.softplus(fake).mean()
                ),
                "that is -mean(logits), the Wasserstein critic's loss; here D outputs logits of a probability: use "
                "-mean log σ(logits).": float(-fake.mean()),
                "the loss is summed over the batch; take the mean.": float(F.softplus(-fake).sum()),
            },
        )
        value = t.call(g_loss, torch.tensor([[-300.0]], dtype=torch.float32, requires_grad=True))
        value = float(value.detach()) if torch.is_tensor(value) else value
        t.expect(
            "generator_loss: a fake the discriminator rejects (logit -300)",
            isinstance(value, float) and math.isfinite(value) and abs(value - 300.0) < 1.0,
            f"-log σ(-300) is 300, got {value}: σ(-300) underflows to 0 in float32 and log(0) is -inf{stable}.",
        )


# ---- one training step, probed --------------------------------------------------------
def _flat(tensors):
    return torch.cat([v.detach().reshape(-1).double().cpu() for v in tensors])


def _grad(module, loss_of):
    params = list(module.parameters())
    grads = torch.autograd.grad(loss_of(), params, allow_unused=True)
    return _flat([torch.zeros_like(p) if g is None else g for p, g in zip(params, grads, strict=True)])


def _stepped(module, grad, lr):
    twin = copy.deepcopy(module)
    with torch.no_grad():
        offset = 0
        for p in twin.parameters():
            n = p.numel()
            p -= lr * grad[offset : offset + n].reshape(p.shape).to(p.dtype).to(p.device)
            offset += n
    return twin


def probe_train_step(t, train_step, G, D, real, z):
    lr = 0.05
    D_ld = lambda g, d: lambda: d_loss_ref(d(real), d(g(z).detach()))  # noqa: E731
    G_lg = lambda g, d, f=g_loss_ref: lambda: f(d(g(z)))  # noqa: E731
    gD = _grad(D, D_ld(G, D))
    gG = _grad(G, G_lg(G, D))
    D1 = {c: _stepped(D, c * gD, lr) for c in (1.0, 0.5)}
    G1 = _stepped(G, gG, lr)
    # D first (G judged by the improved D), or G first (D sees the improved G): both are fine.
    d_ok = [c * gD for c in (1.0, 0.5)] + [c * _grad(D, D_ld(G1, D)) for c in (1.0, 0.5)]
    g_ok = [gG] + [_grad(G, G_lg(G, d)) for d in D1.values()]
    g_saturating = [_grad(G, G_lg(G, d, g_loss_saturating)) for d in (D, *D1.values())]
    leak = _grad(G, lambda: d_loss_ref(D(real), D(G(z))))  # D's loss reaching G through fake
    g_into_d = _grad(D, G_lg(G, D))  # G's loss reaching D's gradients

    def run(plant):
        g, d = copy.deepcopy(G), copy.deepcopy(D)
        gen = torch.Generator().manual_seed(t.seed + 5)
        stale = {}
        for label, net in (("G", g), ("D", d)):
            stale[label] = [torch.randn(p.shape, generator=gen).to(p.device) * 0.3 for p in net.parameters()]
            if plant:
                for p, s in zip(net.parameters(), stale[label], strict=True):
                    p.grad = s.clone()
        opt_g = torch.optim.SGD(g.parameters(), lr=lr)
        opt_d = torch.optim.SGD(d.parameters(), lr=lr)
        before_g, before_d = _flat(g.parameters()), _flat(d.parameters())
        out = t.call(train_step, g, d, opt_g, opt_d, real.clone(), z.clone(), step="train_step runs")
        moved_g = (before_g - _flat(g.parameters())) / lr
        moved_d = (before_d - _flat(d.parameters())) / lr
        cleared = all(p.grad is None or not bool(p.grad.any()) for p in (*g.parameters(), *d.parameters()))
        return out, moved_g, moved_d, _flat(stale["G"]), _flat(stale["D"]), cleared

    tol = 1e-2 if t.on_gpu else 1e-3  # float32 gradients through a flat sigmoid differ by ~1e-4

    def matches(moved, candidates):
        return any(relative_error(moved.numpy(), c.numpy()) < tol for c in candidates)

    out, moved_g, moved_d, stale_g, stale_d, cleared = run(plant=True)
    if cleared and (matches(moved_d, [c + stale_d for c in d_ok]) or matches(moved_g, [c + stale_g for c in g_ok])):
        out, moved_g, moved_d, stale_g, stale_d, cleared = run(plant=False)  # zero_grad after step(): fine

    name = "train_step: one discriminator step"
    if not moved_d.any():
        t.fail(
            name,
            "run",
            "the discriminator's parameters did not move: call opt_d.step() after "
            "d_loss.backward(), with the optimizers passed in.",
        )
    if matches(moved_d, [c + stale_d for c in d_ok]):
        t.fail(
            name,
            "run",
            "D's step used its new gradient PLUS gradients left over from before: call "
            "opt_d.zero_grad() before d_loss.backward().",
        )
    if matches(moved_d, [c + g_into_d for c in d_ok]):
        t.fail(
            name,
            "run",
            "D's step also used the gradient of the GENERATOR's loss (it flows into D's .grad "
            "too): call opt_d.zero_grad() right before d_loss.backward().",
        )
    if not matches(moved_d, d_ok):
        t.fail(
            name,
            "run",
            "D did not make one SGD step on discriminator_loss(D(real), D(G(z).detach())) "
            f"(relative difference {relative_error(moved_d.numpy(), d_ok[0].numpy()):.2g}). Use the "
            "optimizers passed in, the batch and z passed in, and your discriminator_loss.",
        )
    t.passed(name, "run")

    name = "train_step: one generator step"
    if not moved_g.any():
        t.fail(
            name,
            "run",
            "the generator's parameters did not move: compute g_loss on D(G(z)) — NOT on "
            "fake.detach(), which cuts the generator off from the gradient — then g_loss.backward() and "
            "opt_g.step().",
        )
    if matches(moved_g, [c + leak for c in g_ok]):
        t.fail(
            name,
            "run",
            "G's step also used the gradient of the DISCRIMINATOR's loss: D was trained on "
            "D(fake) without fake.detach(), so d_loss.backward() filled G's .grad as well, and nothing "
            "cleared it. Feed D fake.detach() (and call opt_g.zero_grad() before g_loss.backward()).",
        )
    if matches(moved_g, [c + stale_g for c in g_ok]):
        t.fail(
            name,
            "run",
            "G's step used its new gradient PLUS gradients left over from before: call "
            "opt_g.zero_grad() before g_loss.backward().",
        )
    if matches(moved_g, g_saturating):
        t.fail(
            name, "run", "G stepped on the saturating loss log(1 - D(G(z))): use your non-saturating generator_loss."
        )
    if matches(moved_g, [-c for c in g_ok]):
        t.fail(name, "run", "G moved uphill on its loss — a flipped sign (maximising instead of minimising?).")
    if not matches(moved_g, g_ok):
        t.fail(
            name,
            "run",
            "G did not make one SGD step on generator_loss(D(G(z))) (relative difference "
            f"{relative_error(moved_g.numpy(), g_ok[0].numpy()):.2g}).",
        )
    t.passed(name, "run")

    ok = (
        isinstance(out, tuple | list)
        and len(out) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in out)
    )
    t.expect(
        "train_step returns (d_loss, g_loss)",
        ok,
        f"train_step returned {out!r}; return the two losses as Python floats: (d_loss.item(), g_loss.item()).",
    )


# ---- the optimizers ---------------------------------------------------------------------
def check_optimizer_params(t, opt_g, opt_d, G, D):
    """Each optimizer holds exactly its own network's parameters (one Adam over both lets G's step move D)."""

    def held(opt):
        return {id(p) for group in opt.param_groups for p in group["params"]}

    name = "make_optimizers: each optimizer over its own network"
    g_ids, d_ids = {id(p) for p in G.parameters()}, {id(p) for p in D.parameters()}
    for label, opt, own, other, other_name in (
        ("opt_g", opt_g, g_ids, d_ids, "D"),
        ("opt_d", opt_d, d_ids, g_ids, "G"),
    ):
        params = held(opt)
        if params & other:
            t.fail(
                name,
                "run",
                f"{label} also holds {other_name}'s parameters"
                + (" (opt_g and opt_d are the same optimizer)" if opt_g is opt_d else "")
                + ": then G's step also moves D along the GENERATOR's gradient — D helps G fool it — "
                "(and D's step moves G). Give each optimizer only its own network's parameters: "
                "Adam(G.parameters()) and Adam(D.parameters()).",
            )
        if own - params:
            t.fail(
                name,
                "run",
                f"{label} holds only {len(own & params)} of its network's {len(own)} parameter tensors; the rest "
                "would never train. Pass all of them: Adam(G.parameters()) and Adam(D.parameters()).",
            )
    t.passed(name, "run")


# ---- training and the modes ------------------------------------------------------------
def name_squashed_output(t, G, D, samples, counts):
    """A failed run whose networks end in a squashing function, named as that (not as a training bug)."""
    dev = t.device
    far = torch.cat([centres() * 25, torch.randn(256, 2, generator=torch.Generator().manual_seed(t.seed)) * 50])
    with torch.no_grad():
        d_out = D(far.to(dev)).float().cpu()
    if bool(((d_out >= 0) & (d_out <= 1)).all()):
        t.fail(
            "modes covered",
            "convergence",
            "the discriminator's outputs stay inside [0, 1] even for points 50 units away: D ends in a sigmoid, "
            "so it returns probabilities, and the losses (which take logits) squash them a second time — D "
            "can then barely tell real from fake and G learns nothing. Drop the final nn.Sigmoid: D must output "
            "raw logits.",
            counts=counts,
        )
    # a generator that merely sits near the centre still answers far-out noise with far-out points;
    # one ending in Tanh/Sigmoid stays inside [-1, 1] however large z is
    far_z = torch.randn(256, LATENT, generator=torch.Generator().manual_seed(t.seed + 1)) * 50
    with torch.no_grad():
        g_far = G(far_z.to(dev)).float().cpu()
    largest = max(float(samples.abs().max()), float(g_far.abs().max()))
    if largest <= 1.0 + 1e-6:
        t.fail(
            "modes covered",
            "convergence",
            f"every sample lies inside [-1, 1]² (largest coordinate {largest:.3f}, even for noise 50 times "
            "larger than usual), but the modes sit on a circle "
            "of radius 2: the generator's output is squashed by a final Tanh (or Sigmoid) and can never reach "
            "them. End G with a plain nn.Linear(..., 2).",
            counts=counts,
        )


def picture(samples, size=(13, 33)):
    """A text scatter of the samples over [-3, 3]²; 'o' marks an empty mode centre."""
    rows, cols = size
    grid = [[0] * cols for _ in range(rows)]
    for x, y in samples.tolist():
        c, r = round((x + 3) / 6 * (cols - 1)), round((3 - y) / 6 * (rows - 1))
        if 0 <= r < rows and 0 <= c < cols:
            grid[r][c] += 1
    marks = " .:*#"
    lines = [[marks[min(4, (n + 9) // 10)] if n else " " for n in row] for row in grid]
    for x, y in centres().tolist():
        c, r = round((x + 3) / 6 * (cols - 1)), round((3 - y) / 6 * (rows - 1))
        if lines[r][c] == " ":
            lines[r][c] = "o"
    return "\n".join("|" + "".join(line) + "|" for line in lines)


def check(t: Checker) -> None:
    single_thread_on_cpu(t)
    d_loss, g_loss = t.function("discriminator_loss"), t.function("generator_loss")
    make_generator, make_discriminator = t.function("make_generator"), t.function("make_discriminator")
    make_optimizers, train_step = t.function("make_optimizers"), t.function("train_step")
    check_losses(t, d_loss, g_loss)
    if t.failed:
        return
    dev = t.device

    torch.manual_seed(t.seed)
    G = t.call(make_generator, LATENT, step="make_generator(2) builds")
    D = t.call(make_discriminator, step="make_discriminator() builds")
    for label, net in (("make_generator", G), ("make_discriminator", D)):
        t.expect(
            f"{label} returns an nn.Module",
            isinstance(net, nn.Module),
            f"{label} returned {type(net).__name__}; return an nn.Module (e.g. nn.Sequential(...)).",
            kind="shape",
        )
    G, D = G.to(dev), D.to(dev)
    gen = torch.Generator().manual_seed(t.seed)
    z = torch.randn(16, LATENT, generator=gen).to(dev)
    fake = t.call(G, z, step="the generator runs on (16, 2) noise")
    t.expect_array("generator output", fake, shape=(16, 2), tensor=True, device=dev)
    logits = t.call(D, fake.detach(), step="the discriminator runs on (16, 2) points")
    t.expect_array("discriminator output: one logit per point", logits, shape=(16, 1), tensor=True, device=dev)
    bigger = t.call(make_generator, 5, step="make_generator(5) builds")
    out5 = t.call(
        bigger.to(dev), torch.randn(4, 5, generator=gen).to(dev), step="make_generator(5) runs on (4, 5) noise"
    )
    t.expect_array("make_generator(latent_dim) uses latent_dim", out5, shape=(4, 2), tensor=True, device=dev)

    real = mixture(gen, 64, dev)
    probe_train_step(t, train_step, G, D, real, torch.randn(64, LATENT, generator=gen).to(dev))

    opts = t.call(make_optimizers, G, D, step="make_optimizers(G, D) runs")
    t.expect(
        "make_optimizers returns (opt_g, opt_d)",
        isinstance(opts, tuple | list) and len(opts) == 2 and all(isinstance(o, torch.optim.Optimizer) for o in opts),
        f"make_optimizers returned {opts!r}; return a pair of torch.optim optimizers, the generator's first.",
        kind="run",
    )
    opt_g, opt_d = opts
    check_optimizer_params(t, opt_g, opt_d, G, D)
    g_curve = []

    def step(i):
        out = train_step(
            G, D, opt_g, opt_d, mixture(gen, BATCH, dev), torch.randn(BATCH, LATENT, generator=gen).to(dev)
        )
        g_curve.append(float(out[1]))
        if i % 4 == 0:
            t.curve("generator", i, g_curve[-1])
        return out[0]

    t.converge(
        f"{STEPS} training steps (batch {BATCH}): the discriminator's loss stays finite",
        step,
        steps=STEPS,
        target=math.inf,
        metric="loss",
        label="discriminator loss",
        diverge_factor=1e6,
        budget_s=max(2.0, t.time_left() - 4.0),
    )

    with torch.no_grad():
        samples = G(torch.randn(N_SAMPLES, LATENT, generator=gen).to(dev)).float().cpu()
    t.expect_array("samples", samples, shape=(N_SAMPLES, 2), tensor=True)
    if not torch.isfinite(samples).all():
        t.fail("modes covered", "convergence", "the generator produces NaN or inf after training.")
    dist, mode = torch.cdist(samples, centres()).min(dim=1)
    near = dist < NEAR
    counts = torch.bincount(mode[near], minlength=8)
    covered = int((counts >= MIN_SHARE * N_SAMPLES).sum())
    quality = float(near.float().mean())
    t.note("2,000 samples after training (o: a mode with no sample):\n" + picture(samples))
    t.note(
        f"samples per mode (within {NEAR:g} of a centre): {counts.tolist()}; {quality:.0%} of all samples "
        "lie near some mode"
    )
    if covered >= TARGET_MODES:
        t.passed("modes covered", "convergence", f"{covered} of 8 modes (target ≥ {TARGET_MODES})")
        return
    name_squashed_output(t, G, D, samples, counts.tolist())
    top = torch.bincount(mode, minlength=8).sort(descending=True).values
    if quality < 0.05:
        t.fail(
            "modes covered",
            "convergence",
            f"the samples cover {covered} of the 8 modes, and only "
            f"{quality:.1%} of them lie near any mode: the generator has not learned the data at all. Check that G steps on its loss through D (no "
            "detach on that path) and that both optimizers step.",
            counts=counts.tolist(),
        )
    share = float(top[: max(covered, 1)].sum()) / N_SAMPLES
    t.fail(
        "modes covered",
        "convergence",
        f"mode collapse: the samples cover {covered} of the 8 modes "
        f"(target ≥ {TARGET_MODES}); {share:.0%} of them fall toward the {max(covered, 1)} busiest. The "
        "generator found a few points the discriminator accepts and stays there. Usual causes: the "
        "saturating generator loss, a generator learning rate far above the discriminator's, or a "
        "discriminator too weak to tell the modes apart.",
        counts=counts.tolist(),
    )
