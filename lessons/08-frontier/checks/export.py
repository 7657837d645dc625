"""Checker: a model saved as a self-contained program (TorchScript or torch.export) and as ONNX.

1. save_program / load_program: the file loads with torch.jit.load or torch.export.load
   alone (no Python class needed), and both that and the learner's loader give eager
   eval-mode outputs for batches of 1, 4 and 7 (the example had 4: the batch axis must be
   dynamic). A program exported in training mode (Dropout drops, BatchNorm uses batch
   statistics) is named.
2. export_onnx: a valid ONNX graph with one input whose first axis is symbolic, and
   onnxruntime reproduces the eager outputs for batches 1, 4 and 7.
3. run_onnx: any float dtype in, float32 logits of shape (n, 10) out. The checker opens
   the file by its path: the default exporter keeps the weights in model.onnx.data beside
   it, which a session built from the file's bytes cannot find (named for run_onnx).
   An ONNX graph exported in training mode is named as such.

The torch.export-based ONNX exporter costs ~6 s of CPU on its first call (it builds
its op registry), so this exercise has its own time limit.
"""

import copy
import tempfile
import warnings
from pathlib import Path

import numpy as np
import torch
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import single_thread_on_cpu

FEATURES, CLASSES, EXAMPLE_BATCH = 64, 10, 4
BATCHES = (EXAMPLE_BATCH, 7, 1)  # the example's size first: a mismatch there is diagnosed best


def _model(seed: int) -> nn.Module:
    """A small classifier with the two layers that behave differently in training mode."""
    torch.manual_seed(seed)
    model = nn.Sequential(
        nn.Linear(FEATURES, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Dropout(0.3), nn.Linear(32, CLASSES)
    )
    with torch.no_grad():  # running statistics as after training, far from a batch's own
        model[1].running_mean.normal_(0.0, 0.5)
        model[1].running_var.uniform_(0.5, 2.0)
    return model.train()  # handed over as a training loop leaves it


def _static_hint(kind: str):
    def hint(exc: BaseException) -> str | None:
        text = str(exc)
        if any(s in text for s in ("Guard failed", "size()[0] ==", "invalid dimensions", "Expected: 4")):
            return (
                f"the {kind} only accepts a batch of {EXAMPLE_BATCH}, the example's size: the batch axis "
                "was fixed at export time. Mark dimension 0 as dynamic (torch.export.Dim for "
                "dynamic_shapes, or dynamic_axes with the legacy exporter)."
            )
        if "ExportedProgram directly" in text:
            return "load_program returned the ExportedProgram; return `program.module()`, which is callable."
        return None

    return hint


def _load_independently(path: Path, device: str):
    """Load as a deployment would: with torch alone, never with the learner's code."""
    problems = []
    try:
        return torch.jit.load(str(path), map_location=device), "TorchScript"
    except Exception as exc:  # noqa: BLE001 - not TorchScript: try the other format
        problems.append(f"torch.jit.load: {str(exc).splitlines()[0][:120]}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return torch.export.load(str(path)).module(), "torch.export"
    except Exception as exc:  # noqa: BLE001
        problems.append(f"torch.export.load: {str(exc).splitlines()[0][:120]}")
    return None, "; ".join(problems)


def _diagnose_program(t: Checker, program, model: nn.Module, x: torch.Tensor) -> str | None:
    """Why a program's outputs differ from eager eval mode, if we can tell."""
    with torch.no_grad():
        first, second = program(x.clone()), program(x.clone())
        if not torch.allclose(first, second):
            return (
                "two calls on the same input gave different outputs: Dropout is still active, so "
                "the model was exported in training mode. Call model.eval() before exporting."
            )
        batch_stats = copy.deepcopy(model).eval()
        batch_stats[1].train()  # BatchNorm on the batch's own statistics, Dropout off
        if len(x) > 1 and torch.allclose(first, batch_stats(x.clone()), rtol=1e-4, atol=1e-4):
            return (
                "the outputs are those of BatchNorm using the batch's own statistics: the model was "
                "exported in training mode. Call model.eval() before exporting."
            )
    return None


def _program_part(t: Checker, model: nn.Module, inputs: dict, expected: dict, folder: Path, rtol, atol) -> None:
    save_program = t.function("save_program")
    load_program = t.function("load_program")
    path = folder / "model.pt2"
    example = inputs[EXAMPLE_BATCH].clone()
    t.call(save_program, copy.deepcopy(model), example, str(path), step="save_program runs")
    t.expect(
        "save_program wrote the file",
        path.is_file() and path.stat().st_size > 0,
        "save_program(model, example, path) wrote nothing at `path`; save the program there "
        "(torch.export.save(program, path) or torch.jit.save(scripted, path)).",
        kind="run",
    )

    loaded, how = _load_independently(path, t.device)
    t.expect(
        "the file is a self-contained program",
        loaded is not None,
        "neither torch.jit.load nor torch.export.load can open the file, so a server without your "
        "Python code cannot run it. torch.save(model) or a state_dict only stores weights (or a "
        "pickled reference to your class); export a program instead: torch.export.export + "
        f"torch.export.save, or torch.jit.script/trace + torch.jit.save. ({how})",
        kind="run",
    )
    t.note(f"your program is a {how} archive")

    program = t.call(load_program, str(path), step="load_program runs")
    if isinstance(program, torch.export.ExportedProgram):
        t.fail(
            "load_program returns a callable model",
            "run",
            "load_program returned the ExportedProgram itself; return `program.module()` — the "
            "callable module it holds.",
        )
    t.expect(
        "load_program returns a callable model",
        callable(program),
        f"load_program returned {type(program).__name__}, which cannot be called on a batch.",
        kind="run",
    )

    for label, fn in (("your load_program", program), (f"{how} loaded by the checker", loaded)):
        for n in BATCHES:
            with torch.no_grad():
                out = t.call(fn, inputs[n].clone(), step=f"{label}: batch of {n} runs", hint=_static_hint("program"))
            if n == EXAMPLE_BATCH:
                t.expect_array(f"{label}: output tensor", out, shape=(n, CLASSES), tensor=True, device=t.device)
            why = None
            if not torch.allclose(out.detach().float(), expected[n], rtol=rtol, atol=atol):
                why = _diagnose_program(t, fn, model, inputs[n])
            if why:
                t.fail(f"{label}: batch of {n} matches eager eval mode", "value", why)
            t.expect_close(
                f"{label}: batch of {n} matches eager eval mode", out, expected[n], rtol=rtol, atol=atol, tensor=True
            )


def _diagnose_onnx(session, name, model, x, out, expected, tol) -> str | None:
    """Why onnxruntime's outputs differ from eager eval mode, if the graph kept training-mode behaviour."""
    if np.allclose(out, expected.cpu().numpy(), rtol=tol, atol=tol):
        return None
    again = session.run(None, {name: x.cpu().numpy().astype(np.float32)})[0]
    if not np.allclose(out, again):
        return (
            "two runs of the ONNX graph on the same input gave different outputs: Dropout is still active in "
            "it, so it was exported in training mode (training=TrainingMode.TRAINING, or a model in train mode). "
            "Call model.eval() before torch.onnx.export and keep its default training=TrainingMode.EVAL."
        )
    batch_stats = copy.deepcopy(model).eval()
    batch_stats[1].train()  # BatchNorm on the batch's own statistics, Dropout off
    with torch.no_grad():
        own = batch_stats(x.clone()).float().cpu().numpy()
    if len(x) > 1 and np.allclose(out, own, rtol=1e-3, atol=1e-3):
        return (
            "the ONNX outputs are those of BatchNorm using the batch's own statistics: the graph was exported "
            "in training mode. Call model.eval() before torch.onnx.export (and keep training=TrainingMode.EVAL)."
        )
    return None


def _onnx_part(t: Checker, model: nn.Module, inputs: dict, expected: dict, folder: Path) -> None:
    import onnx
    import onnxruntime as ort

    export_onnx = t.function("export_onnx")
    run_onnx = t.function("run_onnx")
    path = folder / "model.onnx"
    t.call(
        export_onnx,
        copy.deepcopy(model),
        inputs[EXAMPLE_BATCH].clone(),
        str(path),
        step="export_onnx runs",
        budget_s=max(10.0, t.time_left() - 15.0),
    )
    t.expect(
        "export_onnx wrote the file",
        path.is_file() and path.stat().st_size > 0,
        "export_onnx(model, example, path) wrote nothing at `path`; pass `path` to torch.onnx.export.",
        kind="run",
    )
    try:
        graph = onnx.load(str(path))
        onnx.checker.check_model(graph)
    except Exception as exc:  # noqa: BLE001 - any reason the file is not ONNX
        t.fail(
            "the file is a valid ONNX model",
            "run",
            f"onnx cannot load or validate the file: "
            f"{str(exc).splitlines()[0][:200]} — write it with torch.onnx.export.",
        )
    weights = {init.name for init in graph.graph.initializer}
    graph_inputs = [i for i in graph.graph.input if i.name not in weights]
    t.expect(
        "the ONNX graph has one input",
        len(graph_inputs) == 1,
        f"the graph has {len(graph_inputs)} inputs ({[i.name for i in graph_inputs]}); the model "
        "takes one batch tensor — pass the example as a one-element tuple `(example,)`.",
        kind="shape",
    )
    first_axis = graph_inputs[0].type.tensor_type.shape.dim[0]
    t.expect(
        "the ONNX batch axis is dynamic",
        not first_axis.HasField("dim_value") or first_axis.dim_value <= 0,
        f"the ONNX input's first axis is fixed at {first_axis.dim_value}: the graph only accepts batches of "
        f"{first_axis.dim_value}. Mark it dynamic — dynamic_shapes=({{0: torch.export.Dim('batch')}},) "
        "with the default exporter, or dynamic_axes={input_name: {0: 'batch'}} with dynamo=False "
        "(the key must be the name you gave in input_names).",
        kind="shape",
    )
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    tol = max(t.float_tolerances()[0], 1e-4)
    for n in BATCHES:
        out = t.call(
            lambda x: session.run(None, {name: x})[0],
            inputs[n].cpu().numpy().astype(np.float32),
            step=f"onnxruntime: batch of {n} runs",
            hint=_static_hint("ONNX graph"),
        )
        if isinstance(out, np.ndarray) and out.shape == tuple(expected[n].shape):
            why = _diagnose_onnx(session, name, model, inputs[n], out, expected[n], tol)
            if why:
                t.fail(f"onnxruntime: batch of {n} matches eager eval mode", "value", why)
        t.expect_close(f"onnxruntime: batch of {n} matches eager eval mode", out, expected[n], rtol=tol, atol=tol)

    x64 = inputs[5].cpu().numpy().astype(np.float64)

    def dtype_hint(exc: BaseException) -> str | None:
        if "tensor(double)" in str(exc):
            return "onnxruntime wants exactly the graph's dtype: convert with x.astype(np.float32) first."
        if "External data path" in str(exc):
            return (
                "the exporter kept the weights in a side file next to the graph (model.onnx.data: the default "
                "exporter does that), and a session built from the file's BYTES cannot find it. Give "
                "onnxruntime the path, ort.InferenceSession(path), or export with external_data=False."
            )
        if "Unexpected input data type" in str(exc):
            return (
                "onnxruntime wants exactly the graph's dtype, float32 (the model's weights' dtype), not "
                "another float type: convert with x.astype(np.float32)."
            )
        return None

    got = t.call(run_onnx, str(path), x64.copy(), step="run_onnx on a float64 batch of 5 runs", hint=dtype_hint)
    if isinstance(got, list | tuple):
        t.fail(
            "run_onnx returns the logits array",
            "shape",
            f"run_onnx returned a {type(got).__name__} (session.run returns one array per output); "
            "return its first element, the logits.",
        )
    t.expect_array("run_onnx returns the logits array", got, shape=(5, CLASSES))
    logits = expected[5].cpu().double()
    t.expect_close(
        "run_onnx: logits match eager eval mode",
        got,
        logits,
        rtol=tol,
        atol=tol,
        mistakes={
            "run_onnx returned probabilities: return the model's raw logits, without a softmax.": torch.softmax(
                logits, dim=1
            ),
        },
    )


def check(t: Checker) -> None:
    single_thread_on_cpu(t)
    model = _model(t.seed).to(t.device)
    gen = torch.Generator().manual_seed(t.seed)
    inputs = {n: torch.randn(n, FEATURES, generator=gen).to(t.device) for n in (*BATCHES, 5)}
    with torch.no_grad():
        reference = copy.deepcopy(model).eval()
        expected = {n: reference(x).float() for n, x in inputs.items()}
    rtol, atol = (1e-3, 1e-3) if t.on_gpu else (1e-4, 1e-5)
    with tempfile.TemporaryDirectory(prefix="dltutor-export-") as tmp:
        with t.part("program"):
            _program_part(t, model, inputs, expected, Path(tmp), rtol, atol)
        with t.part("ONNX"):
            _onnx_part(t, model, inputs, expected, Path(tmp))
