# variant: no pydantic request models: raw body parsed with json.loads and validated by hand, every failure a 400 JSON error; torch.inference_mode
"""A prediction service: FastAPI in front of a trained digits classifier."""

import json
import math

import torch
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

N_FEATURES = 64
MAX_BATCH = 64


class BadRequest(Exception):
    pass


def _row(value, where):
    if not isinstance(value, list):
        raise BadRequest(f"{where}: expected a list of {N_FEATURES} numbers")
    if len(value) != N_FEATURES:
        raise BadRequest(f"{where}: expected {N_FEATURES} numbers, got {len(value)}")
    out = []
    for i, v in enumerate(value):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise BadRequest(f"{where}[{i}]: not a number")
        if not math.isfinite(v):
            raise BadRequest(f"{where}[{i}]: NaN or infinity is not allowed")
        out.append(float(v))
    return out


def create_app(model):
    model.eval()
    device = next(model.parameters()).device
    app = FastAPI()

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest):
        return JSONResponse(status_code=400, content={"detail": str(exc)})

    async def body(request: Request) -> dict:
        raw = await request.body()
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise BadRequest("the body is not valid JSON")
        if not isinstance(data, dict):
            raise BadRequest("the body must be a JSON object")
        return data

    def infer(rows):
        x = torch.tensor(rows, dtype=torch.float32, device=device)
        with torch.inference_mode():
            probs = torch.softmax(model(x), dim=-1).cpu()
        return [int(i) for i in probs.argmax(dim=-1)], probs.tolist()

    @app.post("/predict")
    async def predict(request: Request):
        data = await body(request)
        if "features" not in data:
            raise BadRequest("missing field: features")
        row = _row(data["features"], "features")
        labels, probs = infer([row])
        return {"label": labels[0], "probabilities": probs[0]}

    @app.post("/predict_batch")
    async def predict_batch(request: Request):
        data = await body(request)
        if "instances" not in data:
            raise BadRequest("missing field: instances")
        inst = data["instances"]
        if not isinstance(inst, list) or not 1 <= len(inst) <= MAX_BATCH:
            raise BadRequest(f"instances: expected a list of 1 to {MAX_BATCH} rows")
        rows = [_row(r, f"instances[{k}]") for k, r in enumerate(inst)]
        labels, probs = infer(rows)
        return {"labels": labels, "probabilities": probs}

    return app
