#!/usr/bin/env python3
"""The golden outputs: what `lawlint --format json` and `lawlint --fix` make of fixed inputs,
kept in tests/golden/ so that a change meant to be invisible (a faster rule, a cache) can be
shown to leave every byte as it was (tests/test_golden.py compares).

    python scripts/golden.py            # compare, print what differs (exit 1 when anything does)
    python scripts/golden.py --write    # regenerate tests/golden/ deliberately

Inputs: the made-up reports (examples/ and tests/fixtures/), whose outputs are stored whole, and
the real reports of ../shared/corpus (or $LAWLINT_CORPUS), whose outputs are stored only as
SHA-256 digests: the corpus is never copied into the project. Each group is linted by one
`lawlint --no-config --fail-on never --format json` process run in the group's folder with
relative paths (so the output names no machine's folders), then fixed the same way in a copy.
An intended output change regenerates the goldens in the same commit as the change.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
CORPUS = Path(os.environ.get("LAWLINT_CORPUS") or ROOT.parent / "shared" / "corpus")
COMMAND = ("--no-config", "--fail-on", "never", "--format", "json")


def made_up_inputs() -> list[str]:
    """The made-up inputs, relative to ROOT: the examples (a Word file too) and the fixtures."""
    found = [*ROOT.glob("examples/*.txt"), *ROOT.glob("examples/*.docx"),
             *ROOT.glob("tests/fixtures/**/*.txt")]
    return sorted(path.relative_to(ROOT).as_posix() for path in found)


def corpus_inputs(corpus: Path) -> list[str]:
    """The corpus reports, relative to ``corpus``; empty when the corpus is absent."""
    if not corpus.is_dir():
        return []
    return sorted(p.relative_to(corpus).as_posix() for p in corpus.glob("**/*.txt"))


def lawlint(folder: Path, *args: str) -> bytes:
    """Standard output of one lawlint process run in ``folder`` (standard error must be empty:
    a golden output is never a half-failed run)."""
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "lawlint", *COMMAND, *args], cwd=folder,
                          capture_output=True, env=env)
    if proc.returncode != 0 or proc.stderr:
        raise RuntimeError(f"lawlint {' '.join(args)} in {folder}: exit {proc.returncode}\n"
                           f"{proc.stderr.decode('utf-8', 'replace')}")
    return proc.stdout


def outputs(folder: Path, names: list[str]) -> dict[str, bytes]:
    """Every output of one group of inputs in ``folder``, by golden file name: the lint report
    (``lint.json``), the report left after --fix (``fix.json``) and each text file --fix
    changed (``fixed/<name>``; a file not listed is left as it was)."""
    found = {"lint.json": lawlint(folder, *names)}
    texts = [name for name in names if not name.endswith(".docx")]  # --fix never edits Word
    with tempfile.TemporaryDirectory() as scratch:
        for name in texts:
            Path(scratch, name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / name, Path(scratch, name))
        found["fix.json"] = lawlint(Path(scratch), "--fix", *texts)
        for name in texts:
            after = Path(scratch, name).read_bytes()
            if after != (folder / name).read_bytes():
                found[f"fixed/{name}"] = after
    return found


def made_up_outputs() -> dict[str, bytes]:
    return {f"made-up/{name}": data for name, data in outputs(ROOT, made_up_inputs()).items()}


def corpus_digests(corpus: Path = CORPUS) -> dict[str, str]:
    """SHA-256 of each corpus output (never its text); empty when the corpus is absent."""
    names = corpus_inputs(corpus)
    if not names:
        return {}
    return {name: hashlib.sha256(data).hexdigest()
            for name, data in sorted(outputs(corpus, names).items())}


DIGESTS = GOLDEN / "corpus.sha256.json"


def stored_made_up() -> dict[str, bytes]:
    base = GOLDEN / "made-up"
    return {f"made-up/{p.relative_to(base).as_posix()}": p.read_bytes()
            for p in sorted(base.glob("**/*")) if p.is_file()}


def stored_digests() -> dict[str, str]:
    return json.loads(DIGESTS.read_text(encoding="utf-8")) if DIGESTS.exists() else {}


def differences() -> list[str]:
    """What differs from the goldens, one line each (the corpus only when present)."""
    diffs = _compare(stored_made_up(), made_up_outputs())
    digests = corpus_digests()
    if digests:
        diffs += _compare(stored_digests(), digests)
    return diffs


def _compare(stored: dict, made: dict) -> list[str]:
    return [f"{name}: {'missing' if name not in made else 'new' if name not in stored else 'differs'}"
            for name in sorted(stored.keys() | made.keys()) if stored.get(name) != made.get(name)]


def write() -> None:
    shutil.rmtree(GOLDEN / "made-up", ignore_errors=True)
    for name, data in made_up_outputs().items():
        path = GOLDEN / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    digests = corpus_digests()
    if digests:
        DIGESTS.write_text(json.dumps(digests, indent=2) + "\n", encoding="utf-8")
    else:
        print(f"{CORPUS} is absent: the corpus digests were left as they were", file=sys.stderr)


def main() -> int:
    if sys.argv[1:] == ["--write"]:
        write()
        return 0
    diffs = differences()
    print("\n".join(diffs) or "same as the goldens")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
