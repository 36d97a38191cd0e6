"""Finding 10: a full rescan of a large vault must not hold the database's write lock for long.

A real `claimlog notes scan` runs in its own process over a few hundred notes while this
test keeps taking the write lock of the same SQLite file, as an approval on the review page
would. Before, the scan held the lock for its whole run (about a minute on 2,000 notes);
now it writes a batch of notes at a time.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

NOTES = 150
ROWS = 12


def _vault(root: Path) -> Path:
    vault = root / "vault"
    vault.mkdir()
    for i in range(NOTES):
        rows = "\n".join(f"| 2026-01-{r % 28 + 1:02d} | Company{i} raised ${i % 90 + r + 1}.{r} billion in bonds "
                         f"and spent ${r + 2}B on capex in 2025 | row {r} |" for r in range(ROWS))
        (vault / f"Company{i}.md").write_text(
            f"# Company{i}\n\n## Evidence log\n\n| Date | Observation | Implication |\n|---|---|---|\n{rows}\n",
            "utf-8")
    (root / "claimlog.toml").write_text('vault = "vault"\ndatabase = "claimlog.db"\n', "utf-8")
    return vault


def test_rescan_never_holds_the_write_lock_for_long(tmp_path: Path) -> None:
    _vault(tmp_path)
    config = str(tmp_path / "claimlog.toml")
    # the database exists first, so the test can wait on it from the start
    subprocess.run([sys.executable, "-m", "pipeline.cli", "queue", "list", "--config", config],
                   cwd=ROOT, check=True, capture_output=True)
    scan = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "notes", "scan", "--config", config],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    con = sqlite3.connect(tmp_path / "claimlog.db", timeout=120, isolation_level=None)
    waits = []
    try:
        while scan.poll() is None:
            start = time.monotonic()
            con.execute("BEGIN IMMEDIATE")  # the write lock an approval needs
            waits.append(time.monotonic() - start)
            con.execute("COMMIT")
            time.sleep(0.05)
    finally:
        con.close()
    out, errors = scan.communicate()
    assert scan.returncode == 0, errors
    assert len(waits) > 20, "the scan ended before the test could measure it"
    stored = sqlite3.connect(tmp_path / "claimlog.db").execute("select count(*) from evidencerow").fetchone()[0]
    assert stored == NOTES * ROWS
    assert max(waits) < 2.0, f"a writer waited {max(waits):.1f} s for the rescan's lock"
