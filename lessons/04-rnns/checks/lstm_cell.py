"""Checker: an LSTM cell from raw weights, against torch.nn.LSTMCell with the same weights."""

import torch
from _common import lstm_cell, weight_layout_hint
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import single_thread_on_cpu

N, D, H = 4, 3, 5


def cell_with_weights(device, gen):
    cell = nn.LSTMCell(D, H).to(device)
    with torch.no_grad():
        for p in cell.parameters():  # wider than the default init, so every gate matters
            p.copy_((torch.rand(p.shape, generator=gen) * 2 - 1).to(device) * 0.9)
    return cell


def expect_pair(t, name, result, device):
    if not isinstance(result, tuple | list) or len(result) != 2:
        t.fail(
            f"{name}: returns (h, c)",
            "shape",
            "lstm_cell should return the pair (h_new, c_new); got "
            + (f"{len(result)} values" if isinstance(result, tuple | list) else type(result).__name__),
        )
    for label, value in zip(("h_new", "c_new"), result, strict=False):
        t.expect_array(f"{name}: {label}", value, shape=(N, H), tensor=True, device=device)
    return result


def check(t: Checker) -> None:
    single_thread_on_cpu(t)
    fn = t.function("lstm_cell")
    gen = torch.Generator().manual_seed(t.seed)
    cell = cell_with_weights(t.device, gen)
    W = [p.detach() for p in (cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)]
    x = torch.randn((N, D), generator=gen).to(t.device)
    h = torch.randn((N, H), generator=gen).to(t.device) * 0.7
    c = torch.randn((N, H), generator=gen).to(t.device)
    rtol, atol = t.float_tolerances()

    with torch.no_grad():
        h_ref, c_ref = cell(x, (h, c))
        h_new, c_new = expect_pair(
            t,
            "one step",
            t.call(
                fn,
                x.clone(),
                h.clone(),
                c.clone(),
                *[w.clone() for w in W],
                step="lstm_cell runs",
                hint=weight_layout_hint(4),
            ),
            t.device,
        )

        def variant(**kw):
            return lstm_cell(x, h, c, *W, **kw)

        order_msg = (
            "PyTorch stacks the four gates in the order i, f, g, o (input, forget, cell candidate, "
            "output) along the rows of W_ih and W_hh; your split {}. Use "
            "i, f, g, o = gates.chunk(4, dim=1)."
        )
        c_mistakes = {
            order_msg.format("swapped g and o (i, f, o, g — the order some course notes use)"): variant(order="ifog")[
                1
            ],
            order_msg.format(
                "put the forget gate first (f, i, g, o — the order the equations are often written in)"
            ): variant(order="figo")[1],
            order_msg.format("follows TensorFlow 1's layout (i, g, f, o)"): variant(order="igfo")[1],
            "the forget gate needs a sigmoid, not tanh: it is a fraction in (0, 1) of the old cell to keep "
            "(tanh would let it flip the memory's sign).": variant(f_act="tanh")[1],
            "the candidate g uses tanh, not a sigmoid: it is the new content, in (-1, 1); only i, f, o are "
            "sigmoid gates.": variant(g_act="sigmoid")[1],
            "PyTorch has two biases, b_ih and b_hh; add both.": variant(biases=1)[1],
            "the input gate is missing: c_new = f * c + i * g, where i = σ(...) decides how much of the "
            "candidate g is written; you added all of g.": variant(drop="i")[1],
            "the forget gate is missing: c_new = f * c + i * g, where f = σ(...) decides how much of the old "
            "cell is kept; you kept all of it.": variant(drop="f")[1],
        }
        if torch.allclose(h_new, c_ref, rtol=max(rtol, 1e-5), atol=max(atol, 1e-6)) and torch.allclose(
            c_new, h_ref, rtol=max(rtol, 1e-5), atol=max(atol, 1e-6)
        ):
            t.fail(
                "one step: c_new",
                "value",
                "you returned (c_new, h_new); return (h_new, c_new), in that order, like nn.LSTMCell.",
            )
        t.expect_close("one step: c_new", c_new, c_ref, rtol=rtol, atol=atol, tensor=True, mistakes=c_mistakes)
        t.expect_close(
            "one step: h_new",
            h_new,
            h_ref,
            rtol=rtol,
            atol=atol,
            tensor=True,
            mistakes={
                "h_new = o * tanh(c_new): the tanh is missing.": variant(h_tanh=False)[0],
                "the output gate is missing: h_new = o * tanh(c_new), with o = σ(...).": variant(drop="o")[0],
                "h_new uses the OLD cell state; it is o * tanh(c_new), the cell you just computed.": torch.sigmoid(
                    (x @ W[0].T + h @ W[1].T + W[2] + W[3]).chunk(4, 1)[3]
                )
                * torch.tanh(c),
            },
        )

    # A batch of one and a zero state, as at the start of a sequence.
    with torch.no_grad():
        x1 = torch.randn((1, D), generator=gen).to(t.device)
        zeros = torch.zeros((1, H), device=t.device)
        h1, c1 = cell(x1, (zeros, zeros))
        res = t.call(
            fn,
            x1.clone(),
            zeros.clone(),
            zeros.clone(),
            *[w.clone() for w in W],
            step="lstm_cell runs on a batch of one",
            hint=weight_layout_hint(4),
        )
    if not isinstance(res, tuple | list) or len(res) != 2:
        t.fail("batch of one, zero state", "shape", "lstm_cell should return (h_new, c_new)")
    t.expect_close("batch of one, zero state: h_new", res[0], h1, rtol=rtol, atol=atol, tensor=True)
    t.expect_close("batch of one, zero state: c_new", res[1], c1, rtol=rtol, atol=atol, tensor=True)

    # Gradients flow: the cell must be built from differentiable torch operations (float64, CPU).
    inputs = [v.detach().double().cpu().requires_grad_(True) for v in (x, h, c, *W)]
    out = t.call(fn, *inputs, step="lstm_cell runs on float64 tensors that require grad", hint=weight_layout_hint(4))
    if not isinstance(out, tuple | list) or len(out) != 2 or not all(torch.is_tensor(v) for v in out):
        t.fail("gradients flow", "gradient", "lstm_cell should return (h_new, c_new) as tensors")
    if not (out[0].requires_grad and out[1].requires_grad):
        t.fail(
            "gradients flow",
            "gradient",
            "your outputs are cut off from autograd (.detach(), .data, "
            "torch.no_grad or a NumPy round trip inside the cell?): nothing could be trained through them.",
        )
    u = torch.randn((N, H), generator=gen, dtype=torch.float64)
    v = torch.randn((N, H), generator=gen, dtype=torch.float64)
    got = torch.autograd.grad((out[0] * u).sum() + (out[1] * v).sum(), inputs, allow_unused=True)
    ref_inputs = [i.detach().clone().requires_grad_(True) for i in inputs]
    ref = lstm_cell(*ref_inputs)
    want = torch.autograd.grad((ref[0] * u).sum() + (ref[1] * v).sum(), ref_inputs)
    for label, g, w in zip(("x", "h", "c", "W_ih", "W_hh", "b_ih", "b_hh"), got, want, strict=False):
        if g is None:
            t.fail(f"gradient wrt {label}", "gradient", f"the outputs do not depend on {label} through autograd.")
        t.expect_close(f"gradient wrt {label}", g, w, rtol=1e-7, atol=1e-9, kind="gradient", tensor=True)
