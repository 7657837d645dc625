# expect: with no 'features' field crashed the handler
# mistake: parses the body by hand (await request.json(), data["features"]): missing field / bad JSON become 500s
"""A prediction service: FastAPI in front of a trained digits classifier."""

import math

import torch
from fastapi import FastAPI, HTTPException, Request

N_FEATURES = 64
MAX_BATCH = 64


def create_app(model):
    model.eval()
    device = next(model.parameters()).device
    app = FastAPI()

    def run(rows):
        for row in rows:
            if len(row) != N_FEATURES:
                raise HTTPException(status_code=422, detail=f"expected {N_FEATURES} features, got {len(row)}")
            if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in row):
                raise HTTPException(status_code=422, detail="features must be finite numbers")
        x = torch.tensor(rows, dtype=torch.float32, device=device)
        with torch.no_grad():
            p = torch.softmax(model(x), dim=1)
        return p.argmax(1).tolist(), p.cpu().tolist()

    @app.post("/predict")
    async def predict(request: Request):
        data = await request.json()
        labels, probs = run([data["features"]])
        return {"label": labels[0], "probabilities": probs[0]}

    @app.post("/predict_batch")
    async def predict_batch(request: Request):
        data = await request.json()
        rows = data["instances"]
        if not 1 <= len(rows) <= MAX_BATCH:
            raise HTTPException(status_code=422, detail="1 to 64 instances")
        labels, probs = run(rows)
        return {"labels": labels, "probabilities": probs}

    return app
