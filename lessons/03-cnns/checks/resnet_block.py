"""Checker: a ResNet basic block, compared with the checker's own functional version on the
learner's own (randomised) weights, in eval and train mode, with and without projection."""

import torch
import torch.nn.functional as F
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import single_thread_on_cpu

CASES = [  # in_channels, out_channels, stride, input size
    (8, 8, 1, 6),
    (8, 16, 2, 7),
    (8, 16, 1, 5),
    (16, 16, 2, 8),
]
BN = ("weight", "bias", "running_mean", "running_var", "num_batches_tracked")


def needs_projection(cin, cout, stride):
    return stride != 1 or cin != cout


def expected_keys(cin, cout, stride):
    keys = {"conv1.weight": (cout, cin, 3, 3), "conv2.weight": (cout, cout, 3, 3)}
    for bn in ("bn1", "bn2"):
        keys.update({f"{bn}.{k}": (cout,) if k != "num_batches_tracked" else () for k in BN})
    if needs_projection(cin, cout, stride):
        keys["shortcut.0.weight"] = (cout, cin, 1, 1)
        keys.update({f"shortcut.1.{k}": (cout,) if k != "num_batches_tracked" else () for k in BN})
    return keys


def check_structure(t, block, name, cin, cout, stride):
    want = expected_keys(cin, cout, stride)
    got = {k: tuple(v.shape) for k, v in block.state_dict().items()}
    proj = needs_projection(cin, cout, stride)
    why = (
        ("stride is 2" if stride != 1 else "")
        + (" and " if stride != 1 and cin != cout else "")
        + (f"the channels go {cin} → {cout}" if cin != cout else "")
    )
    biases = sorted(
        k
        for k in got
        if k.endswith(".bias")
        and k.replace(".bias", ".weight") in want
        and len(want[k.replace(".bias", ".weight")]) == 4
    )
    if biases:
        t.fail(
            f"{name}: layers",
            "shape",
            f"{biases[0]} exists: create the convolutions with bias=False. The BatchNorm right after "
            "each conv subtracts the mean (which removes any bias) and adds its own shift β.",
        )
    extra = [k for k in got if k not in want and not k.startswith("shortcut.")]
    if extra:
        t.fail(
            f"{name}: layers",
            "shape",
            f"unexpected `{extra[0]}` in your block. Name the layers as in the starter — conv1, bn1, "
            "conv2, bn2 and shortcut (torchvision calls the projection `downsample`; here it is "
            "`shortcut`) — so the checker can load its weights into them.",
        )
    if proj and not any(k.startswith("shortcut.") for k in got):
        t.fail(
            f"{name}: layers",
            "shape",
            f"projection shortcut missing: here the {why}, so x and the main path's output have "
            "different shapes and cannot be added. Make the shortcut nn.Sequential(nn.Conv2d(in, out, "
            "1, stride=stride, bias=False), nn.BatchNorm2d(out)) whenever stride != 1 or in != out.",
        )
    if not proj and any(k.startswith("shortcut.") for k in got):
        t.fail(
            f"{name}: layers",
            "shape",
            "with stride 1 and in_channels == out_channels the shortcut is the identity (nn.Identity() "
            "or an empty nn.Sequential()); a projection is only for when the shape changes.",
        )
    missing = [k for k in want if k not in got]
    if missing:
        t.fail(
            f"{name}: layers",
            "shape",
            f"no `{missing[0]}` in your block's state_dict. Name the layers as in the starter: conv1, "
            "bn1, conv2, bn2 and shortcut (an nn.Sequential of a 1×1 conv and a BatchNorm2d when "
            f"projecting). Your block has: {', '.join(sorted(got)) or 'nothing'}.",
        )
    extra = [k for k in got if k not in want]
    if extra:
        t.fail(
            f"{name}: layers",
            "shape",
            f"unexpected `{extra[0]}` in your block; a basic block has "
            "exactly two 3×3 convs with BatchNorms, plus the optional 1×1 projection.",
        )
    for key, shape in want.items():
        if got[key] != shape:
            hint = ""
            if key.startswith("conv") and len(shape) == 4 and got[key][2:] != (3, 3):
                hint = " — both convs of a basic block are 3×3 (padding 1)."
            elif key == "conv2.weight":
                hint = " — conv2 maps out_channels to out_channels."
            t.fail(f"{name}: layers", "shape", f"{key} has shape {got[key]}, expected {shape}{hint}")
    t.passed(f"{name}: layers", "shape")


def randomise(block, device, gen):
    with torch.no_grad():
        for key, value in block.state_dict().items():
            if key.endswith("num_batches_tracked"):
                continue
            if key.endswith("running_var") or (key.endswith(".weight") and value.ndim == 1):
                new = 0.5 + torch.rand(value.shape, generator=gen)
            elif value.ndim == 4:
                fan_in = value.shape[1] * value.shape[2] * value.shape[3]
                new = torch.randn(value.shape, generator=gen) * (2.0 / fan_in) ** 0.5
            else:
                new = 0.3 * torch.randn(value.shape, generator=gen)
            value.copy_(new.to(device))


def parts(sd, x, stride, proj, training, stride_on_conv2=False):
    def bn(h, name):
        return F.batch_norm(
            h,
            sd[f"{name}.running_mean"].clone(),
            sd[f"{name}.running_var"].clone(),
            sd[f"{name}.weight"],
            sd[f"{name}.bias"],
            training=training,
            momentum=0.1,
            eps=1e-5,
        )

    s1, s2 = (1, stride) if stride_on_conv2 else (stride, 1)
    h = F.relu(bn(F.conv2d(x, sd["conv1.weight"], stride=s1, padding=1), "bn1"))
    main = bn(F.conv2d(h, sd["conv2.weight"], stride=s2, padding=1), "bn2")
    shortcut = bn(F.conv2d(x, sd["shortcut.0.weight"], stride=stride), "shortcut.1") if proj else x
    return main, shortcut


def check_values(t, block, name, x, stride, proj, training):
    block.train(training)
    mode = "train mode (batch statistics)" if training else "eval mode"
    sd = {k: v.detach().clone() for k, v in block.state_dict().items()}
    with torch.no_grad():
        out = t.call(block, x.clone(), step=f"{name}: forward runs")
    main, sc = parts(sd, x, stride, proj, training)
    want = F.relu(main + sc)
    rtol, atol = t.float_tolerances()
    if t.on_gpu:
        atol = 1e-3  # cuDNN may use TF32 for convolutions
    mistakes = {
        "the skip connection is missing: the block must return relu(F(x) + shortcut(x)), not relu(F(x)).": F.relu(main),
        "ReLU before the addition: apply bn2, add the shortcut, THEN the ReLU — relu(bn2(conv2(·)) + "
        "shortcut(x)). A ReLU on the residual branch alone means F(x) can never be negative.": F.relu(main) + sc,
        "ReLU before the addition (and again after it): the residual branch must reach the sum "
        "un-ReLU'd — relu(bn2(conv2(·)) + shortcut(x)).": F.relu(F.relu(main) + sc),
        "the final ReLU is missing: return relu(F(x) + shortcut(x)).": main + sc,
    }
    if not proj:
        mistakes[
            "you added the main path to itself: x was overwritten before the addition. Keep the "
            "input (identity = x) before reusing the name, and add that."
        ] = F.relu(main + main)
    if stride != 1:
        m2, sc2 = parts(sd, x, stride, proj, training, stride_on_conv2=True)
        mistakes["the stride belongs on conv1 (the first 3×3 conv) in a basic block, not on conv2."] = F.relu(m2 + sc2)
    t.expect_close(f"{name}: output, {mode}", out, want, rtol=rtol, atol=atol, tensor=True, mistakes=mistakes)


def check(t: Checker) -> None:
    single_thread_on_cpu(t)
    Block = t.function("BasicBlock")
    gen = torch.Generator().manual_seed(t.seed)
    for cin, cout, stride, size in CASES:
        name = f"BasicBlock({cin}, {cout}, stride={stride})"
        block = t.call(Block, cin, cout, stride, step=f"{name} builds")
        t.expect(
            f"{name} is an nn.Module",
            isinstance(block, nn.Module),
            f"BasicBlock(...) gave a {type(block).__name__}; subclass torch.nn.Module.",
            kind="run",
        )
        check_structure(t, block, name, cin, cout, stride)
        block = block.to(t.device)
        randomise(block, t.device, gen)
        proj = needs_projection(cin, cout, stride)
        x = torch.randn((4, cin, size, size), generator=gen).to(t.device)
        out_hw = (size + 2 - 3) // stride + 1
        if proj and isinstance(getattr(block, "shortcut", None), nn.Module):
            block.eval()
            with torch.no_grad():
                sc = t.call(block.shortcut, x.clone(), step=f"{name}: shortcut runs")
            if tuple(sc.shape) != (4, cout, out_hw, out_hw):
                t.fail(
                    f"{name}: shortcut shape",
                    "shape",
                    f"the shortcut gives {tuple(sc.shape)} but the main path gives {(4, cout, out_hw, out_hw)}"
                    + (": the 1×1 conv needs the block's stride too." if sc.shape[-1] == size else "."),
                )
        check_values(t, block, name, x, stride, proj, training=False)
        check_values(t, block, name, x, stride, proj, training=True)
