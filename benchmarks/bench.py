#!/usr/bin/env python3
"""lawlint benchmark: cold single report, warm time per report by stage, batch and --jobs.
Run by hand, not in tests.

    python benchmarks/bench.py [--runs 15] [--warm 300] [--report FILE] [--reports 500]
                               [--folder 1000] [--only cold|warm|batch|jobs]

Cold: the median wall time of `lawlint examples/clean-report.txt` as a fresh process (what a
pre-commit hook or a clerk pays), side by side with a bare `python -c pass` and, when the
autocorrect-py package (a Rust CJK linter; never a lawlint dependency) is importable by this
Python, with a fresh process that imports it and lints the same file.

Warm per report: examples/clean-report.txt read, linted and rendered as JSON again and again
in one process through the path the CLI takes for each file (``batch.lint_file`` with the
default config, then the JSON reporter), CPU time per report (best of 5 rounds). Then the
same work cut into its stages, each timed over as many fresh copies of the report: reading,
the document model (lark's heading parse and the outline), each lazily built part of the model
(figures, dates, signature, residue …), each rule family with its stages excluded, and the
result with its JSON (``--report FILE`` times another report). The stages add up to a little
less than the whole: each runs alone in a loop, with warmer processor caches.

Batch: reports per second over generated made-up reports (~2,800 characters) linted in one
process, plus the time each rule family takes per report (its stages included). Jobs:
`lawlint --format json` over a folder of generated reports with `--jobs 1` and with the default
(every usable CPU), median wall time of 3 each, the ratio, and whether the two JSON reports are
the same bytes. Wall times: run it when the machine is idle; the load average is printed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "clean-report.txt"
# the real reports, as the tests find them ($LAWLINT_CORPUS, else ../shared/corpus)
CORPUS = Path(os.environ.get("LAWLINT_CORPUS") or ROOT.parent / "shared" / "corpus")


def lawlint_command() -> list[str]:
    script = Path(sys.executable).with_name("lawlint")
    if script.exists():
        return [str(script)]
    found = shutil.which("lawlint")
    return [found] if found else [sys.executable, "-m", "lawlint"]


# An installed lawlint has byte-code compiled by pip; let an editable install write its own.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# autocorrect-py's Python module linting the report, as a fresh process (it has no command)
AUTOCORRECT = ("import sys, autocorrect_py; path = sys.argv[1]; "
               "autocorrect_py.lint_for(open(path, encoding='utf-8').read(), path)")


def cold(runs: int) -> None:
    """Fresh processes, interleaved so that a change of load touches each command alike."""
    commands = {"lawlint": [*lawlint_command(), "--no-config", str(EXAMPLE)],
                "python -c pass": [sys.executable, "-c", "pass"]}
    if importlib.util.find_spec("autocorrect_py") is not None:
        commands["autocorrect-py"] = [sys.executable, "-c", AUTOCORRECT, str(EXAMPLE)]
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # warm the file, byte-code and lawlint's caches
        subprocess.run(command, capture_output=True, env=ENV)
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, env=ENV)
            times[name].append(time.perf_counter() - start)
    median = {name: statistics.median(taken) for name, taken in times.items()}
    print(f"cold: `lawlint {EXAMPLE.name}` median {median['lawlint']:.3f} s, best "
          f"{min(times['lawlint']):.3f} s over {runs} runs")
    for name in commands:
        if name != "lawlint":
            print(f"  {name}: median {median[name]:.3f} s; lawlint takes "
                  f"{median['lawlint'] / median[name]:.1f}x")
    if "autocorrect-py" not in commands:
        print("  autocorrect-py: not installed here (pip install autocorrect-py to compare)")


def warm(count: int, report: Path = EXAMPLE) -> None:
    """Warm milliseconds per report of ``report`` (see the module's text)."""
    from lawlint import engine
    from lawlint.batch import FileTask, lint_file, read_target
    from lawlint.config import Config
    from lawlint.readers.targets import Target
    from lawlint.reporters import ReportOptions, reporter

    config, render = Config(), reporter("json")
    task = FileTask(Target(report, str(report)), config)

    def one() -> str:
        return render([lint_file(task).result], ReportOptions())

    one()  # load packs, grammar and rules once, as a run does
    rounds = []
    for _ in range(5):
        start = time.process_time()
        for _ in range(count):
            one()
        rounds.append(1000 * (time.process_time() - start) / count)
    print(f"warm: {report.name} linted and rendered as JSON {count} times in one process: "
          f"{min(rounds):.2f} ms/report CPU (best of 5 rounds: "
          f"{', '.join(f'{r:.2f}' for r in rounds)})")

    stages: dict[str, float] = {}

    def timed(stage: str, work: Callable[[], object]) -> object:
        start = time.process_time()
        value = work()
        stages[stage] = stages.get(stage, 0.0) + time.process_time() - start
        return value

    sources = timed("read", lambda: [read_target(task.target, config) for _ in range(count)])
    docs = timed("model: lines, heading parse (lark), outline",
                 lambda: [engine._document(source, config) for source in sources])
    for part in ("sentences", "parts", "figures", "dates", "report_year", "year_evidence",
                 "signature", "residue", "run_in_parts"):
        timed(f"model: {part}", lambda part=part: [getattr(doc, part) for doc in docs])
    rules = timed("build rules", lambda: [engine.build_rules(config, s.path, s) for s in sources])
    findings: list[list] = [[] for _ in docs]
    for index, rule in enumerate(rules[0]):
        family = f"rules {rule.code[:3]}xx"
        timed(family, lambda index=index: [found.extend(each[index].check(doc)) for found, doc,
                                           each in zip(findings, docs, rules)])
    results = timed("result, compact", lambda: [
        engine._result(s, d, r, f).compact() for s, d, r, f in zip(sources, docs, rules, findings)])
    timed("JSON", lambda: [render([result], ReportOptions()) for result in results])
    for stage, seconds in stages.items():
        print(f"  {stage}: {1000 * seconds / count:.3f} ms/report")
    print(f"  stages together: {1000 * sum(stages.values()) / count:.2f} ms/report")


# Made-up body sentences; a generated report averages about 3,000 characters, like a real one.
SENTENCES = [
    "开展法治宣传活动{n}场次，发放宣传资料{m}余份，接受群众法律咨询{n}人次。",
    "组织行政执法人员参加业务培训{n}期，培训执法人员{n}名，进一步提升了执法规范化水平。",
    "严格落实行政执法公示、执法全过程记录和重大执法决定法制审核制度，全年办理行政处罚案件{n}件。",
    "深入推进“谁执法谁普法”普法责任制，结合宪法宣传周、民法典宣传月等重要节点开展集中宣传。",
    "健全矛盾纠纷多元化解机制，依托镇、村两级调解组织开展矛盾纠纷排查，及时化解各类纠纷。",
    "完善镇政府法律顾问制度，法律顾问全年审查合同和规范性文件{n}件，提出法律意见{n}条。",
    "坚持重大行政决策程序规定，对涉及群众切身利益的事项严格履行公众参与、专家论证等程序。",
    "持续推进政务公开，通过政府网站和政务新媒体公开政府信息{m}条，依申请公开办理{n}件。",
    "加强行政规范性文件管理，开展规范性文件清理{n}次，确保文件合法有效、公开透明。",
    "推进基层法治阵地建设，建成村级法治文化阵地{n}个，培育农村学法用法示范户{n}户。",
]

TOWNS = ["青石", "云溪", "白沙", "南岭", "东坪", "柳河", "石桥", "梅林", "龙泉", "桃源"]


def make_report(rng: random.Random) -> str:
    """A made-up report with random figures and, sometimes, the defects lawlint looks for."""
    town, year = rng.choice(TOWNS) + "镇", rng.randint(2020, 2025)
    investigated = rng.randint(20, 400)
    resolved = investigated - rng.randint(0, 10)
    rate = round(100 * resolved / investigated)
    if rng.random() < 0.2:
        rate -= 7  # a rate that its counts contradict
    cases = rng.randint(5, 60)
    third = "（三）" if rng.random() > 0.2 else "（）"
    signature = f"{town}人民政府\n{year + 1}年{rng.randint(1, 2)}月{rng.randint(1, 28)}日\n"
    paragraphs = "\n".join(
        "".join(rng.choice(SENTENCES).format(n=rng.randint(2, 90), m=rng.randint(100, 9000))
                for _ in range(rng.randint(4, 7)))
        for _ in range(rng.randint(8, 12))
    )
    return f"""{town}关于{year}年度法治政府建设情况的报告

{year}年，{town}深入学习贯彻习近平法治思想，扎实推进法治政府建设，现将有关情况报告如下。

一、{year}年推进法治政府建设的主要举措和成效
（一）健全依法决策机制
严格执行重大行政决策程序，全年审查重大决策事项{rng.randint(1, 20)}件，审查合同{cases}件。
{paragraphs}
（二）化解矛盾纠纷
排查矛盾纠纷{investigated}件，成功化解{resolved}件，化解率{rate}%。受理信访{cases}件，办结{cases}件，办结率100%。
{third}加强法治宣传
一是开展宪法宣传周活动；二是开展民法典宣传月活动；三是开展送法进村活动。

二、党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记主持召开专题会议{rng.randint(2, 8)}次，镇长带队开展执法监督检查{rng.randint(1, 6)}次。

三、{year}年推进法治政府建设存在的不足和原因
一是普法形式较为单一；二是调解员专业能力不足。主要原因是法治工作力量不足。

四、{year + 1}年推进法治政府建设的主要安排
（一）加强学法用法。全年开展集中学法不少于4次。
（二）提升执法水平。执法人员培训覆盖率达到100%。

{signature}"""


def batch(count: int) -> None:
    from lawlint.config import Config
    from lawlint.engine import build_rules, lint_source
    from lawlint.model.document import parse_document
    from lawlint.model.profiles import resolve_profile
    from lawlint.readers.text import decode

    rng = random.Random(2024)
    sources = [decode(make_report(rng).encode("utf-8"), f"r{i}.txt") for i in range(count)]
    config = Config()
    lint_source(sources[0], config)  # load packs and grammar once, as a batch run does
    start = time.perf_counter()
    findings = sum(len(lint_source(source, config).findings) for source in sources)
    elapsed = time.perf_counter() - start
    print(f"batch: {count} reports in {elapsed:.2f} s = {count / elapsed:.0f} reports/s "
          f"on one core ({1000 * elapsed / count:.2f} ms/report, {findings} findings)")

    profile = resolve_profile(None)
    start = time.perf_counter()
    docs = [parse_document(source, profile) for source in sources]
    parse_ms = 1000 * (time.perf_counter() - start) / count
    print(f"  parse (grammar, outline, model): {parse_ms:.2f} ms/report")
    families: dict[str, float] = {}
    for rule in build_rules(config):
        start = time.perf_counter()
        for doc in docs:
            list(rule.check(doc))
        family = rule.code[:3] + "xx"
        families[family] = families.get(family, 0.0) + time.perf_counter() - start
    for family, seconds in sorted(families.items()):
        print(f"  {family} rules (their stages included): {1000 * seconds / count:.2f} ms/report")

    corpus = sorted(CORPUS.glob("*.txt"))
    if corpus:  # the real published reports are longer than the generated ones
        from lawlint.readers import read_path

        real = [read_path(path, path.name) for path in corpus]
        rounds = 50
        start = time.perf_counter()
        for _ in range(rounds):
            for source in real:
                lint_source(source, config)
        per_report = (time.perf_counter() - start) / (rounds * len(real))
        size = sum(len(s.text) for s in real) // len(real)
        print(f"real reports (../shared/corpus, {size} characters on average): "
              f"{1000 * per_report:.2f} ms/report = {1 / per_report:.0f} reports/s")

    with tempfile.TemporaryDirectory() as folder:
        write_reports(Path(folder), count)  # the same reports as ``sources``
        start = time.perf_counter()
        subprocess.run([*lawlint_command(), "--no-config", "--format", "json", folder],
                       capture_output=True, env=ENV)
        elapsed = time.perf_counter() - start
        print(f"end to end: `lawlint <folder of {count}>` took {elapsed:.2f} s "
              f"= {count / elapsed:.0f} reports/s")


def write_reports(folder: Path, count: int) -> None:
    rng = random.Random(2024)
    for i in range(count):
        Path(folder, f"r{i:04d}.txt").write_text(make_report(rng), encoding="utf-8")


def jobs(count: int, runs: int = 3) -> float:
    """Serial against parallel over one folder; returns the ratio of their median wall times."""
    with tempfile.TemporaryDirectory() as folder:
        write_reports(Path(folder), count)
        outputs: dict[str, set[bytes]] = {}
        medians: dict[str, float] = {}
        for label, flags in (("--jobs 1", ["--jobs", "1"]), ("default --jobs", [])):
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                proc = subprocess.run([*lawlint_command(), "--no-config", "--format", "json",
                                       *flags, folder], capture_output=True, env=ENV)
                times.append(time.perf_counter() - start)
                outputs.setdefault(label, set()).add(proc.stdout)
            medians[label] = statistics.median(times)
            print(f"jobs: `lawlint --format json {' '.join(flags) or '(default)'} <folder of "
                  f"{count}>`: median {medians[label]:.2f} s over {runs} runs "
                  f"({', '.join(f'{t:.2f}' for t in times)})")
    ratio = medians["default --jobs"] / medians["--jobs 1"]
    same = len(outputs["--jobs 1"] | outputs["default --jobs"]) == 1
    print(f"jobs: default/serial = {ratio:.2f} on {os.cpu_count()} CPUs; JSON "
          f"{'byte-identical' if same else 'DIFFERS'}; load average "
          f"{os.getloadavg()[0]:.2f} after the runs")
    return ratio


def machine_speed() -> float:
    """Seconds for a fixed pure-Python loop: compare figures only between runs with similar
    values (a shared or throttled machine can be twice as slow from one hour to the next)."""
    start = time.perf_counter()
    total = 0
    for i in range(3_000_000):
        total += i
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="fresh processes for cold")
    parser.add_argument("--warm", type=int, default=300, help="reports per warm round")
    parser.add_argument("--report", type=Path, default=EXAMPLE, help="the warm report")
    parser.add_argument("--reports", type=int, default=500, help="generated reports for batch")
    parser.add_argument("--folder", type=int, default=1000, help="reports in the --jobs folder")
    parser.add_argument("--only", choices=["cold", "warm", "batch", "jobs"],
                        help="run only this part")
    args = parser.parse_args()
    print(f"machine: reference loop {machine_speed():.2f} s (lower is faster), "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    parts = {"cold": lambda: cold(args.runs), "warm": lambda: warm(args.warm, args.report.resolve()),
             "batch": lambda: batch(args.reports), "jobs": lambda: jobs(args.folder)}
    for name, run in parts.items():
        if args.only in (None, name):
            run()


if __name__ == "__main__":
    main()
