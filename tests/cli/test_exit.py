"""`python -m storyline` (the console command) leaves without tearing the interpreter
down: exit statuses, messages and every byte of its output are what a normal exit gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "STORYLINE_PROGRESS_SECONDS": "0"}
    return subprocess.run([sys.executable, "-m", "storyline", "--db", str(tmp / "s.db"), *args],
                          capture_output=True, text=True, env=env, timeout=300, check=False)


def test_statuses_messages_and_whole_output(tmp_path):
    lines = [json.dumps({"id": f"a{i}", "title": f"Harbour wall {i}", "source": "test",
                         "text": f"The harbour wall in Dover cracked on day {i}. " * 40})
             for i in range(30)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = _run("ingest", str(tmp_path / "in.jsonl"), "--stages", "clean,dedupe", tmp=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "read 30 articles: 30 new" in done.stdout
    out = _run("export", "--format", "jsonl", tmp=tmp_path)
    assert out.returncode == 0
    rows = [json.loads(x) for x in out.stdout.splitlines()]  # all flushed, the last line whole
    assert len(rows) == 30 and out.stdout.endswith("\n")
    missing = _run("ingest", str(tmp_path / "missing.jsonl"), tmp=tmp_path)
    assert missing.returncode == 1 and "missing.jsonl" in missing.stdout + missing.stderr
    usage = _run("no-such-command", tmp=tmp_path)
    assert usage.returncode == 2 and "No such command" in usage.stderr
