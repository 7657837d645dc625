"""Reference solution: a model saved as a torch.export program and as ONNX, both with a dynamic batch."""

import numpy as np
import onnxruntime as ort
import torch


def _batch_dim():
    # One symbolic size for dim 0; min=2 because torch.export specialises sizes 0 and 1,
    # yet the exported program still runs on a batch of one.
    return torch.export.Dim("batch", min=2, max=1024)


def save_program(model, example, path):
    """Export the model in eval mode with torch.export and save the program to `path`."""
    model.eval()
    program = torch.export.export(model, (example,), dynamic_shapes=({0: _batch_dim()},))
    torch.export.save(program, path)


def load_program(path):
    """The saved program as a callable module; no Python class of the model is needed."""
    return torch.export.load(path).module()


def export_onnx(model, example, path):
    """ONNX through the torch.export-based exporter (torch.onnx.export's default since 2.9)."""
    model.eval()
    torch.onnx.export(
        model,
        (example,),
        path,
        input_names=["input"],
        output_names=["logits"],
        dynamic_shapes=({0: _batch_dim()},),
        dynamo=True,
        verbose=False,
    )


def run_onnx(path, x):
    """Run the ONNX file with onnxruntime on a NumPy batch; returns float32 logits."""
    session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    (logits,) = session.run(None, {name: np.asarray(x, dtype=np.float32)})
    return logits
