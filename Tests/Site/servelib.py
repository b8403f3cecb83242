"""`gazette serve` as a subprocess, shared by the serve tests: started on a free port, its output read by a
thread (so the pipe never fills up), asked for pages, stopped with SIGINT (then SIGKILL)."""
from __future__ import annotations

import http.client
import re
import resource
import signal
import subprocess
import threading
import urllib.parse

import pytest

import sitelib

STARTUP_TIMEOUT_S = 180
# The address line, in the site's language: "serving at URL (Ctrl-C stops)" or "预览地址 URL (按 Ctrl-C 停止)".
URL_LINE = re.compile(r"gazette serve[:：] ?(?:serving at|预览地址) (http://\S+) ")


class ServeProcess:
    def __init__(self, gazette, content, cwd, files_limit=None, extra=()):
        def limit():
            if files_limit:
                resource.setrlimit(resource.RLIMIT_NOFILE, (files_limit, files_limit))
        self.args = [gazette, "serve", "--port", "0", "--content", content, "--templates", sitelib.TEMPLATES, *extra]
        self.proc = subprocess.Popen(self.args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace",
                                     bufsize=1, preexec_fn=limit if files_limit else None)
        self.lines: list[str] = []
        self.url: str | None = None
        self.port: int | None = None
        self.base: str | None = None
        self._ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            m = URL_LINE.search(line)
            if m and self.url is None:
                self.url = m.group(1)
                self._ready.set()
        self._ready.set()   # the process ended: stop waiting

    def wait_ready(self, timeout=STARTUP_TIMEOUT_S):
        """Waits for the address line; fails the test with the server's output if it does not come."""
        self._ready.wait(timeout)
        if self.url is None:
            state = "exited with " + str(self.proc.poll()) if self.proc.poll() is not None else f"no URL line after {timeout} s"
            pytest.fail(f"gazette serve did not start ({state})\n{self.describe()}", pytrace=False)
        parsed = urllib.parse.urlparse(self.url)
        self.port, self.base = parsed.port, parsed.path
        return self.url

    def start(self):
        self.wait_ready()
        return self

    def get(self, path=None, host=None, timeout=5):
        """GET with an explicit Host header (default 127.0.0.1:PORT): (status, body)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.putrequest("GET", path or self.base, skip_host=True)
            conn.putheader("Host", host or f"127.0.0.1:{self.port}")
            conn.endheaders()
            r = conn.getresponse()
            return r.status, r.read()
        finally:
            conn.close()

    def describe(self):
        return "$ " + " ".join(self.args) + "\n--- output\n" + "\n".join(self.lines[-40:])

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                # 5 s, not more: a closed event stream keeps the graceful shutdown waiting until the next
                # keep-alive write (every 15 s) finds it closed, so SIGKILL is the usual end there.
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._reader.join(timeout=5)
