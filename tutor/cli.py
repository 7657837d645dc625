"""`dltutor`: the command line. Exit codes: 0 passed, 1 failed, 2 usage error.

With no command it opens the Textual app. `--json` prints one JSON document on
stdout and nothing else (notes go to stderr). The CLI never imports torch:
learner code and checkers run in child processes (tutor.runner).
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from pathlib import Path
from typing import NoReturn

from tutor import __version__
from tutor.errors import CourseError, TutorError, UsageError
from tutor.protocol import CHECK_ALL_SCHEMA
from tutor.report import Painter, format_result

EXIT_PASS, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def seed_value(text: str) -> int:
    """--seed: what the runner, NumPy, torch and the progress store can all hold."""
    from tutor.session import MAX_SEED

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"must be from 0 to {MAX_SEED}, got {text}")
    return value


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 as well; keep one message style
        command = self.prog.removeprefix("dltutor").strip()  # main() says "dltutor: " already
        raise UsageError(f"{command}: {message}" if command else message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dltutor", description="A terminal tutor for deep learning.")
    parser.add_argument("--version", action="version", version=f"dltutor {__version__}")
    parser.add_argument("--workspace", type=Path, help="workspace folder (default: found from here)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("init", help="create a workspace with fresh starter files")
    p.add_argument("dir", nargs="?", type=Path, default=Path("."))
    p.add_argument("--track", choices=("bottom-up", "top-down"), default="bottom-up")

    p = sub.add_parser("list", help="stages and exercises with status")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("check", help="check an exercise (default: the current one) or --all")
    p.add_argument("id", nargs="?", help="exercise id (default: the one `dltutor` would continue with)")
    p.add_argument("--all", action="store_true", help="check every exercise")
    p.add_argument("--solutions", action="store_true", help="with --all: check the reference solutions")
    p.add_argument("--file", type=Path, help="check this file instead of the workspace copy")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    p.add_argument("--seed", type=seed_value, metavar="N", help="replay a run (0 to 2^63-1)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("watch", help="re-check on every save; after a pass, move on to the next exercise")
    p.add_argument("id", nargs="?", help="exercise id (default: the current one)")
    p.add_argument("--stay", action="store_true", help="keep watching this exercise after it passes")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    p.add_argument("--poll", action="store_true", help="poll instead of file events (network filesystems)")

    for name, text in (("hint", "the next hint level"), ("solution", "the reference solution, once passed")):
        sub.add_parser(name, help=f"{text} (default: the current exercise)").add_argument(
            "id", nargs="?", help="exercise id (default: the one `dltutor` would continue with)"
        )
    sub.add_parser("reset", help="restore the starter (your copy is backed up first)").add_argument("id")

    p = sub.add_parser("progress", help="progress per stage")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("track", help="show or switch the track (bottom-up, top-down)")
    p.add_argument("name", nargs="?", choices=("bottom-up", "top-down"))
    sub.add_parser("doctor", help="python, torch, CUDA devices, terminal, workspace health")
    sub.add_parser("where", help="where dltutor keeps things")
    p = sub.add_parser(
        "validate",
        help="validate a lesson pack: manifests, derivations, starters, references, and its wrong/right solutions",
    )
    p.add_argument("path", nargs="?", type=Path)
    p.add_argument("--json", action="store_true")
    p.add_argument("--static", action="store_true", help="only what needs no run: manifests, derivations, stray files")
    p.add_argument(
        "--no-proofs", action="store_true", help="skip the wrong/right solutions (starters and references still run)"
    )
    p = sub.add_parser("new", help="scaffold a stage or an exercise in a lesson pack (for authors)")
    new = p.add_subparsers(dest="what", required=True, metavar="{stage,exercise}")
    q = new.add_parser("stage", help="lessons/NN-slug/ with a manifest and a first lesson")
    q.add_argument("id", help="NN-slug, e.g. 09-graph-networks")
    q.add_argument("--title", required=True)
    q.add_argument("--course", type=Path, help="the pack's root (default: the current folder)")
    q = new.add_parser("exercise", help="starter, checker, reference, a wrong solution, a manifest entry")
    q.add_argument("id", help="snake_case exercise id")
    q.add_argument("--stage", required=True, help="the stage folder, e.g. 05-transformers")
    q.add_argument("--title")
    q.add_argument("--lesson", help="the lesson it practises (default: the stage's last lesson)")
    q.add_argument("--course", type=Path, help="the pack's root (default: the current folder)")
    return parser


def _session(args: argparse.Namespace):
    from tutor.session import Session

    session = Session.open(args.workspace)
    if session.created:
        print(
            f"dltutor: using the default workspace {session.root} (run `dltutor init DIR` to make one elsewhere)",
            file=sys.stderr,
        )
    if session.warning:
        print(f"dltutor: warning: {session.warning}", file=sys.stderr)
    # A write the store could not do (busy, full, read-only) is said as it happens, after the verdict.
    session.on_store_notice(lambda message: print(f"dltutor: {message}", file=sys.stderr, flush=True))
    for warning in session.course.warnings:
        print(f"dltutor: warning: {warning}", file=sys.stderr)
    return session


def _exercise(session, exercise_id: str | None, doing: str, *, quiet: bool = False):
    """The exercise named, or the current one (the one `dltutor` would continue with), said so."""
    if exercise_id:
        return session.course.exercise(exercise_id)
    ex = session.resume_exercise()
    if ex is None:
        raise UsageError(f"every exercise has passed; name one to {doing} it (see `dltutor list`)")
    if not quiet:
        print(f"{doing} the current exercise: {ex.id} — {ex.title}  (name another: dltutor {doing} ID)")
    return ex


def _default_workspace_note(session) -> str:
    """Said on stdout when the file checked is the default workspace's (no workspace here)."""
    from tutor import paths

    if session.root != paths.default_workspace().resolve():
        return ""
    return " in the default workspace (no workspace here or above; `dltutor where` says more)"


def _emit_json(document: object) -> None:
    json.dump(document, sys.stdout, indent=2, default=str)
    sys.stdout.write("\n")


# ---- commands ------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    from tutor.course import load_course
    from tutor.workspace import Workspace

    workspace, added = Workspace.init(args.dir, load_course(), args.track)
    print(f"workspace ready: {workspace.root} ({len(added)} starter files added, track {workspace.track})")
    print(f"next: cd {shlex.quote(str(workspace.root))} && dltutor")
    return EXIT_PASS


def cmd_list(args: argparse.Namespace) -> int:
    session = _session(args)
    states = session.states()
    if args.json:
        _emit_json(
            {
                "track": session.track.id,
                "stages": [
                    {
                        "id": stage.id,
                        "title": stage.title,
                        "exercises": [
                            {
                                "id": ex.id,
                                "title": ex.title,
                                "state": states[ex.id].state,
                                "attempts": states[ex.id].attempts,
                                "file": str(session.path_for(ex)),
                            }
                            for ex in stage.exercises
                        ],
                    }
                    for stage in session.course.stages
                ],
            }
        )
        return EXIT_PASS
    from tutor.cli_views import list_text

    print(list_text(session, Painter()))
    return EXIT_PASS


def cmd_check(args: argparse.Namespace) -> int:
    if args.all:
        if args.id or args.file:
            raise UsageError("check --all takes no exercise id or --file")
        return _check_all(args)
    if args.solutions:
        raise UsageError("--solutions goes with --all")
    session = _session(args)
    ex = _exercise(session, args.id, "check", quiet=args.json)
    paint = Painter()
    if not args.json:
        shown = args.file or session.path_for(ex)
        where = "" if args.file else _default_workspace_note(session)
        print(paint(f"checking {ex.id}: {shown}{where}", "dim"), flush=True)
    started = time.monotonic()
    result = session.check(ex.id, file=args.file, seed=args.seed, device=args.device)
    waited = time.monotonic() - started
    if result.usage_error:
        raise UsageError(result.message)
    if args.json:
        _emit_json(result.to_json())
    else:
        print(format_result(result, paint, title=f"{ex.id} — {ex.title}", waited_s=waited, torch=ex.uses_torch))
        if result.passed:
            print(paint(f"  `dltutor solution {ex.id}` shows the reference solution", "dim"))
    return EXIT_PASS if result.passed else EXIT_FAIL


def _check_all(args: argparse.Namespace) -> int:
    from tutor.runner import WarmPool

    session = _session(args)
    paint = Painter()
    results = []
    started = time.monotonic()
    exercises = session.course.exercises()
    from tutor.cli_views import working

    stage_width = max(len(ex.stage_id) for ex in exercises)
    id_width = max(len(ex.id) for ex in exercises)
    with WarmPool(cwd=str(session.root)) as pool, working("checking …") as status:
        for i, ex in enumerate(exercises):
            status.update(
                f"checking {i + 1}/{len(exercises)}: {ex.id}"
                + (" (importing torch)" if ex.uses_torch and i == 0 else "")
            )
            # Start the next exercise's spare while this one runs.
            if i + 1 < len(exercises):
                pool.prepare(exercises[i + 1].uses_torch)
            begun = time.monotonic()
            result = session.check(
                ex.id, seed=args.seed, device=args.device, solution=args.solutions, pool=pool, record=not args.solutions
            )
            waited = time.monotonic() - begun
            if result.usage_error:
                raise UsageError(result.message)
            results.append(result)
            if not args.json:
                mark = paint("✓", "green") if result.passed else paint("✗", "red")
                print(
                    f"{mark} {ex.stage_id:<{stage_width}}  {ex.id:<{id_width}}  {result.status:<5} {waited:6.2f}s",
                    flush=True,
                )
                if not result.passed:
                    print(format_result(result, paint), flush=True)
    passed = sum(r.passed for r in results)
    total_s = time.monotonic() - started
    if args.json:
        _emit_json(
            {
                "schema": CHECK_ALL_SCHEMA,
                "passed": passed,
                "failed": len(results) - passed,
                "duration_s": round(total_s, 2),
                "solutions": args.solutions,
                "results": [r.to_json() for r in results],
            }
        )
    else:
        print(f"{passed} passed, {len(results) - passed} failed in {total_s:.1f}s")
    return EXIT_PASS if passed == len(results) else EXIT_FAIL


def cmd_watch(args: argparse.Namespace) -> int:
    from tutor.watch import watch

    session = _session(args)
    if not args.id and session.resume_exercise() is None:
        print("every exercise has passed — nothing to watch")
        return EXIT_PASS
    ex = _exercise(session, args.id, "watch")
    return watch(session, ex, device=args.device, poll=args.poll, stay=args.stay)


def cmd_hint(args: argparse.Namespace) -> int:
    session = _session(args)
    ex = _exercise(session, args.id, "hint")
    hint = session.hint(ex.id)
    print(f"Hint {hint.level}/{hint.total} for {ex.id}:\n  {hint.text}")
    if hint.level == hint.total:
        print(f"(that is the last hint; `dltutor solution {ex.id}` opens once you pass)")
    return EXIT_PASS


def cmd_solution(args: argparse.Namespace) -> int:
    session = _session(args)
    ex = _exercise(session, args.id, "solution")
    try:
        text = session.solution(ex.id)
    except TutorError as exc:
        if isinstance(exc, UsageError):
            raise
        print(f"dltutor: {exc}", file=sys.stderr)
        return EXIT_FAIL
    print(text, end="" if text.endswith("\n") else "\n")
    return EXIT_PASS


def cmd_reset(args: argparse.Namespace) -> int:
    session = _session(args)
    backup = session.reset(args.id)
    path = session.path_for(session.course.exercise(args.id))
    print(f"restored the starter: {path}")
    if backup:
        print(f"your previous copy is saved as {backup}")
    return EXIT_PASS


def cmd_progress(args: argparse.Namespace) -> int:
    session = _session(args)
    if args.json:
        _emit_json(session.export_progress())
        return EXIT_PASS
    from tutor.cli_views import progress_text

    print(progress_text(session, Painter()))
    return EXIT_PASS


def cmd_track(args: argparse.Namespace) -> int:
    session = _session(args)
    if args.name:
        session.set_track(args.name)
    track = session.track
    print(f"track: {track.id} — {track.description}")
    return EXIT_PASS


def cmd_where(args: argparse.Namespace) -> int:
    from tutor import paths
    from tutor.workspace import Workspace

    workspace = Workspace.find(create_default=True)
    print(f"course content:  {paths.course_root()}")
    print(f"user data:       {paths.data_home()}   ($DLTUTOR_HOME overrides)")
    print(f"workspace:       {workspace.root}{'  (not created yet)' if workspace.created else ''}")
    print(f"progress store:  {workspace.progress_path}")
    print(f"backups:         {workspace.backups_dir}")
    return EXIT_PASS


def cmd_doctor(args: argparse.Namespace) -> int:
    from tutor.doctor import doctor

    return doctor(args.workspace)


def cmd_validate(args: argparse.Namespace) -> int:
    from tutor.validate import validate

    return validate(args.path, as_json=args.json, runs=not args.static, proofs=not args.no_proofs)


def cmd_new(args: argparse.Namespace) -> int:
    from tutor import scaffold

    root = scaffold.course_root_for_authoring(args.course)
    if args.what == "stage":
        written = scaffold.new_stage(root, args.id, args.title)
    else:
        written = scaffold.new_exercise(root, args.id, args.stage, args.title, args.lesson)
    for path in written:
        print(f"wrote {path.relative_to(root)}")
    print(f"next: fill them in, then `dltutor validate {root / 'lessons'}` lists what is left to do")
    return EXIT_PASS


def cmd_app(args: argparse.Namespace) -> int:
    from tutor import terminal

    if terminal.dumb():
        # An editor's shell buffer or a log: no cursor addressing, so no full-screen app.
        from tutor.cli_views import list_text

        session = _session(args)
        print(list_text(session, Painter()))
        print(
            f"\nTERM={terminal.term() or '(unset)'}: this terminal cannot show dltutor's "
            "full-screen app, so here is the plain view.\n`dltutor check`, `dltutor watch`, `dltutor hint` "
            "work here; set TERM=xterm-256color (in tmux: screen-256color) for the app."
        )
        return EXIT_PASS
    from tutor.app import run_app, run_error_app
    from tutor.session import Session

    try:
        session = Session.open(args.workspace)
    except TutorError as exc:
        return run_error_app(exc)
    return run_app(session)


COMMANDS = {
    "init": cmd_init,
    "list": cmd_list,
    "check": cmd_check,
    "watch": cmd_watch,
    "hint": cmd_hint,
    "solution": cmd_solution,
    "reset": cmd_reset,
    "progress": cmd_progress,
    "track": cmd_track,
    "doctor": cmd_doctor,
    "where": cmd_where,
    "validate": cmd_validate,
    "new": cmd_new,
}


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        handler = COMMANDS.get(args.command, cmd_app)
        return handler(args)
    except CourseError as exc:
        print(f"dltutor: {exc.title}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as exc:
        print(f"dltutor: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except TutorError as exc:
        print(f"dltutor: {exc.title}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        # Ctrl-C: a running check was already stopped (the runner ends it on the way out).
        print("\ndltutor: cancelled", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `dltutor list | head`: the reader left; not an error of ours
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PASS


if __name__ == "__main__":
    sys.exit(main())
