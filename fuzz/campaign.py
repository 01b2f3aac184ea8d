"""Run a coverage-guided atheris campaign on one fuzz target, and keep going past findings.

    python -m fuzz.campaign wxr_reader --runs 1000000 --max-time 3600 --findings /tmp/findings

The target's own modules are instrumented for coverage. Every input that
breaks an invariant (an undocumented exception, or more than 2 s of CPU time) is saved
under ``<findings>/<target>/`` named by the kind of failure, once per kind,
and the campaign goes on; a summary (executions, findings) is written to
``<findings>/<target>.json`` as it runs. The corpus it grows is kept in
``<findings>/<target>.corpus/`` (a later run goes on from it) and its
temporary files in ``<findings>/<target>.tmp/``; libFuzzer's own artifacts
(``timeout-*``, ``crash-*``) go to ``<findings>/<target>/`` too. Do not pause
a campaign (SIGSTOP): libFuzzer takes a pause of over a minute for a timeout
and stops. Needs ``pip install atheris``
(the ``fuzz`` extra).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["wxr_tools"]):
    from fuzz.seeds import seeds
    from fuzz.targets import TARGETS

SLOW_SECONDS = 2.0
"""An input that takes longer than this is a finding (the issue's limit)."""


class Campaign:
    """Calls the target, times it, records findings by signature, counts executions."""

    def __init__(self, name: str, findings: Path, runs: int) -> None:
        self.name = name
        self.target = TARGETS[name]
        self.folder = findings / name
        self.folder.mkdir(parents=True, exist_ok=True)
        self.summary_path = findings / f"{name}.json"
        self.executions = 0
        self.runs = runs
        self.started = time.monotonic()
        self.last_write = 0.0
        self.findings: dict[str, dict[str, object]] = {}
        self.slowest = 0.0

    def __call__(self, data: bytes) -> None:
        self.executions += 1
        start = time.process_time()  # CPU time: campaigns share the cores, wall time measures the load
        try:
            self.target(data)
        except Exception as error:  # noqa: BLE001 - every escape is a finding
            self._record(data, _signature(error), f"{type(error).__name__}: {str(error)[:300]}",
                         traceback.format_exc(limit=-6))
        elapsed = time.process_time() - start
        self.slowest = max(self.slowest, elapsed)
        if elapsed > SLOW_SECONDS:
            self._record(data, "slow-" + hashlib.sha1(data[:4096]).hexdigest()[:8],
                         f"took {elapsed:.2f} s for {len(data)} bytes", "")
        if self.executions == self.runs or time.monotonic() - self.last_write > 10:
            self.write_summary()  # libFuzzer ends the process with exit(): no later chance

    def _record(self, data: bytes, signature: str, message: str, trace: str) -> None:
        entry = self.findings.get(signature)
        if entry is not None:
            entry["count"] = int(entry["count"]) + 1  # type: ignore[call-overload]
            return
        path = self.folder / f"{signature}.bin"
        path.write_bytes(data)
        self.findings[signature] = {"message": message, "input": str(path), "count": 1,
                                    "traceback": trace}
        self.write_summary()

    def write_summary(self) -> None:
        self.last_write = time.monotonic()
        summary = {"target": self.name, "executions": self.executions,
                   "seconds": round(self.last_write - self.started, 1),
                   "slowest_seconds": round(self.slowest, 3), "findings": self.findings}
        self.summary_path.write_text(json.dumps(summary, indent=1))


def _signature(error: BaseException) -> str:
    """Kind of failure: the exception type and the innermost frame of our code that raised it."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "wxr_tools" in f.filename
              or "fuzz" in f.filename]
    where = f"{Path(frames[-1].filename).stem}-{frames[-1].lineno}" if frames else "outside"
    message = str(error) if isinstance(error, AssertionError) else ""
    digest = hashlib.sha1(message.encode()).hexdigest()[:6]
    return f"{type(error).__name__}-{where}-{digest}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", choices=sorted(TARGETS))
    parser.add_argument("--runs", type=int, default=1_000_000)
    parser.add_argument("--max-time", type=int, default=3600, help="seconds at most")
    parser.add_argument("--max-len", type=int, default=8192, help="longest input in bytes")
    parser.add_argument("--findings", type=Path, default=Path("fuzz-findings"))
    args = parser.parse_args()
    campaign = Campaign(args.target, args.findings, args.runs)
    seed_dir, work_dir = args.findings / f"{args.target}.seeds", args.findings / f"{args.target}.corpus"
    tempfile.tempdir = str(args.findings / f"{args.target}.tmp")  # libFuzzer's exit() skips clean-up
    shutil.rmtree(seed_dir, ignore_errors=True)
    for folder in (seed_dir, work_dir, Path(tempfile.tempdir)):
        folder.mkdir(parents=True, exist_ok=True)
    for number, seed in enumerate(seeds(args.target)):
        (seed_dir / f"{number:05d}").write_bytes(seed[:args.max_len])
    argv = [sys.argv[0], str(work_dir), str(seed_dir), f"-artifact_prefix={campaign.folder}/", f"-runs={args.runs}",
            f"-max_total_time={args.max_time}", f"-max_len={args.max_len}", "-timeout=60",
            "-rss_limit_mb=3072", "-print_final_stats=1"]
    atheris.Setup(argv, campaign)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
