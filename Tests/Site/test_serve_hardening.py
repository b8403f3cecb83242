"""`gazette serve` holds up against idle connections and DNS rebinding (issue 11).

- Under `ulimit -n 256`, 400 connections that send nothing (or half a request) used to stop the server
  answering for good: it now closes a connection idle for `--idle-timeout` seconds and accepts at most 256
  at a time, so a real request is answered again once they time out.
- A request whose `Host` is not a name the server listens as (127.0.0.1, localhost, [::1], --host) is
  refused (421): a page elsewhere whose name was made to point at 127.0.0.1 cannot read the preview.
"""
from __future__ import annotations

import shutil
import socket

import pytest

import sitelib
from servelib import ServeProcess

@pytest.fixture()
def content(tmp_path):
    path = str(tmp_path / "content")
    shutil.copytree(sitelib.CONTENT, path)
    return path


def test_host_header_allow_list(gazette, content, tmp_path):
    server = ServeProcess(gazette, content, str(tmp_path)).start()
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
    server = ServeProcess(gazette, content, str(tmp_path), extra=("--host", "localhost")).start()
    try:
        status, _ = server.get(host=f"localhost:{server.port}")
        assert status == 200
        assert server.get(host="preview.evil.example")[0] == 421
    finally:
        server.stop()


def test_idle_connections_do_not_stop_the_server(gazette, content, tmp_path):
    server = ServeProcess(gazette, content, str(tmp_path), files_limit=256, extra=("--idle-timeout", "1")).start()
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
        def answers():
            try:
                return server.get(timeout=3)[0] == 200
            except OSError:
                return False
        sitelib.wait_until(answers, 30, lambda: "the server stopped answering:\n" + "\n".join(server.lines[-20:]),
                           interval=0.2)
        assert server.proc.poll() is None
    finally:
        for s in sockets:
            s.close()
        server.stop()
