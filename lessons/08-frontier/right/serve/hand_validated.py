"""No pydantic models: the body is parsed and checked by hand, every problem a 400/413/422."""

import json
import math

import torch
from fastapi import FastAPI, HTTPException, Request

MAX_BATCH = 64


def _row(value, where):
    if not isinstance(value, list) or len(value) != 64:
        raise HTTPException(422, f"{where} must be a list of 64 numbers")
    for v in value:
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise HTTPException(422, f"{where} holds {v!r}, which is not a finite number")
    return value


async def _body(request: Request, key: str):
    try:
        data = json.loads(await request.body())
    except ValueError as exc:
        raise HTTPException(400, f"the body is not JSON: {exc}") from None
    if not isinstance(data, dict) or key not in data:
        raise HTTPException(422, f"the body must be a JSON object with a {key!r} field")
    return data[key]


def create_app(model):
    model = model.eval()
    device = next(model.parameters()).device
    app = FastAPI()

    def infer(rows):
        with torch.inference_mode():
            probs = model(torch.as_tensor(rows, dtype=torch.float32, device=device)).softmax(dim=-1).cpu()
        return [int(i) for i in probs.argmax(dim=-1)], probs.tolist()

    @app.post("/predict")
    async def predict(request: Request):
        row = _row(await _body(request, "features"), "features")
        labels, probs = infer([row])
        return {"label": labels[0], "probabilities": probs[0]}

    @app.post("/predict_batch")
    async def predict_batch(request: Request):
        rows = await _body(request, "instances")
        if not isinstance(rows, list) or not rows:
            raise HTTPException(422, "instances must be a non-empty list of rows")
        if len(rows) > MAX_BATCH:
            raise HTTPException(413, f"at most {MAX_BATCH} rows per request, got {len(rows)}")
        rows = [_row(r, f"instances[{i}]") for i, r in enumerate(rows)]
        labels, probs = infer(rows)
        return {"labels": labels, "probabilities": probs}

    return app
