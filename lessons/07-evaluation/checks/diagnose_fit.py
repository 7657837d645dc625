"""Checker: diagnose planted learning curves, then measure the learner's regularised model.

Part 1 plants curves, each with a trap for one misreading of the rule: the
last epoch alone (a noisy spike), the minimum of the validation curve instead
of its end, the first 5 epochs or the whole curve averaged, overfitting tested
before underfitting, the gap taken the wrong way round or as |val - train|
(a negative gap), underfitting read off the validation loss, and `>=` at the
thresholds (curves ending exactly on them). A wrong answer is explained by the
misreading that reproduces it and most of the learner's other answers.
Part 2 trains the learner's fit_regularised on 150 noisy half-moon points
twice (torch seeds s and s + 1) and measures the train-validation gap and
accuracy on 1000 fresh points; the worse fit counts. Targets: gap <= 0.30,
validation accuracy >= 0.74. The reference (Adam with weight_decay=1e-2) over
12 seeds: gap 0.195 at worst, validation accuracy 0.767 at worst, nearly the
same from any init; the starter's unregularised fit: gap 0.55 to 2.6. Two
inits because a barely trained net (3 Adam steps, training loss ~0.63, near
chance) reaches 0.77 from one init and 0.67 from the next (seed 1234).
"""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import single_thread_on_cpu

TARGET_LOSS, MAX_GAP = 0.5, 0.3
N_TRAIN, N_VAL, FLIP = 150, 1000, 0.15
GAP_TARGET, ACC_TARGET = 0.30, 0.74
CHANCE_NEAR = 0.6  # a training loss above this is close to chance (ln 2 ≈ 0.693): the model barely learned
LABELS = ("underfitting", "overfitting", "good")


def _decay(n, start, end, rate):
    return end + (start - end) * np.exp(-rate * np.arange(n))


def _ending_flat(curve, value):
    """The curve with its last 5 epochs exactly `value` (a power-of-two fraction: exact in float32 and float64)."""
    curve = curve.copy()
    curve[-5:] = value
    return curve


def planted(rng):
    """(name, train, val, target_loss, max_gap, what the curves show). Each case is a trap for a misreading."""
    n = 30
    e = np.arange(n)

    def noise():
        return rng.normal(size=n) * 0.01

    cases = [
        (
            "both losses stay high",
            _decay(n, 2.0, 1.1, 0.2) + noise(),
            _decay(n, 2.1, 1.2, 0.2) + noise(),
            TARGET_LOSS,
            MAX_GAP,
            "the training loss ends near 1.1, above target_loss 0.5: the model cannot fit even the data it trains on",
        ),
        (
            "high training loss AND a gap",
            _decay(n, 2.0, 0.9, 0.2) + noise(),
            _decay(n, 2.1, 1.5, 0.2) + noise(),
            TARGET_LOSS,
            MAX_GAP,
            "the training loss ends near 0.9 (above target_loss 0.5) and the validation loss near 1.5",
        ),
    ]
    train = _decay(n, 1.5, 0.05, 0.25) + noise()
    val = _decay(n, 1.6, 0.2, 0.35) + 0.04 * np.maximum(e - 8, 0) + noise()
    cases.append(
        (
            "validation dips, then rises",
            train,
            val,
            TARGET_LOSS,
            MAX_GAP,
            f"the validation loss ENDS near {val[-5:].mean():.2f} while the training loss ends near 0.05; its "
            f"minimum ({val.min():.2f}, at epoch {int(val.argmin())}) is behind it",
        )
    )
    cases.append(
        (
            "validation flat, far above training",
            _decay(n, 1.2, 0.02, 0.3) + noise(),
            _decay(n, 1.3, 0.6, 0.3) + noise(),
            TARGET_LOSS,
            MAX_GAP,
            "validation − training ≈ 0.58 > max_gap 0.3, with the validation loss flat, not rising",
        )
    )
    cases.append(
        (
            "a good fit",
            _decay(n, 1.5, 0.25, 0.3) + noise(),
            _decay(n, 1.6, 0.35, 0.3) + noise(),
            TARGET_LOSS,
            MAX_GAP,
            "training ≈ 0.25 ≤ 0.5 and the gap ≈ 0.1 ≤ 0.3",
        )
    )
    val = _decay(n, 1.6, 0.35, 0.3) + noise()
    val[-1] += 0.6
    cases.append(
        (
            "a good fit with one noisy last epoch",
            _decay(n, 1.5, 0.25, 0.3) + noise(),
            val,
            TARGET_LOSS,
            MAX_GAP,
            "one spike in the last epoch (0.95); the mean of the last 5 validation losses is about 0.47, "
            "a gap of about 0.22 ≤ 0.3",
        )
    )
    cases.append(
        (
            "a slow start, then a good fit",
            _decay(n, 4.0, 0.2, 0.3) + noise(),
            _decay(n, 4.1, 0.3, 0.3) + noise(),
            TARGET_LOSS,
            MAX_GAP,
            "the losses start near 4 and END near 0.2 (training) and 0.3 (validation)",
        )
    )
    cases.append(
        (
            "validation below training (dropout on while training)",
            _decay(n, 1.5, 0.45, 0.3) + noise(),
            _decay(n, 1.4, 0.1, 0.3) + noise(),
            TARGET_LOSS,
            MAX_GAP,
            "the training loss ends near 0.45 and the validation loss near 0.1: validation − training ≈ −0.35, "
            "a NEGATIVE gap",
        )
    )
    cases.append(
        (
            "training loss ending exactly on target_loss",
            _ending_flat(_decay(n, 1.5, 0.5, 0.3), 0.5),
            _ending_flat(_decay(n, 1.6, 0.75, 0.3), 0.75),
            0.5,
            0.25,
            "the last 5 training losses are exactly 0.5 = target_loss and the gap exactly 0.25 = max_gap",
        )
    )
    cases.append(
        (
            "gap ending exactly on max_gap",
            _ending_flat(_decay(n, 1.5, 0.25, 0.3), 0.25),
            _ending_flat(_decay(n, 1.6, 0.5, 0.3), 0.5),
            0.5,
            0.25,
            "the last 5 training losses are exactly 0.25 and the validation losses exactly 0.5: the gap is "
            "exactly 0.25 = max_gap",
        )
    )
    return cases


def _rule(train, val, target_loss, max_gap, final_train=None, final_val=None, **slip):
    """The task's rule, or a misreading of it (the keyword arguments name the slip)."""
    final_train = final_train or (lambda c: float(np.mean(c[-5:])))
    final_val = final_val or final_train
    tr, va = final_train(np.asarray(train)), final_val(np.asarray(val))
    gap = {"train_minus_val": tr - va, "abs": abs(va - tr)}.get(slip.get("gap"), va - tr)
    under = (va if slip.get("under_on_val") else tr) > target_loss
    over = gap > max_gap
    if slip.get("ties"):
        under = (va if slip.get("under_on_val") else tr) >= target_loss
        over = gap >= max_gap
    if slip.get("overfitting_first"):
        return "overfitting" if over else "underfitting" if under else "good"
    return "underfitting" if under else "overfitting" if over else "good"


# (misreading, keyword arguments of _rule, what to say). When a planted case fails, the misreading that
# gives the learner's answer there AND agrees with most of the learner's other answers is named.
MISREADINGS = (
    (
        "the last epoch alone",
        {"final_train": lambda c: float(c[-1])},
        "one noisy epoch must not decide — average the last 5 epochs (final = the mean of c[-5:]).",
    ),
    (
        "the best validation epoch",
        {"final_train": lambda c: float(np.mean(c[-5:])), "final_val": lambda c: float(c.min())},
        "you compared with the LOWEST validation loss, which is history — judge the final epochs, not the best one.",
    ),
    (
        "the first 5 epochs",
        {"final_train": lambda c: float(np.mean(c[:5]))},
        "you averaged the FIRST 5 epochs (c[:5]); final is the mean of the LAST 5: c[-5:].",
    ),
    (
        "the whole curve",
        {"final_train": lambda c: float(np.mean(c))},
        "you averaged the WHOLE curve, so the high losses of the first epochs count; final is the mean of the "
        "LAST 5 epochs only: c[-5:].",
    ),
    (
        "the gap's sign",
        {"gap": "train_minus_val"},
        "the gap is validation − training (overfitting: the validation loss sits far ABOVE the training loss), "
        "not training − validation.",
    ),
    (
        "the gap's absolute value",
        {"gap": "abs"},
        "a validation loss BELOW the training loss is not overfitting (dropout or augmentation, active only in "
        "training, does that): compare the SIGNED gap validation − training with max_gap, not |validation − "
        "training|.",
    ),
    (
        "underfitting read off the validation loss",
        {"under_on_val": True},
        "underfitting is judged on the TRAINING loss (can the model fit the data it sees?); a high validation "
        "loss over a low training loss is overfitting.",
    ),
    (
        "overfitting tested first",
        {"overfitting_first": True},
        "a training loss above target_loss is underfitting FIRST — test it before the gap: a model that cannot "
        "fit its training data needs capacity, not regularisation.",
    ),
    (
        "ties",
        {"ties": True},
        "the rule is strict: underfitting when the final training loss is ABOVE target_loss (>), overfitting when "
        "the gap is ABOVE max_gap (>); a value exactly on the threshold is not over it (use >, not >=).",
    ),
)


def _check_diagnose(t, diagnose):
    """Every planted case must get the rule's label; a wrong one is explained by the misreading that fits best."""
    cases = planted(t.rng)
    answers = []
    for name, train, val, target, gap, _ in cases:
        got = t.call(diagnose, [float(v) for v in train], [float(v) for v in val], target, gap)
        if got not in LABELS:
            t.fail(
                f"diagnose: {name}",
                "value",
                f"diagnose returned {got!r}; return exactly one of {', '.join(map(repr, LABELS))}.",
            )
        answers.append(got)
    predicted = [[_rule(tr, va, tl, mg, **slip) for _, tr, va, tl, mg, _ in cases] for _, slip, _ in MISREADINGS]
    for i, ((name, train, val, target, gap, facts), got) in enumerate(zip(cases, answers, strict=True)):
        expected = _rule(train, val, target, gap)
        if got == expected:
            t.passed(f"diagnose: {name}", "value")
            continue
        fits = [
            (sum(p == a for p, a in zip(labels, answers, strict=True)), -k)
            for k, labels in enumerate(predicted)
            if labels[i] == got
        ]
        why = MISREADINGS[-max(fits)[1]][2] if fits else "recheck the rule in the task, step by step."
        t.fail(f"diagnose: {name}", "value", f"expected {expected!r}, got {got!r}: {facts}; {why}")


def moons(rng, n):
    y = rng.integers(0, 2, n)
    t = rng.uniform(0, np.pi, n)
    x = np.where(y[:, None] == 0, np.c_[np.cos(t), np.sin(t)], np.c_[1 - np.cos(t), 0.5 - np.sin(t)])
    x = x + rng.normal(size=(n, 2)) * 0.15
    noisy = np.where(rng.random(n) < FLIP, 1 - y, y)
    return x.astype(np.float32), noisy.astype(np.int64)


def check(t: Checker) -> None:
    diagnose = t.function("diagnose")
    fit_regularised = t.function("fit_regularised")
    single_thread_on_cpu(t)

    _check_diagnose(t, diagnose)

    rng = np.random.default_rng(t.seed)
    X, y = moons(rng, N_TRAIN)
    Xv, yv = moons(rng, N_VAL)
    dev = t.device
    X_t, y_t = torch.tensor(X, device=dev), torch.tensor(y, device=dev)
    Xv_t, yv_t = torch.tensor(Xv, device=dev), torch.tensor(yv, device=dev)
    # Two initialisations on the same data: a trained model's accuracy is set by the data, a barely trained
    # one's by the luck of its init (3 Adam steps reach 0.77 with one seed and 0.67 with the next).
    fits = [_fit_and_measure(t, fit_regularised, (X_t, y_t, Xv_t, yv_t), t.seed + k, k) for k in range(2)]
    t.note(fits[0]["numbers"])
    if not all(np.isfinite(f["gap"]) for f in fits):
        bad = next(f for f in fits if not np.isfinite(f["gap"]))
        t.fail("the gap is closed", "convergence", f"the losses are not finite: {bad['numbers']}")
    worst = max(fits, key=lambda f: f["gap"])
    numbers = worst["numbers"] + _which_init(worst, fits)
    t.expect(
        "the gap is closed",
        worst["gap"] <= GAP_TARGET,
        f"still overfitting: {numbers}; the target is a gap ≤ {GAP_TARGET}. "
        + (
            f"It fits its training labels far better than new data (accuracy {worst['train_acc']:.2f} vs "
            f"{worst['val_acc']:.2f}): it memorises the 15% flipped labels. "
            if worst["train_acc"] > worst["val_acc"] + 0.08
            else ""
        )
        + "Regularise harder (weight_decay ~1e-2 with Adam, a smaller network, fewer steps, dropout).",
        kind="convergence",
        gap=worst["gap"],
        target=GAP_TARGET,
    )
    worst = min(fits, key=lambda f: f["val_acc"])
    numbers = worst["numbers"] + _which_init(worst, fits)
    if worst["train_loss"] > CHANCE_NEAR:
        cause = (
            f" Its training loss {worst['train_loss']:.3f} is close to chance (ln 2 ≈ 0.693 for two classes): it has "
            "barely learned anything — too few steps, too small a learning rate, or far too much regularisation."
        )
        if worst is fits[1] and fits[0]["val_acc"] >= ACC_TARGET:
            cause += " The first init's accuracy was luck: an untrained network's accuracy depends on its init."
    else:
        cause = (
            " Too much regularisation turns overfitting into underfitting — back off a little "
            "(smaller weight decay, a bit more capacity or more steps)."
        )
    t.expect(
        "validation accuracy holds up",
        worst["val_acc"] >= ACC_TARGET,
        f"the gap is closed but the model no longer learns enough: {numbers}; validation accuracy must be "
        f"≥ {ACC_TARGET}.{cause}",
        kind="convergence",
        accuracy=worst["val_acc"],
        target=ACC_TARGET,
    )


def _which_init(fit, fits):
    """' (second initialisation ...)' when the numbers shown are not the first fit's."""
    if fit is fits[0]:
        return ""
    first = fits[0]
    return (
        f" — from a second initialisation (torch seed + 1; the first reached validation accuracy "
        f"{first['val_acc']:.3f}, gap {first['gap']:.3f})"
    )


def _fit_and_measure(t, fit_regularised, tensors, seed, k):
    """Train the learner's model from torch seed `seed` and measure it on the training and the fresh points."""
    X_t, y_t, Xv_t, yv_t = tensors
    dev = t.device
    torch.manual_seed(seed)
    model = t.call(
        fit_regularised,
        X_t.clone(),
        y_t.clone(),
        budget_s=max(5.0, min(20.0, (t.time_left() - 3) / (2 - k))),
        hint="fit_regularised gets X (n, 2) float32 and y (n,) int64 on the check's device; the task allows "
        "about 2 s of CPU for the whole fit (fewer steps, a smaller network).",
    )
    if k == 0:
        t.expect(
            "fit_regularised returns an nn.Module",
            isinstance(model, nn.Module),
            f"fit_regularised returned {type(model).__name__}; return the trained model.",
            kind="run",
        )
    elif not isinstance(model, nn.Module):
        t.fail(
            "fit_regularised returns an nn.Module",
            "run",
            f"the second call of fit_regularised returned {type(model).__name__}; return the trained model.",
        )
    model.eval()
    with torch.no_grad():
        out = t.call(model, Xv_t, step="the model runs on (1000, 2) inputs")
        if k == 0:
            t.expect_array("logits: shape and device", out, shape=(N_VAL, 2), tensor=True, device=dev)
        elif not (isinstance(out, torch.Tensor) and tuple(out.shape) == (N_VAL, 2) and out.device == Xv_t.device):
            t.fail("logits: shape and device", "shape", "the second trained model's logits are not (1000, 2) here.")
        train_out = model(X_t)
        train_loss = float(F.cross_entropy(train_out, y_t))
        val_loss = float(F.cross_entropy(out, yv_t))
        train_acc = float((train_out.argmax(1) == y_t).float().mean())
        val_acc = float((out.argmax(1) == yv_t).float().mean())
    numbers = (
        f"training loss {train_loss:.3f} (accuracy {train_acc:.3f}), validation loss {val_loss:.3f} "
        f"(accuracy {val_acc:.3f}), gap {val_loss - train_loss:.3f}"
    )
    return {
        "train_loss": train_loss,
        "gap": val_loss - train_loss,
        "train_acc": train_acc,
        "val_acc": val_acc,
        "numbers": numbers,
    }
