"""Checker: a pre-norm decoder block against nn.TransformerEncoderLayer(norm_first=True,
activation="gelu", dropout=0) with a causal mask, its weights copied into the learner's
ln1, attn.{q,k,v,out}_proj, ln2, fc1, fc2; then causality as a property.

Known block mistakes (post-norm, a residual from the normalised stream, no residual, no or an
inverted mask, ReLU or tanh-GELU) are recomputed from the same weights, so a mismatch is named.
"""

import torch
import torch.nn.functional as F
from _common import mha, mha_mistakes
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import single_thread_on_cpu

E, H, FF, T = 16, 4, 32, 6


def reference_layer(device, gen):
    ref = nn.TransformerEncoderLayer(E, H, FF, dropout=0.0, activation="gelu", batch_first=True, norm_first=True).to(
        device
    )
    with torch.no_grad():
        for p in ref.parameters():
            p.copy_((torch.rand(p.shape, generator=gen) * 2 - 1).to(device) * 0.5)
        for norm in (ref.norm1, ref.norm2):
            norm.weight.add_(1.0)
    ref.eval()
    return ref


def copy_into(t, block, ref):
    need = {"ln1": nn.LayerNorm, "ln2": nn.LayerNorm, "fc1": nn.Linear, "fc2": nn.Linear}
    for name, kind in need.items():
        if not isinstance(getattr(block, name, None), kind):
            t.fail(
                "submodules",
                "run",
                f"`self.{name}` should be an nn.{kind.__name__} (the checker copies "
                "nn.TransformerEncoderLayer's weights into ln1, attn, ln2, fc1, fc2).",
            )
    attn = getattr(block, "attn", None)
    if attn is None or not all(
        isinstance(getattr(attn, n, None), nn.Linear) for n in ("q_proj", "k_proj", "v_proj", "out_proj")
    ):
        t.fail(
            "submodules",
            "run",
            "`self.attn` should be your MultiHeadAttention with nn.Linear layers q_proj, k_proj, v_proj and out_proj.",
        )
    shapes = {"fc1": (FF, E), "fc2": (E, FF)}
    for name, shape in shapes.items():
        if tuple(getattr(block, name).weight.shape) != shape:
            t.fail(
                "submodules",
                "run",
                f"`self.{name}` has weight shape {tuple(getattr(block, name).weight.shape)}; "
                f"expected {shape}: fc1 = nn.Linear(d_model, d_ff), fc2 = nn.Linear(d_ff, d_model).",
            )
    t.passed("submodules", "run")
    sa = ref.self_attn
    W, b = sa.in_proj_weight, sa.in_proj_bias
    pairs = [
        (block.ln1.weight, ref.norm1.weight),
        (block.ln1.bias, ref.norm1.bias),
        (block.ln2.weight, ref.norm2.weight),
        (block.ln2.bias, ref.norm2.bias),
        (block.fc1.weight, ref.linear1.weight),
        (block.fc1.bias, ref.linear1.bias),
        (block.fc2.weight, ref.linear2.weight),
        (block.fc2.bias, ref.linear2.bias),
        (attn.out_proj.weight, sa.out_proj.weight),
        (attn.out_proj.bias, sa.out_proj.bias),
    ]
    for i, name in enumerate(("q_proj", "k_proj", "v_proj")):
        layer = getattr(attn, name)
        pairs += [(layer.weight, W[i * E : (i + 1) * E]), (layer.bias, b[i * E : (i + 1) * E])]
    with torch.no_grad():
        for dst, src in pairs:
            dst.copy_(src)


def variant(ref, x, *, norm="pre", residual="stream", mask="causal", act="gelu", attn_kw=None):
    """The block computed from ref's weights, with one switch flipped.

    residual: "stream" (right), "normed", "none", "mlp_reads_ln1" (the MLP reuses ln1's output from
    before the attention was added) or "parallel" (both branches read the block's input, GPT-J style);
    attn_kw: switches for `mha` that reproduce a mistake inside the learner's attention.
    """
    sa = ref.self_attn
    W, b = sa.in_proj_weight, sa.in_proj_bias
    params = (W[:E], b[:E], W[E : 2 * E], b[E : 2 * E], W[2 * E :], b[2 * E :], sa.out_proj.weight, sa.out_proj.bias)
    causal = torch.ones(T, T, dtype=torch.bool, device=x.device).tril()
    m = None if mask == "none" else causal

    def attn(h):
        return mha(h, h, h, params, H, m, invert_mask=(mask == "inverted"), **(attn_kw or {}))

    def mlp(h):
        z = ref.linear1(h)
        z = F.relu(z) if act == "relu" else F.gelu(z, approximate="tanh" if act == "tanh" else "none")
        return ref.linear2(z)

    if norm == "post":
        x = ref.norm1(x + attn(x))
        return ref.norm2(x + mlp(x))
    if residual == "normed":
        h = ref.norm1(x)
        x = h + attn(h)
        h = ref.norm2(x)
        return h + mlp(h)
    if residual == "mlp_reads_ln1":
        h = ref.norm1(x)
        return x + attn(h) + mlp(h)
    if residual == "parallel":
        return x + attn(ref.norm1(x)) + mlp(ref.norm2(x))
    if residual == "none":
        x = attn(ref.norm1(x))
        return mlp(ref.norm2(x))
    x = x + attn(ref.norm1(x))
    return x + mlp(ref.norm2(x))


def mistakes(ref, x):
    in_attention = {
        f"in your MultiHeadAttention: {message}": variant(ref, x, attn_kw=switches)
        for switches, message in mha_mistakes(E, H, masked=True)
    }
    return {
        "the MLP reads h = ln1(x), computed BEFORE the attention's output was added to the stream. It must "
        "read the updated stream through its own norm: x = x + attn(ln1(x)); then x = x + mlp(ln2(x)).": variant(
            ref, x, residual="mlp_reads_ln1"
        ),
        "both branches read the block's input, x + attn(ln1(x)) + mlp(ln2(x)) (the parallel layout of GPT-J). "
        "This block is sequential: the MLP reads ln2 of the stream AFTER the attention was added: "
        "x = x + attn(ln1(x)); then x = x + mlp(ln2(x)).": variant(ref, x, residual="parallel"),
        **in_attention,
        "this is the post-norm block (x = LN(x + attn(x))). Pre-norm normalises the branch's INPUT and "
        "leaves the stream alone: x = x + attn(ln1(x)); x = x + mlp(ln2(x)).": variant(ref, x, norm="post"),
        "the residual carries the normalised stream: after h = ln1(x), add the branch to x, not to h "
        "(x = x + attn(ln1(x))).": variant(ref, x, residual="normed"),
        "the residual connections are missing: each sub-layer ADDS to the stream, x = x + attn(ln1(x)).": variant(
            ref, x, residual="none"
        ),
        "there is no causal mask: position t attends to later positions too.": variant(ref, x, mask="none"),
        "the MLP uses ReLU; this block uses GELU (nn.GELU(), exact).": variant(ref, x, act="relu"),
        "the MLP uses the tanh approximation of GELU; use the exact one (nn.GELU() / F.gelu defaults).": variant(
            ref, x, act="tanh"
        ),
    }


def check(t: Checker) -> None:
    single_thread_on_cpu(t)
    Block = t.function("Block")
    gen = torch.Generator().manual_seed(t.seed)
    ref = reference_layer(t.device, gen)
    torch.manual_seed(t.seed)
    block = t.call(Block, E, H, FF, step=f"Block({E}, {H}, {FF}) builds")
    t.expect(
        "Block is an nn.Module",
        isinstance(block, nn.Module),
        f"Block(...) gave a {type(block).__name__}; subclass torch.nn.Module.",
        kind="run",
    )
    if any(
        isinstance(m, nn.TransformerEncoderLayer | nn.TransformerDecoderLayer | nn.MultiheadAttention)
        for m in block.modules()
    ):
        t.fail(
            "built from scratch",
            "run",
            "your block wraps PyTorch's own transformer layers; build it from "
            "your MultiHeadAttention, nn.LayerNorm and nn.Linear.",
        )
    block = block.to(t.device)
    copy_into(t, block, ref)
    block.eval()
    rtol, atol = t.float_tolerances()
    x = torch.randn((2, T, E), generator=gen).to(t.device)
    causal_blocked = ~torch.ones(T, T, dtype=torch.bool, device=t.device).tril()

    with torch.no_grad():
        want = ref(x, src_mask=causal_blocked)
        got = t.call(block, x.clone(), step="forward on (2, 6, 16) runs")
        t.expect_array("output", got, shape=(2, T, E), tensor=True, device=t.device)
        if not bool(torch.isfinite(got).all()):
            inv = variant(ref, x, mask="inverted")
            same = torch.equal(torch.isnan(inv), torch.isnan(got))
            t.fail(
                "output vs nn.TransformerEncoderLayer",
                "value",
                "the output has NaN"
                + (
                    ": your mask is inverted — True must mean 'may attend' (on and below "
                    "the diagonal), so the last position, which may see nothing, got NaN."
                    if same
                    else ": a softmax over a row of -inf? Check the mask."
                ),
            )
        wrong = mistakes(ref, x)
        tol = {"rtol": max(rtol, 1e-5), "atol": max(atol, 1e-5)}

        def causal_problem(_):
            pos = int(torch.randint(0, T - 1, (1,), generator=gen))
            x2 = x.clone()
            x2[:, pos + 1 :] += torch.randn(x2[:, pos + 1 :].shape, generator=gen).to(t.device)
            a = block(x.clone())[:, : pos + 1]
            b = block(x2)[:, : pos + 1]
            if not torch.allclose(a, b, rtol=1e-5, atol=1e-6):
                return (
                    f"changing the tokens after position {pos} changed the outputs at positions 0..{pos}: "
                    "information flows from the future. Only attention mixes positions: mask every score "
                    "with a later key before the softmax, and normalise over features, never over time."
                )
            return None

        def causality():
            t.expect_property(
                "causal: later tokens never change earlier outputs", causal_problem, lambda r: None, trials=4
            )

        explained = torch.allclose(got, want, **tol) or any(torch.allclose(got, bad, **tol) for bad in wrong.values())
        if not explained:
            causality()  # an unexplained mismatch that leaks the future is best named as such
        t.expect_close(
            "output vs nn.TransformerEncoderLayer (pre-norm, causal)", got, want, tensor=True, mistakes=wrong, **tol
        )
        if explained:
            causality()

    block.train()
    block.zero_grad(set_to_none=True)
    out = t.call(block, x.clone(), step="backward pass runs")
    t.call(lambda: out.pow(2).mean().backward(), step="backward pass runs")
    missing = [n for n, p in block.named_parameters() if p.grad is None or not bool(p.grad.abs().sum() > 0)]
    t.expect(
        "gradients reach every parameter",
        not missing,
        f"no gradient reached {', '.join(missing)}: is every submodule used in forward, without .detach()?",
        kind="gradient",
    )
