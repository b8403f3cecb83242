"""`gazette publish` to a folder served by a REAL nginx, configured with `gazette nginx`.

nginx (Debian package `nginx`) is started here with a generated nginx.conf in a temporary folder
(`daemon off;`, pid, logs and temp paths there, a free 127.0.0.1 port) and stopped at the end. The tests run
in order, on one target:

1. publish the sample; crawl every page and asset through nginx (status, types with charset, headers,
   every internal link, the 404 page, redirects, gzip);
2. headless Chromium loads pages with the CSP header in force: no violation;
3. publish an edited notice: only the changed files are copied, the rest hard-linked; `--dry-run` first;
4. a publish killed midway by the system (a file-size limit: SIGXFSZ partway through the upload) leaves the
   live site intact; the next run cleans the partial release;
5. `--site DIR` with a file not matching its manifest is refused (exit 1), the live site unchanged;
6. `--rollback` restores the previous publication; `--verify` names a file altered after upload, and
   publishing the same content again puts it back;
7. the same through the remote code path (rsync + a stand-in for ssh that runs the commands locally).
"""
from __future__ import annotations

import gzip
import hashlib
import http.client
import json
import os
import posixpath
import re
import resource
import shutil
import signal
import subprocess
import urllib.parse

import pytest

import sitelib
from conftest import require_tool

BASE = "/gmfw/"
TEXT_TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".json": "application/json",
    ".csv": "text/csv", ".xml": "application/xml", ".atom": "application/atom+xml", ".svg": "image/svg+xml",
}


def run_gazette(*args, env=None, timeout=300, preexec_fn=None):
    # The assertions read the English lines (the sample site speaks Chinese).
    full_env = {**os.environ, "GAZETTE_LANG": "en"}
    full_env.update(env or {})
    return subprocess.run([sitelib.gazette_bin(), *args], cwd=sitelib.REPO_ROOT, env=full_env,
                          capture_output=True, text=True, timeout=timeout, preexec_fn=preexec_fn)


def publish(target, content=None, extra=(), env=None, preexec_fn=None):
    return run_gazette("publish", "--to", target, "--content", content or sitelib.CONTENT,
                       "--templates", sitelib.TEMPLATES, *extra, env=env, preexec_fn=preexec_fn)


# The largest file the killed publication may write: of the files an edited notice changes, some are smaller
# (copied) and some larger (the notice's page, the home page), and the unchanged ones are hard links, so the
# kernel stops the upload partway, as a full disk would.
KILLED_AT_BYTES = 20_000


def _file_size_limit():
    """In the child, before gazette starts: writing past KILLED_AT_BYTES kills it (SIGXFSZ), without a core."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (KILLED_AT_BYTES, KILLED_AT_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def describe(r):
    return f"exit {r.returncode}\n--- stdout\n{r.stdout[-3000:]}\n--- stderr\n{r.stderr[-3000:]}"


def counts(stdout):
    m = re.search(r"(\d+) copied, (\d+) linked, (\d+) removed", stdout)
    assert m, stdout
    return tuple(int(x) for x in m.groups())


def live_id(target):
    return os.path.basename(os.readlink(os.path.join(target, "current")))


def manifest(folder):
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
        return {e["path"]: e["sha256"] for e in json.load(f)["files"]}


class Nginx:
    def __init__(self, workdir, server_block, port):
        self.workdir = workdir
        self.port = port
        for d in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "logs"):
            os.makedirs(os.path.join(workdir, d), exist_ok=True)
        user = "user root;\n" if os.geteuid() == 0 else ""
        conf = f"""{user}daemon off;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/logs/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {workdir}/logs/access.log;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    sendfile on;
    include {workdir}/gazette.conf;
}}
"""
        with open(os.path.join(workdir, "gazette.conf"), "w") as f:
            f.write(server_block)
        self.conf = os.path.join(workdir, "nginx.conf")
        with open(self.conf, "w") as f:
            f.write(conf)
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        test = subprocess.run([binary, "-t", "-p", workdir, "-e", f"{workdir}/logs/error.log", "-c", self.conf],
                              capture_output=True, text=True)
        assert test.returncode == 0, "nginx -t rejects the generated configuration:\n" + test.stderr
        self.proc = subprocess.Popen([binary, "-p", workdir, "-e", f"{workdir}/logs/error.log", "-c", self.conf],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        def answers():
            try:
                self.get(BASE)
                return True
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("nginx exited: " + self.proc.stderr.read().decode())
                return False
        sitelib.wait_until(answers, 15, "nginx did not start", interval=0.1)

    def get(self, path, headers=None, method="GET"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path, headers=headers or {})
            r = conn.getresponse()
            body = r.read()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, body
        finally:
            conn.close()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="module")
def nginx_bin():
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    require_tool(path is not None, "nginx (Debian package `nginx`)")
    return path


@pytest.fixture(scope="module")
def world(gazette, nginx_bin, tmp_path_factory):
    """The target folder, the first publication, and nginx serving TARGET/current under /gmfw/."""
    tmp = tmp_path_factory.mktemp("publish")
    target = str(tmp / "www")
    r = publish(target)
    assert r.returncode == 0, "the first publication failed\n" + describe(r)
    port = sitelib.free_port()
    cfg = run_gazette("nginx", "--to", target, "--content", sitelib.CONTENT, "--listen", f"127.0.0.1:{port}")
    assert cfg.returncode == 0, describe(cfg)
    server = Nginx(str(tmp / "nginx"), cfg.stdout, port)
    yield {"tmp": tmp, "target": target, "nginx": server, "first": r, "config": cfg.stdout}
    server.stop()


def test_first_publication_layout(world):
    target, r = world["target"], world["first"]
    rid = live_id(target)
    assert re.fullmatch(r"[0-9a-f]{12}", rid)
    assert os.readlink(os.path.join(target, "current")) == f"releases/{rid}"
    with open(os.path.join(target, "current", "manifest.json"), "rb") as f:
        assert hashlib.sha256(f.read()).hexdigest().startswith(rid)
    files = sitelib.all_files(os.path.join(target, "current"))
    assert counts(r.stdout) == (len(files), 0, 0), r.stdout
    assert f"verified {len(files)} files" in r.stdout
    # The same content again: the same release, nothing moved.
    again = publish(target)
    assert again.returncode == 0 and "already live" in again.stdout, describe(again)
    assert live_id(target) == rid


def _expected_type(path):
    ext = posixpath.splitext(path)[1]
    return TEXT_TYPES.get(ext)


def test_every_file_through_nginx(world):
    ng, live = world["nginx"], os.path.join(world["target"], "current")
    files = sitelib.all_files(live)
    problems = []
    for rel in files:
        url = BASE + (rel[:-len("index.html")] if rel.endswith("index.html") else rel)
        status, headers, body = ng.get(url)
        with open(os.path.join(live, rel), "rb") as f:
            if status != 200 or body != f.read():
                problems.append(f"{url}: status {status}, body {'differs' if status == 200 else ''}")
                continue
        want = _expected_type(rel)
        ctype = headers.get("content-type", "")
        if want and ctype != f"{want}; charset=utf-8":
            problems.append(f"{url}: Content-Type {ctype!r}, expected {want}; charset=utf-8")
        if headers.get("x-content-type-options") != "nosniff":
            problems.append(f"{url}: no X-Content-Type-Options: nosniff")
        if "default-src 'none'" not in headers.get("content-security-policy", ""):
            problems.append(f"{url}: no Content-Security-Policy")
        if headers.get("referrer-policy") != "strict-origin-when-cross-origin":
            problems.append(f"{url}: Referrer-Policy {headers.get('referrer-policy')!r}")
        cache = headers.get("cache-control", "")
        if rel.startswith(("theme/", "assets/")):
            if cache != "public, max-age=3600":
                problems.append(f"{url}: Cache-Control {cache!r} for a theme asset")
        elif cache != "no-cache":
            problems.append(f"{url}: Cache-Control {cache!r}, expected no-cache")
    assert not problems, "\n".join(problems[:40])


def test_every_internal_link_resolves_through_nginx(world):
    ng, live = world["nginx"], os.path.join(world["target"], "current")
    seen = {}
    problems = []
    for rel in sitelib.html_files(live):
        page_url = BASE + (rel[:-len("index.html")] if rel.endswith("index.html") else rel)
        if rel == "404.html":
            page_url = BASE + "some/missing/page/"   # 404.html is shown at any depth
        for tag, attr, href in sitelib.page_links(live, rel):
            if not href or href.startswith("#") or sitelib.EXTERNAL.match(href):
                continue
            url = urllib.parse.urljoin("http://x" + page_url, href)
            path = urllib.parse.urlsplit(url).path
            if path not in seen:
                seen[path] = ng.get(path)[0]
            if seen[path] != 200:
                problems.append(f"{rel}: <{tag} {attr}={href!r}> → {path}: HTTP {seen[path]}")
    assert len(seen) > 50
    assert not problems, "\n".join(problems[:40])


def test_404_redirects_and_gzip(world):
    ng, live = world["nginx"], os.path.join(world["target"], "current")
    with open(os.path.join(live, "404.html"), "rb") as f:
        page404 = f.read()
    for path in (BASE + "no-such-page/", BASE + "projects/no-such-project/", BASE + "theme/missing.css"):
        status, headers, body = ng.get(path)
        assert status == 404, path
        assert body == page404, f"{path}: not the site's 404 page"
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert "content-security-policy" in headers
    # A folder without its final slash, and the base path itself, are redirected (relative Location).
    status, headers, _ = ng.get(BASE + "projects")
    assert status == 301 and headers["location"] == BASE + "projects/"
    status, headers, _ = ng.get(BASE.rstrip("/"))
    assert status == 301 and headers["location"].endswith(BASE)
    # Compressed for clients that accept it, for pages and data.
    for path in (BASE, BASE + "data/projects.csv", BASE + "theme/style.css"):
        status, headers, body = ng.get(path, headers={"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("content-encoding") == "gzip", path
        gzip.decompress(body)
    # Traversal out of the release is refused.
    status, _, _ = ng.get(BASE + "../releases/")
    assert status in (400, 404)


def test_pages_satisfy_the_csp_in_chromium(world, chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_tool(False, "playwright (pip package)")
    ng = world["nginx"]
    pages = ["", "projects/", "projects/qh2017-xn-001/", "regions/630100/", "notices/", "data/", "changes/",
             "organizations/xinyuan-social-work/", "no-such-page/"]
    violations = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            ctx = browser.new_context()
            ctx.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                                "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));")
            for p in pages:
                page = ctx.new_page()
                console = []
                page.on("console", lambda m, c=console: c.append(m.text) if m.type in ("error", "warning") else None)
                response = page.goto(f"http://127.0.0.1:{ng.port}{BASE}{p}", wait_until="load")
                assert "default-src 'none'" in response.headers.get("content-security-policy", ""), p
                # A violation is reported as an event after the load; two animation frames let any arrive.
                page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))")
                found = page.evaluate("window.__csp")
                found += [c for c in console if "Content Security Policy" in c or "Refused" in c]
                violations += [f"{p or '/'}: {v}" for v in found]
                page.close()
            # The policy is really in force: an inline script is refused.
            page = ctx.new_page()
            page.goto(f"http://127.0.0.1:{ng.port}{BASE}", wait_until="load")
            try:
                page.add_script_tag(content="window.__inline = 1;")
            except Exception:
                pass
            page.wait_for_function("window.__csp.some(v => v.startsWith('script-src'))", timeout=10_000)
            assert page.evaluate("window.__inline") is None
        finally:
            browser.close()
    assert not violations, "\n".join(violations)


def _edited_content(tmp, name, text):
    content = os.path.join(str(tmp), name)
    shutil.copytree(sitelib.CONTENT, content)
    notice = os.path.join(content, "notices", "2017-06-review-publicity.md")
    with open(notice, "a", encoding="utf-8") as f:
        f.write("\n\n" + text + "\n")
    return content


def test_an_edit_copies_only_changed_files(world):
    target, ng, tmp = world["target"], world["nginx"], world["tmp"]
    first = live_id(target)
    old_manifest = manifest(os.path.join(target, "releases", first))
    content = _edited_content(tmp, "content-v2", "本公示期间如有异议，请以书面形式提出。")
    before = sitelib.tree_hashes(target)
    dry = publish(target, content, ["--dry-run"])
    assert dry.returncode == 0, describe(dry)
    assert "  changed  notices/2017-06-review-publicity/index.html" in dry.stdout
    assert "nothing written" in dry.stdout
    assert sitelib.tree_hashes(target) == before, "--dry-run wrote something"

    r = publish(target, content)
    assert r.returncode == 0, describe(r)
    second = live_id(target)
    assert second != first
    new_manifest = manifest(os.path.join(target, "releases", second))
    changed = {p for p, h in new_manifest.items() if old_manifest.get(p) != h}
    removed = set(old_manifest) - set(new_manifest)
    assert "notices/2017-06-review-publicity/index.html" in changed
    # The changed files plus manifest.json are copied; every other file is a hard link to the first release.
    assert counts(r.stdout) == (len(changed) + 1, len(new_manifest) - len(changed), len(removed)), r.stdout
    for p in new_manifest:
        a = os.stat(os.path.join(target, "releases", second, p))
        if p in changed:
            continue
        b = os.stat(os.path.join(target, "releases", first, p))
        assert a.st_ino == b.st_ino, f"{p} was copied, not linked"
    status, _, body = ng.get(BASE + "notices/2017-06-review-publicity/")
    assert status == 200 and "本公示期间如有异议".encode() in body
    world["second"], world["first_id"] = second, first


def _snapshot(ng):
    return {p: ng.get(BASE + p)[2] for p in ("", "notices/2017-06-review-publicity/", "manifest.json", "theme/style.css")}


def test_a_killed_publish_leaves_the_live_site_intact(world):
    target, ng, tmp = world["target"], world["nginx"], world["tmp"]
    live = live_id(target)
    before = _snapshot(ng)
    content = _edited_content(tmp, "content-v3", "第三次发布：不应出现在网站上。")
    # Killed by the system, from outside gazette's code, in the middle of the upload: some files written.
    r = publish(target, content, preexec_fn=_file_size_limit)
    assert r.returncode == -signal.SIGXFSZ, describe(r)
    assert live_id(target) == live
    partials = [n for n in os.listdir(os.path.join(target, "releases")) if n.startswith(".partial-")]
    assert len(partials) == 1
    written = sum(len(files) for _, _, files in os.walk(os.path.join(target, "releases", partials[0])))
    assert written >= 10, f"only {written} files were uploaded before the kill"
    assert _snapshot(ng) == before
    # The next run removes the partial release.
    again = publish(target)   # the sample: the first release again, reused
    assert again.returncode == 0, describe(again)
    assert not any(n.startswith(".partial-") for n in os.listdir(os.path.join(target, "releases")))
    assert live_id(target) == world["first_id"]
    assert "already uploaded, verified" in again.stdout
    back = publish(target, os.path.join(str(tmp), "content-v2"))
    assert back.returncode == 0 and live_id(target) == live, describe(back)
    assert _snapshot(ng) == before


def test_a_site_that_does_not_match_its_manifest_is_refused(world):
    target, ng, tmp = world["target"], world["nginx"], world["tmp"]
    live = live_id(target)
    before = _snapshot(ng)
    out = os.path.join(str(tmp), "built")
    b = sitelib.run_build(out)
    assert b.returncode == 0, b.describe()
    with open(os.path.join(out, "projects", "index.html"), "a", encoding="utf-8") as f:
        f.write("<!-- changed after the build -->")
    r = run_gazette("publish", "--to", target, "--site", out)
    assert r.returncode == 1, describe(r)
    assert "projects/index.html" in r.stderr and "Traceback" not in r.stderr
    assert live_id(target) == live and _snapshot(ng) == before


def test_rollback_and_verify(world):
    target, ng = world["target"], world["nginx"]
    assert live_id(target) == world["second"]
    r = run_gazette("publish", "--to", target, "--rollback")
    assert r.returncode == 0, describe(r)
    assert live_id(target) == world["first_id"]
    status, _, body = ng.get(BASE + "notices/2017-06-review-publicity/")
    assert status == 200 and "本公示期间如有异议".encode() not in body

    ok = run_gazette("publish", "--to", target, "--verify")
    assert ok.returncode == 0 and "matches its manifest" in ok.stdout, describe(ok)
    # A file altered after upload (replaced, so the other releases keep their copy) is named.
    victim = os.path.join(target, "current", "data", "projects.csv")
    os.unlink(victim)
    with open(victim, "w", encoding="utf-8") as f:
        f.write("id,title\nforged,forged\n")
    bad = run_gazette("publish", "--to", target, "--verify")
    assert bad.returncode == 1, describe(bad)
    assert "data/projects.csv" in bad.stderr and "altered" in bad.stderr
    assert "Traceback" not in bad.stderr
    # Publishing the live content again puts the file back (one rename), and the live site verifies again.
    fix = publish(target)
    assert fix.returncode == 0, describe(fix)
    assert "repaired data/projects.csv" in fix.stdout, fix.stdout
    assert live_id(target) == world["first_id"]
    assert run_gazette("publish", "--to", target, "--verify").returncode == 0
    status, _, body = ng.get(BASE + "data/projects.csv")
    assert status == 200 and b"forged" not in body


def test_usage_errors(world, tmp_path):
    r = run_gazette("publish", "--to", "web1:relative/path")
    assert r.returncode == 2 and "absolute" in r.stderr
    r = run_gazette("publish", "--to", str(tmp_path / "t"), "--keep", "0")
    assert r.returncode == 2
    r = run_gazette("publish", "--to", str(tmp_path / "t"), "--verify")
    assert r.returncode == 2 and "nothing is published" in r.stderr
    r = run_gazette("publish")
    assert r.returncode == 2


def test_remote_target_with_rsync(world, tmp_path):
    require_tool(shutil.which("rsync") is not None, "rsync (Debian package `rsync`)")
    fake = tmp_path / "fake-ssh"
    fake.write_text(sitelib.FAKE_SSH)
    fake.chmod(0o755)
    env = {"GAZETTE_PUBLISH_SSH": str(fake)}
    remote_root = str(tmp_path / "server")
    target = f"deploy@web1:{remote_root}"
    r = publish(target, env=env)
    assert r.returncode == 0, describe(r)
    first = live_id(remote_root)
    files = sitelib.all_files(os.path.join(remote_root, "current"))
    assert counts(r.stdout)[:2] == (len(files), 0)
    r2 = publish(target, os.path.join(str(world["tmp"]), "content-v2"), env=env)
    assert r2.returncode == 0, describe(r2)
    second = live_id(remote_root)
    changed = {p for p, h in manifest(os.path.join(remote_root, "releases", second)).items()
               if manifest(os.path.join(remote_root, "releases", first)).get(p) != h}
    copied, linked, _ = counts(r2.stdout)
    assert copied == len(changed) + 1, r2.stdout
    ino = lambda rid: os.stat(os.path.join(remote_root, "releases", rid, "theme", "style.css")).st_ino
    assert ino(first) == ino(second), "rsync --link-dest did not link an unchanged file"
    # --verify checks against what is held here: the content that was published (content-v2).
    v2 = os.path.join(str(world["tmp"]), "content-v2")
    assert run_gazette("publish", "--to", target, "--verify", "--content", v2, env=env).returncode == 0
    victim = os.path.join(remote_root, "current", "index.html")
    os.unlink(victim)
    with open(victim, "w") as f:
        f.write("forged")
    bad = run_gazette("publish", "--to", target, "--verify", "--content", v2, env=env)
    assert bad.returncode == 1 and "index.html" in bad.stderr, describe(bad)
    rb = run_gazette("publish", "--to", target, "--rollback", env=env)
    assert rb.returncode == 0 and live_id(remote_root) == first, describe(rb)
