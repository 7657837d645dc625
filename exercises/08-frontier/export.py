"""Export a trained model twice: as a PyTorch program, and as ONNX for onnxruntime.

The model is an nn.Module taking a float32 batch of shape (n, 64) and returning
logits (n, 10). It arrives in training mode, with Dropout and BatchNorm inside.
`example` is one batch of shape (4, 64) on the model's device; `path` is a str.

save_program(model, example, path): export the model's INFERENCE behaviour as a
    program that loads without your Python code — torch.export (export + save) or
    TorchScript (torch.jit.script/trace + torch.jit.save) — with a dynamic batch axis.
load_program(path): load it back; return something callable on a batch tensor.
export_onnx(model, example, path): write an ONNX file with torch.onnx.export, the
    batch axis dynamic. (The default exporter, dynamo=True, works offline here; the
    legacy dynamo=False exporter works too but is deprecated.)
run_onnx(path, x): run the ONNX file with onnxruntime on a NumPy array x of any
    float dtype, shape (n, 64); return the logits as a NumPy array of shape (n, 10).

Run `dltutor check export` (add `--device cuda` to use a GPU).
"""

import numpy as np  # noqa: F401 - you will need these
import onnxruntime as ort  # noqa: F401
import torch  # noqa: F401


def save_program(model, example, path):
    # TODO: put the model in inference mode, export it with a dynamic batch axis, save it to path.
    raise NotImplementedError


def load_program(path):
    # TODO: load the saved program; return a callable module.
    raise NotImplementedError


def export_onnx(model, example, path):
    # TODO: torch.onnx.export with the batch axis dynamic.
    raise NotImplementedError


def run_onnx(path, x):
    # TODO: an onnxruntime InferenceSession; feed x (as float32) under the graph's input name.
    raise NotImplementedError
