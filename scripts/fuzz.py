"""A long fuzz campaign: the properties of tests/test_fuzz.py with many random examples.

    python scripts/fuzz.py --examples 100000 [--seed S] [--only lint,fix] [--jobs J]

The examples are shared evenly among the chosen properties, which run side by side in
``--jobs`` worker processes (default: one per usable CPU). For each property it prints how
many examples ran, the time taken, and every distinct failure (exception type and where it
was raised) with a minimal reproducer. A failure does not end the search: once seen it is
tolerated, and the search goes on for other failures. Reproducers are minimised here by
deleting lines, then characters, while the same failure persists (quicker than Hypothesis's
shrinking through the composite strategies). Exit code 1 when anything failed.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from test_fuzz import BY_NAME, PROPERTIES, Property  # noqa: E402

INTERNAL = re.compile(r"(?:内部错误|internal error)：?:? ?(\w+)")


class OutOfTime(Exception):
    """--max-seconds has passed: ends the round from inside Hypothesis's loop."""


@dataclass
class Failure:
    signature: str
    where: str  # the last frame of the traceback
    message: str
    example: tuple[Any, ...]
    hits: int = 1


@dataclass
class Outcome:
    name: str
    examples: int = 0
    seconds: float = 0.0
    failures: dict[str, Failure] = field(default_factory=dict)


def signature(exc: BaseException) -> str:
    """What tells two failures apart: the exception type and where it was raised; for a failed
    property, the property's own tag (``LL504: …``, ``fix: …``) and any internal error named."""
    kind = type(exc).__name__
    if isinstance(exc, AssertionError):
        message = str(exc)
        tag = message.split(":", 1)[0][:40]
        internal = INTERNAL.search(message)
        return f"{kind} [{tag}]" + (f" internal {internal.group(1)}" if internal else "")
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    return f"{kind} at {Path(frame.filename).name}:{frame.lineno} ({frame.name})"


def last_frame(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    return f'File "{frame.filename}", line {frame.lineno}, in {frame.name}: {frame.line}'


def failure_of(check: Callable[..., None], args: tuple[Any, ...]) -> BaseException | None:
    try:
        check(*args)
    except Exception as exc:  # noqa: BLE001 - any exception is a finding
        return exc
    return None


def campaign(prop: Property, examples: int, first_seed: int, max_seconds: float | None,
             max_failures: int) -> Outcome:
    outcome = Outcome(prop.name)
    started = time.monotonic()
    pending: list[tuple[tuple[Any, ...], BaseException]] = []

    def run_one(args: tuple[Any, ...]) -> None:
        elapsed = time.monotonic() - started
        if max_seconds is not None and elapsed > max_seconds:
            raise OutOfTime
        outcome.examples += 1
        if outcome.examples % 1000 == 0:
            print(f"  {prop.name}: {outcome.examples} examples, {elapsed:.0f} s",
                  file=sys.stderr, flush=True)
        exc = failure_of(prop.check, args)
        if exc is None:
            return
        known = outcome.failures.get(signature(exc))
        if known is not None:
            known.hits += 1
            return
        pending.append((args, exc))
        raise exc

    round_ = 0
    while outcome.examples < examples and len(outcome.failures) < max_failures:
        pending.clear()
        test = given(prop.strategy(surrogates=True, max_siblings=150))(run_one)
        test = settings(max_examples=examples - outcome.examples, deadline=None, database=None,
                        derandomize=False, phases=[Phase.generate], report_multiple_bugs=False,
                        suppress_health_check=list(HealthCheck))(test)
        test = seed(first_seed + round_)(test)
        round_ += 1
        try:
            test()
        except OutOfTime:
            break
        except Exception as exc:  # noqa: BLE001
            args, original = pending[0] if pending else ((), exc)
            found = failure_of(prop.check, args) if pending else exc
            sig = signature(found or original)
            small = minimise(prop.check, args, sig) if pending else args
            final = failure_of(prop.check, small) or original
            outcome.failures.setdefault(sig, Failure(sig, last_frame(final), str(final), small))
        else:
            break  # the example budget ran out with no new failure
    outcome.seconds = time.monotonic() - started
    return outcome


def minimise(check: Callable[..., None], args: tuple[Any, ...], sig: str,
             budget: float = 60.0) -> tuple[Any, ...]:
    """``args`` with lines, then characters, of each text argument deleted while ``check``
    still fails with the same signature."""
    deadline = time.monotonic() + budget
    current = list(args)
    for index, value in enumerate(current):
        if not isinstance(value, str):
            continue

        def still_fails(text: str, index: int = index) -> bool:
            if time.monotonic() > deadline:
                return False
            trial = tuple(text if i == index else v for i, v in enumerate(current))
            exc = failure_of(check, trial)
            return exc is not None and signature(exc) == sig

        lines = _reduce(value.splitlines(keepends=True), lambda items: still_fails("".join(items)))
        chars = _reduce(list("".join(lines)), lambda items: still_fails("".join(items)))
        current[index] = "".join(chars)
    return tuple(current)


def _reduce(items: list[str], still_fails: Callable[[list[str]], bool]) -> list[str]:
    """Delta debugging: drop ever smaller chunks of ``items`` while the failure persists."""
    chunks = 2
    while len(items) >= 2:
        size = -(-len(items) // chunks)
        for start in range(0, len(items), size):
            trial = items[:start] + items[start + size:]
            if still_fails(trial):
                items, chunks = trial, max(chunks - 1, 2)
                break
        else:
            if chunks >= len(items):
                break
            chunks = min(len(items), chunks * 2)
    if len(items) == 1 and still_fails([]):
        items = []
    return items


def report(outcome: Outcome) -> None:
    rate = outcome.examples / outcome.seconds if outcome.seconds else 0.0
    print(f"{outcome.name}: {outcome.examples} examples in {outcome.seconds:.1f} s "
          f"({rate:.1f}/s), {len(outcome.failures)} distinct failure(s)")
    for failure in outcome.failures.values():
        print(f"  FAIL {failure.signature}  (seen {failure.hits}x)")
        print(f"    last frame: {failure.where}")
        print(f"    message: {failure.message[:400]}")
        print(f"    reproducer: {prop_call(outcome.name, failure.example)}")
    sys.stdout.flush()


def prop_call(name: str, example: tuple[Any, ...]) -> str:
    check = BY_NAME[name].check.__name__
    return f"{check}({', '.join(repr(a) for a in example)})"


def shares(total: int, names: list[str]) -> dict[str, int]:
    """``total`` examples shared evenly among ``names`` (the first get one more if uneven)."""
    each, extra = divmod(total, len(names))
    return {name: each + (index < extra) for index, name in enumerate(names)}


def run_property(name: str, examples: int, first_seed: int, max_seconds: float | None,
                 max_failures: int) -> Outcome:
    return campaign(BY_NAME[name], examples, first_seed, max_seconds, max_failures)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=6000,
                        help="examples in all, shared evenly among the properties")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    parser.add_argument("--only", default=None, help="comma-separated property names: "
                        + ", ".join(p.name for p in PROPERTIES))
    parser.add_argument("--max-seconds", type=float, default=None, help="time limit per property")
    parser.add_argument("--max-failures", type=int, default=20,
                        help="stop a property after this many distinct failures")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)),
                        help="properties run side by side in this many processes")
    options = parser.parse_args(argv)
    first_seed = options.seed if options.seed is not None else random.randrange(2**32)
    names = options.only.split(",") if options.only else [p.name for p in PROPERTIES]
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        parser.error(f"unknown property {', '.join(unknown)}")
    if options.examples < 1 or options.jobs < 1:
        parser.error("--examples and --jobs must be at least 1")
    budget = shares(options.examples, names)
    print(f"seed {first_seed}, {options.examples} examples over {len(names)} properties, "
          f"{options.jobs} process(es)", flush=True)
    started = time.monotonic()
    with ProcessPoolExecutor(max_workers=options.jobs) as pool:
        futures = [pool.submit(run_property, name, budget[name], first_seed, options.max_seconds,
                               options.max_failures) for name in names]
        outcomes = [future.result() for future in futures]
    for outcome in outcomes:
        report(outcome)
    total = sum(o.examples for o in outcomes)
    failed = sum(len(o.failures) for o in outcomes)
    print(f"total: {total} examples in {time.monotonic() - started:.1f} s, "
          f"{failed} distinct failure(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
