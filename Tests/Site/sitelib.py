"""Helpers for the end-to-end site tests: running `gazette build`, reading the output, serving it."""
from __future__ import annotations

import functools
import hashlib
import http.server
import os
import posixpath
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
from dataclasses import dataclass

from bs4 import BeautifulSoup

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))   # Tests/Site -> repo root
CONTENT = os.path.join(REPO_ROOT, "content")
TEMPLATES = os.path.join(REPO_ROOT, "templates")
ARTIFACTS = os.path.join(HERE, "artifacts")


def gazette_bin() -> str:
    return os.environ.get("GAZETTE_BIN") or os.path.join(REPO_ROOT, ".build", "debug", "gazette")


@dataclass
class BuildResult:
    args: list
    returncode: int
    stdout: str
    stderr: str
    output: str

    def describe(self) -> str:
        return (f"$ {' '.join(self.args)}\nexit {self.returncode}\n--- stdout\n{self.stdout[-4000:]}"
                f"\n--- stderr\n{self.stderr[-4000:]}")


def build_args(output, content=None, base_url=None, drafts=False, strict=False, extra=()):
    args = [gazette_bin(), "build", "--content", content or CONTENT, "--templates", TEMPLATES,
            "--output", output]
    if base_url:
        args += ["--base-url", base_url]
    if drafts:
        args.append("--drafts")
    if strict:
        args.append("--strict")
    args += list(extra)
    return args


def run_build(output, content=None, base_url=None, drafts=False, strict=False, env=None, timeout=300,
              extra=()) -> BuildResult:
    args = build_args(output, content, base_url, drafts, strict, extra)
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    p = subprocess.run(args, cwd=REPO_ROOT, env=full_env, capture_output=True, text=True, timeout=timeout)
    return BuildResult(args, p.returncode, p.stdout, p.stderr, output)


# ---------------------------------------------------------------------------- reading the output
def html_files(root):
    out = []
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".html"):
                out.append(os.path.relpath(os.path.join(d, f), root).replace(os.sep, "/"))
    return sorted(out)


def all_files(root):
    out = []
    for d, _, files in os.walk(root):
        for f in files:
            out.append(os.path.relpath(os.path.join(d, f), root).replace(os.sep, "/"))
    return sorted(out)


def tree_hashes(root) -> dict:
    """Relative path -> sha256 of every file (and '<dir>/' -> 'dir' for every folder) under root."""
    out = {}
    if not os.path.isdir(root):
        return out
    for d, dirs, files in os.walk(root):
        rel = os.path.relpath(d, root).replace(os.sep, "/")
        if rel != ".":
            out[rel + "/"] = "dir"
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root).replace(os.sep, "/")] = hashlib.sha256(fh.read()).hexdigest()
    return out


def diff_trees(a: dict, b: dict, limit=20) -> str:
    lines = []
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            state = "only in first" if k not in b else "only in second" if k not in a else "differs"
            lines.append(f"  {k}: {state}")
    more = f"\n  ... and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


@functools.lru_cache(maxsize=4096)
def _parse_cached(path, mtime_ns, size):
    with open(path, "rb") as f:
        data = f.read()
    return BeautifulSoup(data, "html5lib")


def soup(root, rel):
    path = os.path.join(root, rel)
    st = os.stat(path)
    return _parse_cached(path, st.st_mtime_ns, st.st_size)


def page_path(url_dir: str) -> str:
    """'projects/x/' -> 'projects/x/index.html'; '' -> 'index.html'."""
    url_dir = url_dir.strip("/")
    return f"{url_dir}/index.html" if url_dir else "index.html"


def text_of(el) -> str:
    return re.sub(r"\s+", " ", el.get_text(" ", strip=True)).strip()


def compact(s: str) -> str:
    return re.sub(r"\s+", "", s)


# ---------------------------------------------------------------------------- links
LINK_ATTRS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("form", "action"),
              ("source", "src"), ("iframe", "src"), ("area", "href"), ("video", "src"), ("audio", "src"),
              ("use", "href"), ("image", "href"))
EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def page_links(root, rel):
    """(tag, attr, value) for every link-bearing attribute of one HTML page."""
    s = soup(root, rel)
    out = []
    for tag, attr in LINK_ATTRS:
        for el in s.find_all(tag):
            v = el.get(attr)
            if v is None and tag in ("use", "image"):
                v = el.get("xlink:href")
            if v is not None:
                out.append((tag, attr, v.strip()))
        for el in s.find_all(tag, srcset=True) if tag in ("img", "source") else []:
            for part in el["srcset"].split(","):
                part = part.strip().split()
                if part:
                    out.append((tag, "srcset", part[0]))
    return out


def ids_of(root, rel) -> set:
    s = soup(root, rel)
    ids = {el["id"] for el in s.find_all(id=True)}
    ids |= {el["name"] for el in s.find_all("a", attrs={"name": True})}
    return ids


# Pages served for URLs at any depth: links there may be absolute to the base URL's path (/gmfw/...).
BASE_PATH_PAGES = ("404.html",)


def resolve_internal(root, page_rel, href, base_url=None):
    """Resolve an internal link found on page_rel. Returns (target_file_rel or None, fragment, problem).

    problem is a string when the link is internal but broken by construction (e.g. root-absolute)."""
    base_path = urllib.parse.urlsplit(base_url).path if base_url else None
    if base_url and href.startswith(base_url):
        href_path = "/" + href[len(base_url):]
        absolute_to_base = True
    elif base_path and page_rel in BASE_PATH_PAGES and href.startswith(base_path):
        href_path = "/" + href[len(base_path):]
        absolute_to_base = True
    else:
        absolute_to_base = False
        href_path = href
    parsed = urllib.parse.urlsplit(href_path)
    frag = urllib.parse.unquote(parsed.fragment)
    path = urllib.parse.unquote(parsed.path)
    if not absolute_to_base and path.startswith("/"):
        return None, frag, "root-absolute link (internal links must be relative so the site works under any sub-path)"
    page_dir = posixpath.dirname(page_rel)
    if absolute_to_base:
        target = path.lstrip("/")
    elif path == "":
        target = page_rel
    else:
        target = posixpath.normpath(posixpath.join(page_dir, path)) if page_dir else posixpath.normpath(path)
        if path.endswith("/") and not target.endswith("/"):
            target += "/"
    if target.startswith("../") or target == "..":
        return None, frag, "points outside the site root"
    if target in (".", "./", ""):
        target = "index.html"
    full = os.path.join(root, target)
    if target.endswith("/") or os.path.isdir(full):
        target = target.rstrip("/") + "/index.html"
        full = os.path.join(root, target)
    if not os.path.isfile(full):
        return None, frag, f"no such file: {target}"
    return target, frag, None


def check_links(root, base_url=None, map_absolute=True):
    """Every internal link of every page and stylesheet resolves; every #fragment exists. Returns problems.

    base_url: links on 404.html may be absolute to its path; with map_absolute, absolute URLs under base_url
    are checked as internal links too (only sensible when no record names a URL under it)."""
    problems = []
    for rel in html_files(root):
        for tag, attr, href in page_links(root, rel):
            if not href:
                problems.append(f"{rel}: <{tag} {attr}=\"\"> is empty")
                continue
            if href.startswith("#"):
                frag = urllib.parse.unquote(href[1:])
                if frag and frag not in ids_of(root, rel):
                    problems.append(f"{rel}: <{tag} {attr}=\"{href}\">: no element with id {frag!r} on the page")
                continue
            if EXTERNAL.match(href) and not (map_absolute and base_url and href.startswith(base_url)):
                continue
            target, frag, problem = resolve_internal(root, rel, href, base_url)
            if problem:
                problems.append(f"{rel}: <{tag} {attr}=\"{href}\">: {problem}")
                continue
            if frag and target.endswith(".html") and frag not in ids_of(root, target):
                problems.append(f"{rel}: <{tag} {attr}=\"{href}\">: {target} has no element with id {frag!r}")
    for rel in all_files(root):
        if rel.endswith(".css"):
            with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
                css = f.read()
            for ref in CSS_URL.findall(css):
                ref = ref.strip()
                if ref.startswith("data:") or ref.startswith("#") or EXTERNAL.match(ref):
                    continue
                target, _, problem = resolve_internal(root, rel, ref, base_url)
                if problem:
                    problems.append(f"{rel}: url({ref}): {problem}")
    return problems


# ---------------------------------------------------------------------------- publishing
# A stand-in for ssh in the publish tests: drops the options and the host, runs the command on this machine.
FAKE_SSH = """#!/bin/sh
while [ $# -gt 0 ]; do
  case "$1" in -l|-p|-i|-o|-e) shift 2;; -*) shift;; *) break;; esac
done
shift
exec sh -c "$*"
"""


# ---------------------------------------------------------------------------- waiting
def wait_until(condition, timeout, message, interval=0.05):
    """Waits until `condition()` returns a true value (and returns it), looking again every `interval` seconds;
    fails with `message` (a string, or a function giving one) after `timeout` seconds. The tests wait on
    conditions, never for a fixed time: a slow machine only makes them slower, not wrong."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(message() if callable(message) else message)
        pause.wait(interval)


# ---------------------------------------------------------------------------- serving
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class StaticServer:
    """python's http.server on 127.0.0.1 and a free port, serving a folder, in a thread."""

    def __init__(self, directory):
        self.directory = directory
        handler = functools.partial(_QuietHandler, directory=directory)
        handler.extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map)
        handler.extensions_map.update({".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml",
                                       ".json": "application/json", ".xml": "application/xml"})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def copy_content(dest):
    shutil.copytree(CONTENT, dest)
    return dest
