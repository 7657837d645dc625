"""The check protocol: typed values survive the wire, versions are stamped, garbage is refused."""

from __future__ import annotations

import json
import math

import pytest

from tutor.protocol import (
    CHECK_SCHEMA,
    CheckRequest,
    CheckResult,
    CurveEvent,
    Details,
    GradientElement,
    NoteEvent,
    ReadyEvent,
    Status,
    Step,
    StepEvent,
    StepKind,
    Target,
    TargetEvent,
    VerdictEvent,
    event_line,
    parse_event,
)

RICH_DETAILS = Details(
    expected=[4, 3],
    got=[3, 4],
    index=(1, 2),
    mismatches=3,
    total=12,
    max_abs_error=0.5,
    relative_error=0.25,
    worst=(GradientElement((0, 1), 2.0, 1.0, 1.0),),
    nan_step=7,
    curve_tail=(1.0, math.inf),
    traceback="  File x.py, line 3\nValueError: no",
    trial=4,
    input="array([1, 2])",
    patched=("numpy.allclose",),
    extra={"layer": 2},
)


def test_every_event_round_trips_through_a_line():
    step = Step("rows sum to one", StepKind.VALUE, Status.FAIL, "off by one", RICH_DETAILS)
    events = [
        ReadyEvent(torch=True),
        StepEvent(step),
        CurveEvent("loss", 3, 0.5),
        CurveEvent("loss", 4, math.nan),
        TargetEvent(Target("trains", "loss", 0.1, "below", 200)),
        NoteEvent("budget reached"),
        VerdictEvent(Status.ERROR, "crashed", "cuda:0", usage_error=True, details=Details(file="a.py", line=3)),
    ]
    for event in events:
        parsed = parse_event(event_line(event, pid=42))
        assert parsed is not None
        pid, back = parsed
        assert pid == 42 and type(back) is type(event)
        if isinstance(event, CurveEvent) and math.isnan(event.value):
            assert isinstance(back, CurveEvent) and math.isnan(back.value)
        else:
            assert back == event


def test_a_line_is_plain_json():
    line = event_line(CurveEvent("loss", 1, math.inf), pid=1)
    assert json.loads(line) == {"event": "curve", "series": "loss", "step": 1, "value": "inf", "pid": 1}


@pytest.mark.parametrize(
    "line",
    [
        b"",
        b"not json",
        b"[1, 2]",
        b'"a string"',
        b'{"event": "nonsense"}',
        b'{"no_event": 1}',
        b'{"event": "curve", "series": "loss", "step": "x", "value": 1}',
        b"\xff\xfe",
        b'{"event": "target"}',
    ],
)
def test_garbage_lines_are_refused(line):
    assert parse_event(line) is None


def test_unknown_keys_are_ignored_and_unknown_status_is_an_error():
    line = json.dumps({"event": "verdict", "status": "passed!!", "future_field": [1], "pid": 5})
    parsed = parse_event(line)
    assert parsed is not None and parsed[1] == VerdictEvent(Status.ERROR)
    step = Step.from_json({"name": "n", "kind": "brand-new-kind", "status": "pass", "extra": 1})
    assert step.kind == StepKind.RUN and step.passed


def test_details_keep_what_they_cannot_type():
    details = Details.from_json({"nan_step": "soon", "worst": [{"index": "?"}], "layer": 3, "expected": None})
    assert details.nan_step is None and details.worst == ()
    assert details.extra == {"nan_step": "soon", "worst": [{"index": "?"}], "layer": 3}
    assert Details.from_json(details.to_json()) == details
    assert Details.from_json("not a mapping") == Details()


def test_details_round_trip():
    back = Details.from_json(json.loads(json.dumps(RICH_DETAILS.to_json())))
    assert back == RICH_DETAILS


def test_check_result_document_is_versioned_and_round_trips():
    result = CheckResult(
        "softmax",
        Status.FAIL,
        "cpu",
        1234,
        0.2137,
        message="",
        steps=[
            Step("shape", StepKind.SHAPE, Status.PASS),
            Step("values", StepKind.VALUE, Status.FAIL, "no", RICH_DETAILS),
        ],
        curves={"loss": [(0, 1.0), (1, math.nan)]},
        targets=[Target("t", "loss", 0.1, "below", 10)],
        notes=["a note"],
        output="hello\n",
    )
    document = json.loads(json.dumps(result.to_json()))  # strict JSON: NaN travels as a string
    assert document["schema"] == CHECK_SCHEMA and document["status"] == "fail"
    assert document["duration_s"] == 0.214 and "usage_error" not in document
    assert document["curves"]["loss"][1] == [1, "nan"]
    back = CheckResult.from_json(document | {"a_field_from_the_future": True})
    assert back.steps == result.steps and back.targets == result.targets and back.notes == result.notes
    assert back.curves["loss"][0] == (0, 1.0) and math.isnan(back.curves["loss"][1][1])
    assert back.nan_step() is None and back.failed_steps() == [result.steps[1]]


def test_status_is_a_string():
    assert Status.PASS == "pass" and json.dumps(Status.FAIL) == '"fail"' and f"{Status.ERROR}" == "error"


def test_request_round_trips_and_ignores_unknown_keys():
    request = CheckRequest("softmax", "/l.py", "/c.py", "/r.py", 7, "cpu", False, 10.0, 512, None)
    line = json.dumps(json.loads(request.to_line()) | {"new_key": 1})
    assert CheckRequest.from_line(line) == request


def test_an_array_picture_round_trips_and_bad_ones_are_kept_aside():
    picture = {
        "expected": [[1.0, None], [0.5, 2.0]],
        "got": [[1.0, 3.0], [0.5, None]],
        "differs": [[False, True], [False, True]],
        "where": [1],
    }
    details = Details.from_json({"picture": picture})
    assert details.picture is not None and details.picture.where == (1,)
    assert math.isnan(details.picture.expected[0][1]) and details.picture.differs[1] == (False, True)
    assert json.loads(json.dumps(details.to_json()))["picture"] == picture
    ragged = {"expected": [[1.0], [1.0, 2.0]], "got": [[1.0], [1.0, 2.0]], "differs": [[True], [True, True]]}
    assert Details.from_json({"picture": ragged}).picture is None
    assert Details.from_json({"picture": ragged}).extra == {"picture": ragged}
