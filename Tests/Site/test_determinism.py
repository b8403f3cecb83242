"""4. The same input gives the same bytes, whatever the run, time zone or locale."""
from __future__ import annotations

import pytest

import sitelib


def _build(tmp_path, name, env=None):
    out = str(tmp_path / name)
    r = sitelib.run_build(out, env=env)
    assert r.returncode == 0, r.describe()
    return sitelib.tree_hashes(out)


def test_same_bytes_every_time(site, tmp_path):
    first = sitelib.tree_hashes(site)
    assert first, "the build wrote nothing"
    variants = [
        ("again", None),
        ("kiritimati", {"TZ": "Pacific/Kiritimati", "LANG": "C", "LC_ALL": "C"}),
        ("los-angeles", {"TZ": "America/Los_Angeles", "LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8"}),
    ]
    diffs = []
    for name, env in variants:
        other = _build(tmp_path, name, env)
        if other != first:
            diffs.append(f"build {name!r} (env {env}) differs from the first:\n{sitelib.diff_trees(first, other)}")
    if diffs:
        pytest.fail("\n".join(diffs), pytrace=False)


def test_parallel_build_is_the_single_threaded_build(site, tmp_path):
    """Reading and rendering run on every core; with GAZETTE_THREADS=1 everything runs on one thread, in
    order. Both must give the same bytes, file for file."""
    parallel = sitelib.tree_hashes(site)
    single = _build(tmp_path, "one-thread", {"GAZETTE_THREADS": "1"})
    assert len(single) == len(parallel) > 100
    assert single == parallel, sitelib.diff_trees(parallel, single)
