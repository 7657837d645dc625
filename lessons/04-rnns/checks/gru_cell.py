"""Checker: a GRU cell from raw weights, against torch.nn.GRUCell with the same weights."""

import torch
from _common import gru_cell, weight_layout_hint
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import single_thread_on_cpu

N, D, H = 4, 3, 5


def check(t: Checker) -> None:
    single_thread_on_cpu(t)
    fn = t.function("gru_cell")
    gen = torch.Generator().manual_seed(t.seed)
    cell = nn.GRUCell(D, H).to(t.device)
    with torch.no_grad():
        for p in cell.parameters():  # wider than the default init, so every gate matters
            p.copy_((torch.rand(p.shape, generator=gen) * 2 - 1).to(t.device) * 0.9)
    W = [p.detach() for p in (cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)]
    x = torch.randn((N, D), generator=gen).to(t.device)
    h = torch.randn((N, H), generator=gen).to(t.device) * 0.7
    rtol, atol = t.float_tolerances()

    with torch.no_grad():
        want = cell(x, h)
        got = t.call(
            fn, x.clone(), h.clone(), *[w.clone() for w in W], step="gru_cell runs", hint=weight_layout_hint(3)
        )
        if isinstance(got, tuple | list):
            t.fail(
                "one step: h_new",
                "shape",
                "a GRU has no separate cell state: return h_new alone, a tensor of shape (N, H).",
            )
        t.expect_array("one step: h_new", got, shape=(N, H), tensor=True, device=t.device)

        def variant(**kw):
            return gru_cell(x, h, *W, **kw)

        t.expect_close(
            "one step: values",
            got,
            want,
            rtol=rtol,
            atol=atol,
            tensor=True,
            mistakes={
                "the update gate is used the wrong way round: PyTorch keeps z of the OLD state, "
                "h_new = (1 - z) * n + z * h. (Some texts swap the roles of z and 1 - z; PyTorch's "
                "weights follow this one.)": variant(z_way="swapped"),
                "the reset gate is applied before the matmul, W_hn (r * h) + b_hn — the original paper's "
                "version. PyTorch applies it after, to the whole term: n = tanh(W_in x + b_in + r * (W_hn h + b_hn)).": variant(
                    reset="before"
                ),
                "r multiplies (W_hn h + b_hn), bias included: n = tanh(W_in x + b_in + r * (W_hn h + b_hn)); "
                "you left b_hn outside.": variant(reset="no-bias"),
                "PyTorch stacks the GRU's gates in the order r, z, n (reset, update, new) along the rows of "
                "W_ih and W_hh; you took them as z, r, n. Use r, z, n = ....chunk(3, dim=1).": variant(order="zrn"),
                "the candidate n uses tanh, not a sigmoid: it is new content in (-1, 1).": variant(n_act="sigmoid"),
            },
        )

    with torch.no_grad():
        x1 = torch.randn((1, D), generator=gen).to(t.device)
        zeros = torch.zeros((1, H), device=t.device)
        got = t.call(
            fn,
            x1.clone(),
            zeros.clone(),
            *[w.clone() for w in W],
            step="gru_cell runs on a batch of one",
            hint=weight_layout_hint(3),
        )
        t.expect_close("batch of one, zero state", got, cell(x1, zeros), rtol=rtol, atol=atol, tensor=True)

    inputs = [v.detach().double().cpu().requires_grad_(True) for v in (x, h, *W)]
    out = t.call(fn, *inputs, step="gru_cell runs on float64 tensors that require grad", hint=weight_layout_hint(3))
    if not torch.is_tensor(out) or not out.requires_grad:
        t.fail(
            "gradients flow",
            "gradient",
            "your output is cut off from autograd (.detach(), .data, "
            "torch.no_grad or a NumPy round trip inside the cell?): nothing could be trained through it.",
        )
    u = torch.randn((N, H), generator=gen, dtype=torch.float64)
    grads = torch.autograd.grad((out * u).sum(), inputs, allow_unused=True)
    ref_inputs = [i.detach().clone().requires_grad_(True) for i in inputs]
    want = torch.autograd.grad((gru_cell(*ref_inputs) * u).sum(), ref_inputs)
    for label, g, w in zip(("x", "h", "W_ih", "W_hh", "b_ih", "b_hh"), grads, want, strict=False):
        if g is None:
            t.fail(f"gradient wrt {label}", "gradient", f"the output does not depend on {label} through autograd.")
        t.expect_close(f"gradient wrt {label}", g, w, rtol=1e-7, atol=1e-9, kind="gradient", tensor=True)
