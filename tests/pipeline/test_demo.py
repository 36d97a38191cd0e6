"""The demo leaves the checkout clean: `make run` works on a copy of the vault in state/.

A copy of the checkout's Makefile and demo in a temporary folder, driven by the real `make`
and the real `claimlog` (the README's cron line), so the test never touches this checkout.
"""

from __future__ import annotations

import filecmp
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import DEMO, ROOT, run_cli

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make(checkout: Path, target: str) -> None:
    subprocess.run(["make", "-s", "-C", str(checkout), target], check=True, capture_output=True, text=True)


def same_tree(a: Path, b: Path) -> bool:
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    return not mismatch and not errors and all(same_tree(a / d, b / d) for d in cmp.common_dirs)


def test_the_demo_works_on_a_copy_and_demo_reset_starts_over(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    demo = checkout / "fixtures" / "demo"
    shutil.copytree(DEMO, demo, ignore=shutil.ignore_patterns("state"))
    shutil.copy(ROOT / "Makefile", checkout / "Makefile")
    config = str(demo / "claimlog.toml")
    cron = re.search(r"```cron\n.*claimlog (run --quiet) --config", (ROOT / "README.md").read_text("utf-8"))
    assert cron

    make(checkout, "demo-state")
    assert same_tree(demo / "vault", demo / "state" / "vault")
    first = run_cli(*cron.group(1).split(), "--config", config)
    assert first.returncode == 0 and re.fullmatch(r"\d+ new claims queued for review \(.*\)\n", first.stdout)
    second = run_cli(*cron.group(1).split(), "--config", config)
    assert (second.returncode, second.stdout, second.stderr) == (0, "", "")

    # Approve and apply everything: the copy changes, the tracked vault does not.
    ids = [str(json.loads(line)["id"]) for line in
           run_cli("queue", "list", "--json", "--config", config).stdout.splitlines()]
    assert ids
    assert run_cli("queue", "approve", *ids, "--config", config).returncode == 0
    applied = run_cli("apply", "--config", config)
    assert applied.returncode == 0, applied.stderr
    assert not same_tree(DEMO / "vault", demo / "state" / "vault")
    assert same_tree(DEMO / "vault", demo / "vault")

    make(checkout, "demo-state")  # a second `make run` keeps the work done
    assert not same_tree(DEMO / "vault", demo / "state" / "vault")
    make(checkout, "demo-reset")
    assert not (demo / "state").exists()
    make(checkout, "demo-state")
    assert same_tree(DEMO / "vault", demo / "state" / "vault")
    again = run_cli(*cron.group(1).split(), "--config", config)
    assert again.returncode == 0 and again.stdout == first.stdout  # started over: the same claims again
