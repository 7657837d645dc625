# expect: no 'features' field
# expect: crashed the handler
# expect: KeyError
"""Parses the body by hand: a missing field is a KeyError, hence a 500."""

import math

import torch
from fastapi import FastAPI, HTTPException, Request


def create_app(model):
    model.eval()
    app = FastAPI()

    def run(rows):
        for row in rows:
            if len(row) != 64 or not all(isinstance(v, int | float) and math.isfinite(v) for v in row):
                raise HTTPException(status_code=422, detail="each row needs 64 finite numbers")
        with torch.no_grad():
            p = torch.softmax(model(torch.tensor(rows, dtype=torch.float32)), dim=1)
        return p.argmax(1).tolist(), p.tolist()

    @app.post("/predict")
    async def predict(request: Request):
        data = await request.json()
        labels, probs = run([data["features"]])
        return {"label": labels[0], "probabilities": probs[0]}

    @app.post("/predict_batch")
    async def predict_batch(request: Request):
        data = await request.json()
        rows = data["instances"]
        if not 1 <= len(rows) <= 64:
            raise HTTPException(status_code=422, detail="1 to 64 rows")
        labels, probs = run(rows)
        return {"labels": labels, "probabilities": probs}

    return app
