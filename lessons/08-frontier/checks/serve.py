"""Checker: a FastAPI prediction service, started with uvicorn on 127.0.0.1 and probed over HTTP.

All traffic goes to 127.0.0.1 on a port the OS picks; every loop is bounded; the server
thread is stopped on every path (see _loopback.py).

1. good requests: /predict gives the model's argmax and softmax; two identical requests
   give identical answers (a model left in training mode keeps its Dropout on);
   /predict_batch answers 16 rows in ONE forward pass (a forward hook counts them);
2. bad requests, each answered with a 4xx and a message, never a 5xx or a dropped
   connection: wrong length, a string among the numbers, NaN, Infinity, a missing field,
   a body that is not JSON, a nested list to /predict; an empty, oversized (65 rows),
   ragged or flat batch. The server must still answer afterwards;
3. latency: p50 and p95 of 30 sequential /predict calls (after 3 warm-up calls); the
   p50 must stay under 500 ms (the reference: ~5 ms quiet, ~70 ms on a loaded 2-core machine).
"""

import json
import math
import time

import numpy as np
import torch
from _loopback import ServerDidNotStart, serve_on_loopback
from torch import nn

from tutor.checks import Checker
from tutor.checks.core import describe_exception

FEATURES, CLASSES, MAX_BATCH = 64, 10, 64
LATENCY_CALLS, WARMUP_CALLS = 30, 3
MAX_P50_S = 0.5  # a sanity bound: the reference takes ~5 ms quiet, ~70 ms on a loaded 2-core box
TIMEOUT_S = 5.0


def _model(seed: int) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(FEATURES, 32), nn.ReLU(), nn.Dropout(0.5), nn.Linear(32, CLASSES)).train()


class _Calls:
    """Batch sizes of every forward pass the learner's app makes."""

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def __call__(self, module, args) -> None:
        if args and hasattr(args[0], "shape") and len(args[0].shape) >= 1:
            self.sizes.append(int(args[0].shape[0]))


def _server_error(t: Checker, server) -> str:
    errors = server.take_errors()
    if not errors:
        return ""
    summary, details = describe_exception(errors[-1], t.learner_file)
    return f" The server raised {summary}"


def _post(t: Checker, client, server, name: str, path: str, *, payload=None, content: str | None = None):
    import httpx

    try:
        if content is not None:
            return client.post(path, content=content, headers={"content-type": "application/json"})
        return client.post(path, json=payload)
    except httpx.HTTPError as exc:
        alive = "" if server.alive else " and the server thread has stopped"
        t.fail(
            name,
            "run",
            f"POST {path} got no answer ({type(exc).__name__}: {exc}){alive} — the service "
            f"must answer every request, within {TIMEOUT_S:g} s.{_server_error(t, server)}",
        )
    raise AssertionError("unreachable")


def _json(t: Checker, name: str, response) -> dict:
    try:
        body = response.json()
    except ValueError:
        t.fail(name, "value", f"the response is not JSON: {response.text[:200]!r}")
    if not isinstance(body, dict):
        t.fail(name, "value", f"the response should be a JSON object, got {type(body).__name__}: {str(body)[:200]}")
    return body


def _good(t: Checker, client, server, name: str, path: str, payload) -> dict:
    response = _post(t, client, server, name, path, payload=payload)
    if response.status_code != 200:
        t.fail(
            name,
            "run",
            f"POST {path} with a valid body answered {response.status_code}: "
            f"{response.text[:300]}{_server_error(t, server)}",
        )
    return _json(t, name, response)


def _expect_probabilities(t: Checker, name: str, got, logits: torch.Tensor) -> None:
    expected = torch.softmax(logits, dim=1)
    rows = expected.shape[0]
    ok = (
        isinstance(got, list)
        and len(got) == rows
        and all(
            isinstance(row, list) and len(row) == CLASSES and all(isinstance(v, int | float) for v in row)
            for row in got
        )
    )
    t.expect(
        f"{name}: shape", ok, f"expected {rows} list(s) of {CLASSES} numbers, got {json.dumps(got)[:200]}", kind="shape"
    )
    values = np.array(got, dtype=np.float64)
    t.expect_close(
        name,
        values,
        expected.numpy(),
        rtol=1e-4,
        atol=1e-5,
        mistakes={
            "those are the raw logits; return probabilities: torch.softmax(logits, dim=1).": logits.numpy(),
            "those are log-probabilities; return probabilities: torch.softmax(logits, dim=1).": torch.log_softmax(
                logits, 1
            ).numpy(),
            "the softmax ran over dim 0, the batch axis (a single row then gives all 1s): each row's probabilities "
            "must sum to 1 over the classes — torch.softmax(logits, dim=1).": torch.softmax(logits, 0).numpy(),
        },
    )


def _good_requests(t: Checker, client, server, model, calls: _Calls, X: torch.Tensor) -> None:
    with torch.no_grad():
        logits = model(X).double().cpu()
    expected = torch.softmax(logits, dim=1)
    calls.sizes.clear()
    first = _good(t, client, server, "POST /predict", "/predict", {"features": X[0].tolist()})
    again = _good(t, client, server, "POST /predict", "/predict", {"features": X[0].tolist()})
    t.expect(
        "POST /predict: label and probabilities",
        {"label", "probabilities"} <= set(first),
        f"the response needs the keys 'label' and 'probabilities'; got {sorted(first)}.",
        kind="shape",
    )
    if first != again:
        t.fail(
            "POST /predict: the same request gives the same answer",
            "value",
            "two identical requests got different answers: the model is still in training mode, so Dropout "
            "changes every prediction. Call model.eval() when you create the app.",
        )
    label = first["label"]
    t.expect(
        "POST /predict: label is an int",
        isinstance(label, int) and not isinstance(label, bool),
        f"'label' should be an integer class index, got {json.dumps(label)} — use int(...) or .item().",
        kind="shape",
    )
    _expect_probabilities(t, "POST /predict: probabilities", [first["probabilities"]], logits[:1])
    t.expect_equal("POST /predict: label is the most probable class", label, int(expected[0].argmax()))
    for i in (1, 2):
        body = _good(t, client, server, "POST /predict", "/predict", {"features": X[i].tolist()})
        t.expect_equal(f"POST /predict: label of sample {i}", body.get("label"), int(expected[i].argmax()))

    rows = 16
    calls.sizes.clear()
    body = _good(t, client, server, "POST /predict_batch", "/predict_batch", {"instances": X[:rows].tolist()})
    t.expect(
        "POST /predict_batch: labels and probabilities",
        {"labels", "probabilities"} <= set(body),
        f"the response needs the keys 'labels' and 'probabilities'; got {sorted(body)}.",
        kind="shape",
    )
    labels = body["labels"]
    t.expect(
        "POST /predict_batch: labels",
        isinstance(labels, list) and labels == expected[:rows].argmax(1).tolist(),
        f"expected labels {expected[:rows].argmax(1).tolist()}, got {json.dumps(labels)[:200]}",
    )
    _expect_probabilities(t, "POST /predict_batch: probabilities", body["probabilities"], logits[:rows])
    t.expect(
        "POST /predict_batch: one forward pass for the batch",
        calls.sizes and max(calls.sizes) == rows,
        f"the model ran {len(calls.sizes)} times on batches of {sorted(set(calls.sizes))} for one request "
        f"of {rows} rows: stack the rows into one (n, 64) tensor and call the model once — batching is what "
        "the endpoint is for.",
        kind="property",
    )


def _bad_requests(X: torch.Tensor) -> list[tuple[str, str, dict | None, str | None]]:
    row = [round(v, 4) for v in X[0].tolist()]
    text = json.dumps(row)
    rest = json.dumps(row[1:])[1:]  # "v1, ..., v63]": a row whose first value is written by hand
    return [
        ("63 features", "/predict", {"features": row[:-1]}, None),
        ("65 features", "/predict", {"features": [*row, 0.0]}, None),
        ("a string among the features", "/predict", {"features": ["abc", *row[1:]]}, None),
        ("a NaN feature", "/predict", None, '{"features": [NaN, ' + rest + "}"),
        ("an infinite feature", "/predict", None, '{"features": [Infinity, ' + rest + "}"),
        ("no 'features' field", "/predict", {"inputs": row}, None),
        ("a body that is not JSON", "/predict", None, "features=1,2,3"),
        ("a nested list for one sample", "/predict", {"features": [row]}, None),
        ("an empty batch", "/predict_batch", {"instances": []}, None),
        (f"a batch of {MAX_BATCH + 1} rows", "/predict_batch", {"instances": [row] * (MAX_BATCH + 1)}, None),
        ("ragged rows", "/predict_batch", {"instances": [row, row[:10]]}, None),
        ("one flat row instead of a list of rows", "/predict_batch", {"instances": row}, None),
        ("a batch with a NaN", "/predict_batch", None, '{"instances": [' + text + ", [NaN, " + rest + "]}"),
    ]


def _has_message(response) -> bool:
    try:
        body = response.json()
    except ValueError:
        return bool(response.text.strip())
    if isinstance(body, dict):
        return any(body.get(key) for key in ("detail", "error", "message", "errors"))
    return bool(body)


def _bad(t: Checker, client, server, what: str, path: str, payload, content) -> None:
    name = f"{what} → 4xx with a message"
    response = _post(t, client, server, name, path, payload=payload, content=content)
    code = response.status_code
    if code >= 500:
        t.fail(
            name,
            "run",
            f"POST {path} with {what} crashed the handler ({code}): bad input is the client's "
            "mistake, answer it with a 4xx (validate with pydantic: lengths, allow_inf_nan=False; or raise "
            f"HTTPException(422, ...)).{_server_error(t, server)}",
        )
    if code < 400:
        nan = (
            " JSON parsers accept NaN and Infinity, and so does pydantic's float unless you say "
            "Field(allow_inf_nan=False)."
            if "NaN" in what or "infinite" in what
            else ""
        )
        t.fail(
            name,
            "run",
            f"POST {path} with {what} was answered {code}, as if it were fine "
            f"({response.text[:150]}): reject it with a 4xx status (422) so the client knows the request "
            f"was wrong — an error inside a 200 body is missed by every HTTP client.{nan}",
        )
    t.expect(
        name,
        _has_message(response),
        f"POST {path} with {what} got {code} with no message; say what is "
        "wrong (FastAPI's validation errors do: {'detail': [...]}).",
        kind="run",
    )


def _latency(t: Checker, client, server, X: torch.Tensor) -> None:
    payload = {"features": X[0].tolist()}
    for _ in range(WARMUP_CALLS):
        _post(t, client, server, "latency", "/predict", payload=payload)
    times = []
    for _ in range(LATENCY_CALLS):
        start = time.perf_counter()
        response = _post(t, client, server, "latency", "/predict", payload=payload)
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            t.fail("latency", "run", f"POST /predict answered {response.status_code} during the latency run.")
    times.sort()
    p50 = times[len(times) // 2]
    p95 = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
    start = time.perf_counter()
    _post(t, client, server, "latency", "/predict_batch", payload={"instances": X[:MAX_BATCH].tolist()})
    batch_s = time.perf_counter() - start
    t.note(
        f"latency over {LATENCY_CALLS} calls of /predict: p50 {1000 * p50:.1f} ms, p95 {1000 * p95:.1f} ms; "
        f"one /predict_batch of {MAX_BATCH} rows: {1000 * batch_s:.1f} ms "
        f"({MAX_BATCH / batch_s:.0f} rows/s vs {1 / p50:.0f} rows/s one at a time)"
    )
    t.expect(
        f"p50 latency under {1000 * MAX_P50_S:.0f} ms",
        p50 <= MAX_P50_S,
        f"the median /predict call took {1000 * p50:.0f} ms; a 64→32→10 network answers in a few ms. "
        "Is something heavy (loading, copying or compiling the model) done per request instead of once "
        "in create_app?",
        kind="property",
    )


def check(t: Checker) -> None:
    import httpx

    create_app = t.function("create_app")
    if not t.on_gpu:
        torch.set_num_threads(1)
    model = _model(t.seed).to(t.device)
    reference = _model(t.seed).to(t.device).eval()
    calls = _Calls()
    model.register_forward_pre_hook(calls)
    gen = torch.Generator().manual_seed(t.seed)
    X = torch.rand(MAX_BATCH, FEATURES, generator=gen) * 16.0  # digit pixels are 0..16

    app = t.call(create_app, model, step="create_app(model) runs")
    t.expect(
        "create_app returns an app",
        callable(app),
        f"create_app returned {type(app).__name__}; return the FastAPI() instance.",
        kind="run",
    )
    try:
        with (
            serve_on_loopback(app) as server,
            httpx.Client(base_url=server.base_url, timeout=TIMEOUT_S, trust_env=False) as client,
        ):
            t.passed("uvicorn serves the app on 127.0.0.1", "run", server.base_url)
            with t.part("good requests"):
                _good_requests(t, client, server, reference, calls, X.to(t.device))
            with t.part("bad requests"):
                for what, path, payload, content in _bad_requests(X):
                    _bad(t, client, server, what, path, payload, content)
                _good(
                    t, client, server, "still serving after the bad requests", "/predict", {"features": X[3].tolist()}
                )
                t.passed("still serving after the bad requests", "run")
            with t.part("latency"):
                _latency(t, client, server, X)
    except ServerDidNotStart as exc:
        t.fail(
            "uvicorn serves the app on 127.0.0.1",
            "run",
            f"{exc}. Return a FastAPI app whose construction does no blocking work.",
        )
