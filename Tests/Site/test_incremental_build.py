"""`gazette build` into the same output after small edits (one notice, one project, one ledger row, a new and a
removed notice) keeps the files that did not change (the same inode: linked from the previous site) and leaves
exactly what a fresh full build on one thread (GAZETTE_THREADS=1) writes: the same paths, bytes and modes, no
stale file, no leftover staging folder.
"""
from __future__ import annotations

import os

import sitelib


def _tree(root):
    """Relative path -> (sha256, permission bits) of every file, and every folder."""
    hashes = sitelib.tree_hashes(root)
    out = {}
    for rel, digest in hashes.items():
        mode = os.lstat(os.path.join(root, rel)).st_mode & 0o7777
        out[rel] = (digest, oct(mode))
    return out


def _inodes(root):
    return {rel: os.stat(os.path.join(root, rel)).st_ino for rel in sitelib.all_files(root)}


def _edit(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert old in text, (path, old)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def test_small_edits_rebuild_little_and_equal_a_fresh_single_threaded_build(gazette, tmp_path):
    content = sitelib.copy_content(str(tmp_path / "content"))
    out = str(tmp_path / "site")
    r = sitelib.run_build(out, content=content, env={"GAZETTE_LANG": "en"})
    assert r.returncode == 0, r.stdout + r.stderr

    notice = os.path.join(content, "notices", "2017-11-midterm-results.md")
    project = os.path.join(content, "projects", "qh2017-xn-001.yaml")
    ledger = os.path.join(content, "ledger", "2017.csv")
    # A ledger row's note: the last cell of the second line.
    with open(ledger, encoding="utf-8", newline="") as f:
        second = f.read().split("\n")[1]
    changed_row = second.rstrip("\r") + "(改)" + ("\r" if second.endswith("\r") else "")
    added = os.path.join(content, "notices", "zz-added.md")
    edits = [
        ("one notice", lambda: open(notice, "a", encoding="utf-8").write("\n增量构建测试新增的一段。\n")),
        ("one project", lambda: _edit(project, "title: ", "title: 增量")),
        ("one ledger row", lambda: _edit(ledger, second, changed_row)),
        ("a new notice", lambda: open(added, "w", encoding="utf-8").write(
            open(notice, encoding="utf-8").read().replace("title: ", "title: 新增", 1))),
        ("a notice removed", lambda: os.unlink(added)),
    ]

    for step, (name, edit) in enumerate(edits):
        edit()
        before = _inodes(out)
        r = sitelib.run_build(out, content=content, env={"GAZETTE_LANG": "en"})
        assert r.returncode == 0, (name, r.stdout + r.stderr)
        fresh = str(tmp_path / f"fresh-{step}")
        f = sitelib.run_build(fresh, content=content, env={"GAZETTE_LANG": "en", "GAZETTE_THREADS": "1"})
        assert f.returncode == 0, (name, f.stdout + f.stderr)
        made, expected = _tree(out), _tree(fresh)
        assert made == expected, f"{name}: differs from a fresh full build:\n" + sitelib.diff_trees(
            {k: str(v) for k, v in made.items()}, {k: str(v) for k, v in expected.items()})
        after = _inodes(out)
        kept = sum(1 for rel, ino in after.items() if before.get(rel) == ino)
        # Most files are kept (linked from the previous site), not written again.
        assert kept > len(after) // 2, (name, kept, len(after))
        leftovers = [n for n in os.listdir(tmp_path) if n.startswith(".site.") and not n.endswith(".gazette-build")]
        assert leftovers == [], leftovers
