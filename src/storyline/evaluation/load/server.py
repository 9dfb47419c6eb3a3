"""``storyline serve`` as a real server process on 127.0.0.1, on a free port, with an API
token; started, waited for, and stopped (SIGTERM, then SIGKILL) by the load run."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base_url: str
    token: str
    log: Path

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, grace: float = 60.0) -> int:
        """Stop the server (SIGTERM, SIGKILL after ``grace`` seconds); its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return int(self.process.returncode)


def start_server(db: str, log: Path, ready_timeout: float = 120.0,
                 extra_env: dict[str, str] | None = None, workers: int = 1) -> Server:
    """Start ``storyline --db DB serve`` (``--workers``) with a fresh token; return once it
    answers."""
    port = free_port()
    token = secrets.token_urlsafe(24)
    env = {**os.environ, "STORYLINE_API_TOKEN": token, **(extra_env or {})}
    env.pop("STORYLINE_CORS_ORIGINS", None)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "storyline", "--db", db, "serve", "--host", "127.0.0.1",
             "--port", str(port), "--workers", str(workers)], stdout=out, stderr=subprocess.STDOUT, env=env)
    server = Server(proc, f"http://127.0.0.1:{port}", token, log)
    deadline = time.monotonic() + ready_timeout
    while time.monotonic() < deadline:
        if not server.alive():
            raise RuntimeError(f"the server exited with {proc.returncode}; see {log}")
        try:
            if httpx.get(server.base_url + "/api/stories?limit=1", timeout=5).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"the server did not answer within {ready_timeout:.0f} s; see {log}")
