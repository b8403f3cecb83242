"""The output folder's edge cases (issue 11): a read-only output folder is a clear error and leaves no
staging folder behind (it used to report success and keep the old site as `.site.staging-PID` for good);
`--output` a symbolic link builds into the folder it points to, and the link stays a link (it used to be
replaced by a folder, leaving its target, a web root say, silently old)."""
from __future__ import annotations

import os
import stat

import sitelib


def leftovers(parent, name):
    return [n for n in os.listdir(parent) if n.startswith(f".{name}.staging-") or n.startswith(f".{name}.old-")]


def test_read_only_output_folder_is_a_clear_error(gazette, tmp_path):
    out = str(tmp_path / "site")
    first = sitelib.run_build(out)
    assert first.returncode == 0, first.describe()
    before = sitelib.tree_hashes(out)
    os.chmod(out, 0o555)
    try:
        r = sitelib.run_build(out, base_url="https://changed.example/gmfw/")
        assert r.returncode == 2, r.describe()
        assert "read-only" in r.stderr and "Traceback" not in r.stderr
        assert leftovers(str(tmp_path), "site") == []
        assert sitelib.tree_hashes(out) == before
    finally:
        os.chmod(out, 0o755)


def test_read_only_folders_inside_the_old_site_leave_nothing_behind(gazette, tmp_path):
    out = str(tmp_path / "site")
    assert sitelib.run_build(out).returncode == 0
    os.chmod(os.path.join(out, "data"), 0o555)
    r = sitelib.run_build(out, base_url="https://changed.example/gmfw/")
    assert r.returncode == 0, r.describe()
    assert leftovers(str(tmp_path), "site") == []


def test_output_symlink_builds_into_its_target(gazette, tmp_path):
    webroot = tmp_path / "www" / "gmfw"
    webroot.parent.mkdir()
    first = sitelib.run_build(str(webroot))
    assert first.returncode == 0, first.describe()
    link = tmp_path / "site"
    os.symlink(os.path.join("www", "gmfw"), link)
    r = sitelib.run_build(str(link), base_url="https://changed.example/gmfw/")
    assert r.returncode == 0, r.describe()
    assert stat.S_ISLNK(os.lstat(link).st_mode), "the link was replaced"
    with open(webroot / "index.html", encoding="utf-8") as f:
        assert "changed.example" in f.read(), "the link's target was not rebuilt"
    assert leftovers(str(tmp_path), "site") == [] and leftovers(str(webroot.parent), "gmfw") == []
