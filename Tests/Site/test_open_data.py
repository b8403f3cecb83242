"""data/site.json is described by docs/site.schema.json (JSON Schema draft 2020-12), and the open data agrees
with itself: the CSV files and site.json carry the same figures, and manifest.json lists every file."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os

from jsonschema import Draft202012Validator

import sitelib


def read_json(site, path):
    with open(os.path.join(site, path), encoding="utf-8") as f:
        return json.load(f)


def read_csv(site, path):
    with open(os.path.join(site, path), "rb") as f:
        raw = f.read()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path} has no BOM"
    return list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def test_site_json_matches_its_schema(site):
    with open(os.path.join(sitelib.REPO_ROOT, "docs", "site.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(read_json(site, "data/site.json"))]
    assert problems == [], "\n".join(problems[:20])


def fen(yuan: str) -> int:
    whole, _, cents = yuan.partition(".")
    return int(whole) * 100 + int(cents or 0)


def test_csv_and_json_agree(site):
    data = read_json(site, "data/site.json")
    projects = read_csv(site, "data/projects.csv")
    assert sum(fen(p["amount"]) for p in projects) == data["totals"]["contracted"]["fen"]
    assert sum(fen(p["net"]) for p in projects) == data["totals"]["net"]["fen"]
    ledger = read_csv(site, "data/ledger.csv")
    assert len(ledger) == len(data["ledger"])
    assert sum(fen(r["amount"]) for r in ledger if r["kind"] != "recovery") == data["totals"]["paid"]["fen"]
    by_id = {p["id"]: p for p in data["projects"]}
    for row in projects:
        assert fen(row["amount"]) == by_id[row["id"]]["amount"]["fen"]
        assert row["status"] == by_id[row["id"]]["status"]


def test_manifest_lists_every_file(site):
    manifest = read_json(site, "manifest.json")
    listed = {f["path"]: f for f in manifest["files"]}
    on_disk = set()
    for folder, _, files in os.walk(site):
        for name in files:
            on_disk.add(os.path.relpath(os.path.join(folder, name), site).replace(os.sep, "/"))
    assert set(listed) == on_disk - {"manifest.json"}
    for path, entry in listed.items():
        with open(os.path.join(site, path), "rb") as f:
            raw = f.read()
        assert entry["size"] == len(raw) and entry["sha256"] == hashlib.sha256(raw).hexdigest(), path
