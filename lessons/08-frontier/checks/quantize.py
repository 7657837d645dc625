"""Checker: dynamic int8 quantisation of a trained MLP — smaller by >= 3x, accuracy within a point.

The checker trains the float32 model itself (6 mini-batch epochs of Adam on the 8×8
digits, ~0.6 s of CPU), hands it to `quantize`, and then judges the copy it gets back
by what quantisation is for, whatever API made it:

1. the caller's model is unchanged (same layer types, same weights);
2. the copy runs on the CPU on float32 input and gives (n, 10) logits;
3. its state_dict, as torch.save writes it, is >= 3x smaller (the reference: 3.76x).
   Below that the failure names the cause: nothing quantised, float16 instead of int8,
   weights rounded but still stored as float32, some Linear layers left out;
4. held-out accuracy drops by at most one point (the reference, 7 seeds: <= 0.22), and the
   logits stay within 10 % (relative norm) of the float model's — a wrong dequantisation
   scale keeps every argmax, so it is named from the logits first;
5. serialized_size agrees (within 5 %) with the checker's own measurement, and ignores a
   plain tensor attribute that is not in the state_dict (torch.save(model) is named).
"""

import copy
import io
import sys

import torch
import torch.nn.functional as F
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import single_thread_on_cpu
from tutor.datasets import load_digits, split

MIN_RATIO = 3.0  # the reference reaches 3.76
MAX_DROP = 0.01  # one point; the reference dropped <= 0.0022 on seeds 1-5, 1234, 31337
SIZE_TOLERANCE = 0.05
MAX_LOGIT_ERROR = 0.1  # relative norm; the reference and the right variants: 0.2-0.45%


def _size(model: nn.Module) -> int:
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getbuffer().nbytes


def _train(t: Checker, Xtr: torch.Tensor, ytr: torch.Tensor) -> nn.Module:
    torch.manual_seed(t.seed)
    model = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10)).to(
        t.device
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    gen = torch.Generator().manual_seed(t.seed)
    for _ in range(6):
        order = torch.randperm(len(Xtr), generator=gen).to(t.device)
        for start in range(0, len(Xtr), 64):
            idx = order[start : start + 64]
            optimizer.zero_grad()
            F.cross_entropy(model(Xtr[idx]), ytr[idx]).backward()
            optimizer.step()
    return model.eval()


def _accuracy(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> float:
    with torch.no_grad():
        return float((model(X).argmax(dim=1) == y).float().mean())


def _float_linears(model: nn.Module) -> list[str]:
    return [name for name, module in model.named_modules() if type(module) is nn.Linear]


def _is_float16_dynamic(model: nn.Module) -> bool:
    """quantize_dynamic(..., dtype=torch.float16): packed weights of dtype float16."""
    for module in model.modules():
        packed = getattr(module, "_packed_params", None)
        if getattr(packed, "dtype", None) == torch.float16:
            return True
    return False


def _state_dtypes(model: nn.Module) -> set:
    return {value.dtype for value in model.state_dict().values() if isinstance(value, torch.Tensor)}


def _cpu_hint(exc: BaseException) -> str | None:
    text = str(exc)
    if "Half" in text or "float16" in text:
        return (
            "the returned model holds float16 weights (a .half() copy?) and cannot take the float32 input "
            "the task sends; float16 is not int8 quantisation either. Quantise to int8 and keep float32 "
            "input: quantize_dynamic(copy, {nn.Linear}, dtype=torch.qint8)."
        )
    if "cuda" in text.lower() or "device" in text.lower():
        return (
            "the quantised model should run on the CPU (dynamic int8 kernels are CPU kernels): "
            "quantise a CPU copy, copy.deepcopy(model).cpu()."
        )
    return None


def _why_not_smaller(model: nn.Module, qmodel: nn.Module, ratio: float, X: torch.Tensor) -> str:
    floats = _float_linears(qmodel)
    total = len(_float_linears(model))
    head = f"the quantised state_dict is only {ratio:.2f}× smaller (at least {MIN_RATIO:g}× expected): "
    if _is_float16_dynamic(qmodel):
        return head + (
            "its Linear layers were quantised to float16. Ask for int8: quantize_dynamic(..., dtype=torch.qint8)."
        )
    if torch.float16 in _state_dtypes(qmodel) and 1.6 < ratio < 2.4:
        return head + (
            "its weights are float16 — 2 bytes each, so 2× smaller at best. int8 takes 1 byte "
            "per weight: quantise instead of casting with .half()."
        )
    if len(floats) == total:
        with torch.no_grad():
            same = torch.allclose(model.cpu()(X), qmodel(X), rtol=1e-6, atol=1e-6)
        if same:
            return head + (
                "no Linear layer was quantised — the model is unchanged. quantize_dynamic only "
                "replaces the module types named in its second argument: pass {nn.Linear} (the "
                "class itself)."
            )
        return head + (
            "the outputs changed, but every weight is still stored as float32 (4 bytes): rounding "
            "weights to int8 levels and keeping them as floats saves nothing. Store int8 tensors "
            "(quantize_dynamic does) with their scale."
        )
    if floats:
        return head + (
            f"{len(floats)} of the {total} Linear layers are still float32 ({', '.join(floats)}); "
            "quantise all of them: quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)."
        )
    return head + "check which tensors your model still stores as float32 (print model.state_dict())."


def _logit_gap(float_logits: torch.Tensor, q_logits: torch.Tensor) -> tuple[float, float, float]:
    """(relative error, best constant factor k, relative error of k · float logits) over a batch."""
    f, q = float_logits.double(), q_logits.detach().double().cpu()
    norm = float(f.norm()) or 1.0
    k = float((q * f).sum() / (f * f).sum())
    return float((q - f).norm()) / norm, k, float((q - k * f).norm()) / (abs(k) * norm or 1.0)


def _check_logits(t: Checker, pristine: nn.Module, qmodel: nn.Module, X: torch.Tensor, *, scale_only: bool) -> None:
    """The int8 model approximates the float one's logits, not only its argmax.

    The reference's logits differ from the float model's by ~0.4% (relative norm); a wrong
    dequantisation scale keeps every argmax (a ReLU MLP commutes with positive factors) while
    the logits are off by orders of magnitude.
    """
    name = f"logits within {MAX_LOGIT_ERROR:.0%} of the float model's"
    with torch.no_grad():
        float_logits = pristine(X)
        q_logits = t.call(qmodel, X.clone(), step="the quantised model runs on the test set")
    error, k, scaled_error = _logit_gap(float_logits, q_logits)
    if error <= MAX_LOGIT_ERROR:
        if not scale_only:
            t.passed(name, "value", f"relative difference {error:.2%}")
        return
    if scaled_error <= 0.2 and not 0.5 <= k <= 2.0:
        t.fail(
            name,
            "value",
            f"the quantised logits are about {k:.3g}× the float model's (the predicted classes survive a positive "
            "factor, the logits do not): the int8 weights are turned back into floats with the wrong scale. "
            "Dequantise as q * scale with scale = max|w| / 127 (not q / scale), or let quantize_dynamic do it.",
        )
    if not scale_only:
        t.fail(
            name,
            "value",
            f"the quantised logits differ from the float model's by {error:.0%} (relative norm; int8 with a "
            "per-tensor scale max|w| / 127 stays below 1%): check the scale, the rounding and the bias.",
        )


def _serialized_size_ignores_attributes(t: Checker, serialized_size, pristine: nn.Module, float_size: int) -> None:
    """torch.save(model) pickles the whole object; the state_dict holds only parameters and buffers."""
    target = copy.deepcopy(pristine)
    target.notes = torch.zeros(100_000)  # a plain attribute: pickled with the module, not in its state_dict
    got = t.call(serialized_size, target, step="serialized_size(a model with a plain tensor attribute) runs")
    name = "serialized_size measures the state_dict"
    size = float(got) if isinstance(got, float) or hasattr(got, "__index__") else 0.0
    if size > float_size * (1 + SIZE_TOLERANCE) + 200_000:
        t.fail(
            name,
            "value",
            f"serialized_size grew from about {float_size:,} to {size:,.0f} bytes when the model got a plain "
            "tensor attribute that is not in its state_dict: you saved the whole module, torch.save(model) (a "
            "pickle of the object, code references included). Measure torch.save(model.state_dict(), buffer).",
        )
    t.passed(name, "value")


def check(t: Checker) -> None:
    quantize = t.function("quantize")
    serialized_size = t.function("serialized_size")
    single_thread_on_cpu(t)
    X, y = load_digits()
    X_train, X_test, y_train, y_test = split(X / 16.0, y, 0.25, seed=t.seed % 2**32)
    Xtr = torch.tensor(X_train, dtype=torch.float32, device=t.device)
    ytr = torch.tensor(y_train, dtype=torch.int64, device=t.device)
    Xte = torch.tensor(X_test, dtype=torch.float32)
    yte = torch.tensor(y_test, dtype=torch.int64)

    model = _train(t, Xtr, ytr)
    pristine = copy.deepcopy(model)
    float_accuracy = _accuracy(pristine.cpu(), Xte, yte)
    float_size = _size(pristine)

    qmodel = t.call(quantize, model, step="quantize runs")
    t.expect(
        "quantize returns a model",
        isinstance(qmodel, nn.Module),
        f"quantize returned {type(qmodel).__name__}; return the quantised nn.Module.",
        kind="run",
    )
    same_types = [type(m) for m in model.modules()] == [type(m) for m in pristine.modules()]
    same_weights = same_types and all(
        torch.equal(a.detach().cpu(), b.detach().cpu())
        for a, b in zip(model.state_dict().values(), pristine.state_dict().values(), strict=True)
    )
    t.expect(
        "the original model is unchanged",
        same_weights,
        "quantize changed the model it was given (quantize_dynamic(..., inplace=True), or layers swapped "
        "on the original). Keep the float model intact and return a new one: quantize a copy.",
        kind="property",
    )

    out = t.call(qmodel, Xte[:5].clone(), step="the quantised model runs on a CPU batch", hint=_cpu_hint)
    t.expect_array("the quantised model's logits", out, shape=(5, 10), tensor=True, device="cpu")

    quantized_size = _size(qmodel)
    ratio = float_size / max(quantized_size, 1)
    t.note(f"state_dict sizes: float32 {float_size:,} bytes, quantised {quantized_size:,} bytes ({ratio:.2f}×)")
    if ratio < MIN_RATIO:
        t.fail(f"at least {MIN_RATIO:g}× smaller", "property", _why_not_smaller(pristine, qmodel, ratio, Xte))
    t.passed(f"at least {MIN_RATIO:g}× smaller", "property", f"{ratio:.2f}× smaller")

    _check_logits(t, pristine, qmodel, Xte, scale_only=True)  # a wrong scale first: accuracy cannot see it
    q_accuracy = float(t.call(_accuracy, qmodel, Xte, yte, step="the quantised model runs on the test set"))
    drop = float_accuracy - q_accuracy
    t.expect(
        f"accuracy drops by at most {100 * MAX_DROP:g} point",
        drop <= MAX_DROP + 1e-9,
        f"held-out accuracy fell from {100 * float_accuracy:.1f}% to {100 * q_accuracy:.1f}% "
        f"({100 * drop:.1f} points; at most {100 * MAX_DROP:g} allowed). int8 with a well-chosen scale "
        "(per tensor: max|w| / 127) barely changes a trained model's predictions: check the scale and "
        "the rounding, or use quantize_dynamic.",
        kind="property",
    )
    t.passed("held-out accuracy", "value", f"float32 {100 * float_accuracy:.1f}%, int8 {100 * q_accuracy:.1f}%")
    _check_logits(t, pristine, qmodel, Xte, scale_only=False)

    for label, target, expected in (
        ("the float32 model", copy.deepcopy(pristine), float_size),
        ("the quantised model", qmodel, quantized_size),
    ):
        got = t.call(serialized_size, target, step=f"serialized_size({label}) runs")
        if isinstance(got, bool) or not isinstance(got, int | float) and not hasattr(got, "__index__"):
            t.fail(
                f"serialized_size({label})",
                "value",
                f"serialized_size returned {type(got).__name__}; return the byte count as an int.",
            )
        got = float(got)
        if abs(got - expected) <= SIZE_TOLERANCE * expected:
            t.passed(f"serialized_size({label})", "value", f"{int(got):,} bytes")
            continue
        message = (
            f"serialized_size({label}) = {got:,.0f}, but torch.save(model.state_dict(), buffer) writes "
            f"{expected:,} bytes."
        )
        params = sum(p.numel() * p.element_size() for p in target.parameters())
        if label == "the quantised model" and abs(got - params) <= 0.05 * max(params, 1) + 64:
            message += (
                " You counted model.parameters(), but a quantised Linear keeps its int8 weights in "
                "packed form outside parameters(); measure what is saved: the state_dict through "
                "torch.save into an io.BytesIO."
            )
        elif got in (sys.getsizeof(target.state_dict()), sys.getsizeof(target)):
            message += (
                " sys.getsizeof measures only the Python object itself (a dict holding references), "
                "not the tensors' bytes; measure what torch.save writes into an io.BytesIO."
            )
        elif expected / max(got, 1) > 900:
            message += " Count bytes, not kilobytes or megabytes."
        t.fail(f"serialized_size({label})", "value", message)
    _serialized_size_ignores_attributes(t, serialized_size, pristine, float_size)
