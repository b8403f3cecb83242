"""`gazette serve` holds up against idle connections and DNS rebinding (issue 11).

- Under `ulimit -n 256`, 400 connections that send nothing (or half a request) used to stop the server
  answering for good: it now closes a connection idle for `--idle-timeout` seconds and accepts at most 256
  at a time, so a real request is answered again once they time out.
- A request whose `Host` is not a name the server listens as (127.0.0.1, localhost, [::1], --host) is
  refused (421): a page elsewhere whose name was made to point at 127.0.0.1 cannot read the preview.
"""
from __future__ import annotations

import http.client
import re
import resource
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.parse

import pytest

import sitelib

# The address line, in either language (the sample's site is zh-CN).
URL_LINE = re.compile(r"gazette serve[:：] ?(?:serving at|预览地址) (http://\S+) ")


class Serve:
    def __init__(self, gazette, content, cwd, files_limit=None, extra=()):
        def limit():
            if files_limit:
                resource.setrlimit(resource.RLIMIT_NOFILE, (files_limit, files_limit))
        self.args = [gazette, "serve", "--port", "0", "--content", content, "--templates", sitelib.TEMPLATES, *extra]
        self.proc = subprocess.Popen(self.args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, text=True, errors="replace", bufsize=1, preexec_fn=limit)
        self.lines: list[str] = []
        self.url = None
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            m = URL_LINE.search(line)
            if m and self.url is None:
                self.url = m.group(1)
                self.ready.set()
        self.ready.set()

    def start(self):
        self.ready.wait(180)
        assert self.url, "gazette serve did not start:\n" + "\n".join(self.lines[-30:])
        parsed = urllib.parse.urlparse(self.url)
        self.port, self.base = parsed.port, parsed.path
        return self

    def get(self, path=None, host=None, timeout=5):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.putrequest("GET", path or self.base, skip_host=True)
            conn.putheader("Host", host or f"127.0.0.1:{self.port}")
            conn.endheaders()
            r = conn.getresponse()
            return r.status, r.read()
        finally:
            conn.close()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


@pytest.fixture()
def content(tmp_path):
    path = str(tmp_path / "content")
    shutil.copytree(sitelib.CONTENT, path)
    return path


def test_host_header_allow_list(gazette, content, tmp_path):
    server = Serve(gazette, content, str(tmp_path)).start()
    try:
        p = server.port
        for host in (f"127.0.0.1:{p}", f"localhost:{p}", "localhost", f"LOCALHOST:{p}"):
            status, _ = server.get(host=host)
            assert status == 200, host
        for host in ("evil.example", f"evil.example:{p}", f"127.0.0.1.evil.example:{p}", "localhost.:x", f"192.168.1.5:{p}"):
            status, body = server.get(host=host)
            assert status == 421 and b"localhost" in body, host
    finally:
        server.stop()


def test_host_given_with_host_option_is_allowed(gazette, content, tmp_path):
    server = Serve(gazette, content, str(tmp_path), extra=("--host", "localhost")).start()
    try:
        status, _ = server.get(host=f"localhost:{server.port}")
        assert status == 200
        assert server.get(host="preview.evil.example")[0] == 421
    finally:
        server.stop()


def test_idle_connections_do_not_stop_the_server(gazette, content, tmp_path):
    server = Serve(gazette, content, str(tmp_path), files_limit=256, extra=("--idle-timeout", "1")).start()
    sockets = []
    try:
        # More idle connections than the process may hold files: half send nothing, half half a request.
        for i in range(400):
            s = socket.socket()
            s.settimeout(10)
            try:
                s.connect(("127.0.0.1", server.port))
            except OSError:
                s.close()
                break
            if i % 2:
                s.sendall(b"GET " + server.base.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            sockets.append(s)
        assert len(sockets) > 256
        # An idle connection is closed by the server (it reads the end of the stream), not kept for good.
        first = sockets[0]
        assert first.recv(1) == b"", "an idle connection was not closed"
        # And a real request is answered again, within a few timeouts.
        deadline = time.time() + 30
        while True:
            try:
                status, body = server.get(timeout=3)
                if status == 200:
                    break
            except OSError:
                pass
            assert time.time() < deadline, "the server stopped answering:\n" + "\n".join(server.lines[-20:])
            time.sleep(0.2)
        assert server.proc.poll() is None
    finally:
        for s in sockets:
            s.close()
        server.stop()
