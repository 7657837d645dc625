"""Checker: multi-head attention from scratch against nn.MultiheadAttention (batch_first=True),
with the reference's weights copied into the learner's q_proj, k_proj, v_proj and out_proj.

Known mistakes (a reshape where a transpose belongs, the wrong scale, an inverted mask, no
output projection) are reproduced with the same weights, so a mismatch is named.
"""

import torch
from _common import mha, mha_mistakes
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import single_thread_on_cpu

E, H = 12, 3
PROJECTIONS = ("q_proj", "k_proj", "v_proj", "out_proj")


def reference_layer(device, gen):
    ref = nn.MultiheadAttention(E, H, batch_first=True).to(device)
    with torch.no_grad():  # random biases too (they start at zero), so a missing bias shows
        for p in ref.parameters():
            p.copy_((torch.rand(p.shape, generator=gen) * 2 - 1).to(device) * 0.6)
    W = ref.in_proj_weight.detach()
    b = ref.in_proj_bias.detach()
    params = (
        W[:E],
        b[:E],
        W[E : 2 * E],
        b[E : 2 * E],
        W[2 * E :],
        b[2 * E :],
        ref.out_proj.weight.detach(),
        ref.out_proj.bias.detach(),
    )
    return ref, tuple(p.clone() for p in params)


def build(t, Model, params):
    model = t.call(Model, E, H, step=f"MultiHeadAttention({E}, {H}) builds")
    t.expect(
        "it is an nn.Module",
        isinstance(model, nn.Module),
        f"MultiHeadAttention(...) gave a {type(model).__name__}; subclass torch.nn.Module.",
        kind="run",
    )
    if any(isinstance(m, nn.MultiheadAttention) for m in model.modules()):
        t.fail(
            "built from scratch",
            "run",
            "your module wraps nn.MultiheadAttention; this exercise builds it "
            "from linear layers and your own attention.",
        )
    for name in PROJECTIONS:
        layer = getattr(model, name, None)
        if not isinstance(layer, nn.Linear) or tuple(layer.weight.shape) != (E, E) or layer.bias is None:
            t.fail(
                "four projections",
                "run",
                f"`self.{name}` should be nn.Linear({E}, {E}) with a bias (the "
                "checker copies nn.MultiheadAttention's weights into q_proj, k_proj, v_proj and out_proj); "
                f"got {layer!r}.",
            )
    t.passed("four projections", "run")
    model = model.to(t.device)
    with torch.no_grad():
        for i, name in enumerate(PROJECTIONS):
            getattr(model, name).weight.copy_(params[2 * i])
            getattr(model, name).bias.copy_(params[2 * i + 1])
    return model


def mistakes(query, key, value, params, mask=None):
    def run(**kw):
        return mha(query, key, value, params, H, mask, **kw)

    out = {message: run(**switches) for switches, message in mha_mistakes(E, H, masked=mask is not None)}
    if mask is not None:
        out[
            "the mask is inverted: True means 'may attend' here (note that nn.MultiheadAttention's own "
            "boolean masks mean the opposite)."
        ] = run(invert_mask=True)
    return out


def compare(t, name, model, ref, params, query, key, value, mask=None, torch_kwargs=None):
    rtol, atol = t.float_tolerances()
    with torch.no_grad():
        want, _ = ref(query, key, value, need_weights=False, **(torch_kwargs or {}))
        args = (query.clone(), key.clone(), value.clone()) + (() if mask is None else (mask.clone(),))
        got = t.call(model, *args, step=f"{name}: forward runs")
        t.expect_array(f"{name}: output", got, shape=tuple(want.shape), tensor=True, device=t.device)
        wrong = mistakes(query, key, value, params, mask)
    name_nan_mistake(t, f"{name}: output vs nn.MultiheadAttention", got, wrong)
    t.expect_close(
        f"{name}: output vs nn.MultiheadAttention",
        got,
        want,
        rtol=max(rtol, 1e-5),
        atol=max(atol, 1e-5),
        tensor=True,
        mistakes=wrong,
    )


def name_nan_mistake(t, name, got, wrong):
    """A mistake that leaves a row with no allowed key gives NaN; match it NaN for NaN."""
    if not torch.is_tensor(got) or bool(torch.isfinite(got).all()):
        return
    for message, bad in wrong.items():
        if (
            bad.shape == got.shape
            and torch.equal(torch.isnan(bad), torch.isnan(got))
            and torch.allclose(torch.nan_to_num(got), torch.nan_to_num(bad), rtol=1e-4, atol=1e-5)
        ):
            t.fail(name, "value", message + " (Some query rows ended up with no allowed key at all, hence NaN.)")


def check(t: Checker) -> None:
    single_thread_on_cpu(t)
    Model = t.function("MultiHeadAttention")
    gen = torch.Generator().manual_seed(t.seed)
    ref, params = reference_layer(t.device, gen)
    model = build(t, Model, params)
    dev = t.device

    def rand(*shape):
        return torch.randn(shape, generator=gen).to(dev)

    x = rand(2, 5, E)
    compare(t, "self-attention (2, 5, 12)", model, ref, params, x, x, x)

    query, memory, values = rand(2, 4, E), rand(2, 6, E), rand(2, 6, E)
    compare(t, "cross-attention: 4 queries over 6 keys, separate values", model, ref, params, query, memory, values)

    L = 5
    causal = torch.tril(torch.ones(L, L, dtype=torch.bool, device=dev))
    compare(t, "causal mask (L, L)", model, ref, params, x, x, x, causal, {"attn_mask": ~causal})

    keep = torch.tensor([[True] * 6, [True] * 3 + [False] * 3], device=dev)
    compare(
        t,
        "padding mask (B, 1, 1, Lk)",
        model,
        ref,
        params,
        query,
        memory,
        values,
        keep[:, None, None, :],
        {"key_padding_mask": ~keep},
    )

    # Every projection must be trained by backprop through the output.
    model.zero_grad(set_to_none=True)
    out = t.call(model, x, x, x, step="backward pass runs")
    t.call(lambda: out.pow(2).sum().backward(), step="backward pass runs")
    missing = [
        n
        for n in PROJECTIONS
        if getattr(model, n).weight.grad is None or not bool(getattr(model, n).weight.grad.abs().sum() > 0)
    ]
    t.expect(
        "gradients reach every projection",
        not missing,
        f"no gradient reached {', '.join(missing)}: is the output computed from it, without .detach() "
        "or a NumPy round trip?",
        kind="gradient",
    )
