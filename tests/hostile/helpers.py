"""Hostile-input tests: configs on disk and the real `claimlog` in a measured subprocess."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

RSS_LIMIT_MB = 600
# A cap on the child's address space, so a regression fails the test instead of the machine.
ADDRESS_SPACE_CAP = 8 * 1024 ** 3


def write_config(tmp_path: Path, feeds: list[dict[str, Any]], **fetch: Any) -> Path:
    """A claimlog.toml with an empty vault, its own database and quick, bounded fetches."""
    (tmp_path / "vault").mkdir(exist_ok=True)
    lines = ['vault = "vault"', 'database = "state/claimlog.db"']
    for feed in feeds:
        lines.append("[[feeds]]")
        lines += [f"{k} = {json.dumps(v)}" for k, v in feed.items()]
    settings = {"timeout": 5.0, "retries": 0, **fetch}
    lines.append("[fetch]")
    lines += [f"{k} = {json.dumps(v)}" for k, v in settings.items()]
    path = tmp_path / "claimlog.toml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@dataclass
class Measured:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_CAP, ADDRESS_SPACE_CAP))


def claimlog(*args: str, cwd: Path, timeout: float) -> Measured:
    """Run the real CLI; its own peak RSS comes from wait4, so other tests' processes do not count."""
    out, err = cwd / "cli.out", cwd / "cli.err"
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    env.pop("CLAIMLOG_DATABASE_URL", None)
    with out.open("wb") as fo, err.open("wb") as fe:
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", *args], cwd=ROOT, env=env,
                                stdout=fo, stderr=fe, preexec_fn=_cap_memory)
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        seconds = time.monotonic() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    print(f"claimlog {args[0]}: exit {proc.returncode}, {seconds:.1f}s, peak RSS {usage.ru_maxrss / 1024:.0f} MB")
    return Measured(proc.returncode, out.read_text("utf-8", "replace"), err.read_text("utf-8", "replace"),
                    seconds, usage.ru_maxrss / 1024)
