"""scripts/generate-content: synthetic content that checks with zero errors and is deterministic per seed."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest

import sitelib

GENERATOR = os.path.join(sitelib.REPO_ROOT, "scripts", "generate-content")
N = 60


def _generate(out, seed):
    r = subprocess.run([sys.executable, GENERATOR, "--projects", str(N), "--out", str(out), "--seed", str(seed)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, f"generate-content failed\nstdout:\n{r.stdout}\nstderr:\n{r.stderr}"
    return str(out)


def _hashes(root):
    out = {}
    for base, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(base, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, root)] = hashlib.sha256(f.read()).hexdigest()
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    base = tmp_path_factory.mktemp("generated")
    return {
        "a": _generate(base / "seed1-a", 1),
        "b": _generate(base / "seed1-b", 1),
        "c": _generate(base / "seed2", 2),
    }


@pytest.mark.parametrize("which", ["a", "c"])
def test_generated_content_checks_with_zero_errors(gazette, generated, which):
    content = generated[which]
    r = subprocess.run([gazette, "check", "--content", content, "--format", "json"],
                       capture_output=True, text=True, timeout=300, cwd=sitelib.REPO_ROOT)
    try:
        report = json.loads(r.stdout)
    except ValueError:
        pytest.fail(f"check did not print JSON (exit {r.returncode})\n{r.stdout}\n{r.stderr}", pytrace=False)
    errors = [x for x in report["diagnostics"] if x["severity"] == "error"]
    assert report["errors"] == 0 and not errors, json.dumps(errors[:20], ensure_ascii=False, indent=2)
    assert r.returncode == 0, r.stderr


def test_generated_content_has_every_part(generated):
    root = generated["a"]
    for name in ("site.yaml", "programme.yaml", "regions.yaml"):
        assert os.path.isfile(os.path.join(root, name))
    counts = {d: len(os.listdir(os.path.join(root, d)))
              for d in ("organizations", "projects", "ledger", "notices", "pages")}
    assert counts["projects"] == N
    assert counts["organizations"] == N // 5
    assert counts["notices"] == N // 2
    assert counts["ledger"] >= 2 and counts["pages"] >= 1


def test_same_seed_same_bytes(generated):
    a, b = _hashes(generated["a"]), _hashes(generated["b"])
    assert a, "the generator wrote nothing"
    assert sorted(a) == sorted(b), "the two runs wrote different files"
    differ = [rel for rel in a if a[rel] != b[rel]]
    assert not differ, f"files differ between two runs with the same seed: {differ[:20]}"


def test_different_seeds_differ(generated):
    a, c = _hashes(generated["a"]), _hashes(generated["c"])
    records = [rel for rel in set(a) | set(c)
               if rel.startswith(("projects/", "organizations/", "ledger/", "notices/"))]
    differ = [rel for rel in records if a.get(rel) != c.get(rel)]
    assert differ, "seeds 1 and 2 gave the same records"
    assert any(rel.startswith("projects/") and a.get(rel) != c.get(rel) for rel in records)


def test_generated_site_is_the_same_on_one_thread_and_on_all(gazette, generated, tmp_path):
    """Reading and rendering a generated province (N=60, some 250 files) on all cores and on one thread
    (GAZETTE_THREADS=1) gives the same bytes, file for file."""
    trees = []
    for name, env in (("parallel", {}), ("one-thread", {"GAZETTE_THREADS": "1"})):
        out = tmp_path / name
        r = subprocess.run([gazette, "build", "--content", generated["a"], "--output", str(out)],
                           capture_output=True, text=True, timeout=600, cwd=sitelib.REPO_ROOT, env={**os.environ, **env})
        assert r.returncode == 0, r.stderr[-2000:]
        trees.append(_hashes(out))
    assert len(trees[0]) > 200
    assert trees[0] == trees[1], sorted(set(trees[0].items()) ^ set(trees[1].items()))[:10]
