"""`gazette publish` hardening (issue 11), on folder targets and through rsync with a stand-in for ssh.

- Published files are 644 and folders 755 whatever the umask (000 left world-writable files, 077 locked
  nginx out), locally and through rsync.
- rsync gets `--protect-args` (`-s`), and a remote path holding shell syntax is refused outright.
- A remote exit status 127 is reported as a command missing on the server, not as rsync missing here.
- `--verify` trusts only what is held here: a server whose release was rewritten to agree with itself
  (figure, manifest.json, release name, `current`) fails, and the output names the release the server shows.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess

import pytest

import sitelib
from conftest import require_tool


def run(*args, env=None, umask=None, cwd=None):
    # The assertions read the English lines (the sample site speaks Chinese).
    full = {**os.environ, "GAZETTE_LANG": "en"}
    full.update(env or {})
    pre = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run([sitelib.gazette_bin(), *args], cwd=cwd or sitelib.REPO_ROOT, env=full, capture_output=True,
                          text=True, timeout=300, preexec_fn=pre)


def describe(r):
    return f"exit {r.returncode}\n--- stdout\n{r.stdout[-2000:]}\n--- stderr\n{r.stderr[-2000:]}"


def modes(root):
    """Every folder's and file's mode under the live release (and the release folders)."""
    out = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                continue
            out[os.path.relpath(path, root)] = stat.S_IMODE(st.st_mode)
    return out


def assert_published_modes(target):
    release = os.path.realpath(os.path.join(target, "current"))
    found = modes(release)
    assert found, "nothing published"
    wrong = {p: oct(m) for p, m in found.items()
             if m != (0o755 if os.path.isdir(os.path.join(release, p)) else 0o644)}
    assert not wrong, f"modes not 644/755: {dict(list(wrong.items())[:10])}"
    for folder in (release, os.path.join(target, "releases")):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o755, folder


@pytest.fixture(scope="module")
def fake_ssh(tmp_path_factory):
    require_tool(shutil.which("rsync") is not None, "rsync (Debian package `rsync`)")
    folder = tmp_path_factory.mktemp("ssh")
    fake = folder / "fake-ssh"
    fake.write_text(sitelib.FAKE_SSH)
    fake.chmod(0o755)
    return str(fake)


@pytest.mark.parametrize("umask", [0o000, 0o077])
def test_local_modes_do_not_follow_the_umask(gazette, tmp_path, umask):
    target = str(tmp_path / "www")
    r = run("publish", "--to", target, umask=umask)
    assert r.returncode == 0, describe(r)
    assert_published_modes(target)
    assert stat.S_IMODE(os.stat(os.path.join(target, "publish.log")).st_mode) == 0o644


@pytest.mark.parametrize("umask", [0o000, 0o077])
def test_remote_modes_do_not_follow_the_umask(gazette, tmp_path, fake_ssh, umask):
    remote_root = str(tmp_path / "server")
    r = run("publish", "--to", f"deploy@web1:{remote_root}", env={"GAZETTE_PUBLISH_SSH": fake_ssh}, umask=umask)
    assert r.returncode == 0, describe(r)
    assert_published_modes(remote_root)


def test_rsync_gets_protect_args(gazette, tmp_path, fake_ssh):
    # An rsync on PATH that notes its arguments, then runs the real one.
    real = shutil.which("rsync")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "rsync-args"
    wrapper = bin_dir / "rsync"
    wrapper.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$*\" >> {log}\nexec {real} \"$@\"\n")
    wrapper.chmod(0o755)
    env = {"GAZETTE_PUBLISH_SSH": fake_ssh, "PATH": f"{bin_dir}:{os.environ['PATH']}", "RSYNC_OLD_ARGS": "1"}
    r = run("publish", "--to", f"deploy@web1:{tmp_path / 'server'}", env=env)
    assert r.returncode == 0, describe(r)
    calls = [line for line in log.read_text().splitlines() if line.strip()]
    # The client's calls (the server side, started through the fake ssh, runs `rsync --server`).
    client = [c for c in calls if "--server" not in c]
    assert client and all(c.split()[0] == "-s" for c in client), calls


@pytest.mark.parametrize("path", ["/srv/p;touch pwned;", "/srv/$(touch pwned)", "/srv/`id`", "/srv/a b", "/srv/p|x",
                                  "/srv/p&x", "/srv/'q'", "/srv/p\nx", "/srv/../etc"])
def test_dangerous_remote_paths_are_refused(gazette, tmp_path, path):
    r = run("publish", "--to", f"u@h:{path}", cwd=str(tmp_path), env={"GAZETTE_PUBLISH_SSH": "/bin/false"})
    assert r.returncode == 2, describe(r)
    assert "remote path" in r.stderr and not os.path.exists(tmp_path / "pwned")
    assert "\n" not in r.stderr.rstrip("\n"), "a raw line break from the path reached the message"


def test_remote_status_127_is_not_rsync_missing_here(gazette, tmp_path):
    server = tmp_path / "ssh-127"
    server.write_text("#!/bin/sh\necho 'sh: 1: mkdir: not found' >&2\nexit 127\n")
    server.chmod(0o755)
    r = run("publish", "--to", f"u@h:{tmp_path / 'srv'}", env={"GAZETTE_PUBLISH_SSH": str(server)})
    assert r.returncode != 0
    assert "not installed on the server" in r.stderr and "not installed here" not in r.stderr, describe(r)
    missing = run("publish", "--to", f"u@h:{tmp_path / 'srv'}", env={"GAZETTE_PUBLISH_SSH": str(tmp_path / "no-such-ssh")})
    assert missing.returncode != 0 and "not installed here" in missing.stderr, describe(missing)


def test_verify_does_not_trust_the_server(gazette, tmp_path):
    target = str(tmp_path / "www")
    r = run("publish", "--to", target)
    assert r.returncode == 0, describe(r)
    ok = run("publish", "--to", target, "--verify")
    assert ok.returncode == 0, describe(ok)
    assert "matches its manifest" in ok.stdout and "the site this content builds" in ok.stdout

    # Whoever can write the web root: change a figure, rewrite the manifest, rename the release, repoint current.
    live = os.path.realpath(os.path.join(target, "current"))
    victim = os.path.join(live, "data", "projects.csv")
    with open(victim, "rb") as f:
        data = f.read()
    forged = data.replace(b"180000.00", b"18000.00", 1)
    assert forged != data
    os.unlink(victim)
    with open(victim, "wb") as f:
        f.write(forged)
    manifest_path = os.path.join(live, "manifest.json")
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    for entry in manifest["files"]:
        if entry["path"] == "data/projects.csv":
            entry["sha256"] = hashlib.sha256(forged).hexdigest()
            entry["size"] = len(forged)
    text = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    os.unlink(manifest_path)
    with open(manifest_path, "wb") as f:
        f.write(text)
    new_id = hashlib.sha256(text).hexdigest()[:12]
    os.rename(live, os.path.join(target, "releases", new_id))
    os.unlink(os.path.join(target, "current"))
    os.symlink(f"releases/{new_id}", os.path.join(target, "current"))

    bad = run("publish", "--to", target, "--verify")
    assert bad.returncode == 1, describe(bad)
    assert new_id in bad.stdout and "NOT a release published from here" in bad.stdout
    assert "data/projects.csv" in bad.stderr


@pytest.mark.parametrize("args", [
    ["--server-name", "x; location /x/ { alias /etc/; autoindex on; } #"],
    ["--base-url", "https://x.gov.cn;listen=1/gmfw/"],
    ["--listen", "80; include /etc/passwd"],
])
def test_nginx_configuration_injection_is_refused(gazette, args):
    base = [] if "--base-url" in args else ["--base-url", "https://x.gov.cn/gmfw/"]
    r = run("nginx", "--to", "/srv/gazette", *base, *args)
    assert r.returncode == 2, describe(r)
    assert r.stdout == "" and "alias" not in r.stdout
