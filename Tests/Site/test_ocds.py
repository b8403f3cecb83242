"""The OCDS 1.1 packages of data/ocds/ validate, offline, against the official 1.1.5 schemas and codelists.

The schemas are read from <repo root>/../shared/ocds/1.1.5 (CI keeps a copy of shared/ beside the repository;
set GAZETTE_OCDS_SCHEMAS to use another folder). Without them, the tests that need them are skipped with a
message that says where they go; the tests of the packages' own consistency still run. Their absolute `$ref` URLs are mapped to the local files, so
nothing is fetched from the network.
"""
from __future__ import annotations

import csv
import json
import os
import re

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

import sitelib

SCHEMAS = os.environ.get("GAZETTE_OCDS_SCHEMAS") or os.path.join(os.path.dirname(sitelib.REPO_ROOT), "shared", "ocds", "1.1.5")
SCHEMA_FILES = ["release-package-schema.json", "record-package-schema.json", "release-schema.json",
                "versioned-release-validation-schema.json"]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T00:00:00\+08:00$")


def require_schemas():
    """Skips (not fails) where the official schemas are not beside the repository: they are third-party files,
    never copied into it."""
    if not os.path.isdir(SCHEMAS):
        pytest.skip(f"the official OCDS 1.1.5 schemas are not at {SCHEMAS}: put the release schemas and codelists/ "
                    "there (a copy of shared/ocds/1.1.5 beside the repository), or set GAZETTE_OCDS_SCHEMAS to their folder")


@pytest.fixture(scope="session")
def registry():
    require_schemas()
    resources = []
    for name in SCHEMA_FILES:
        with open(os.path.join(SCHEMAS, name), encoding="utf-8") as f:
            schema = json.load(f)
        resource = Resource(contents=schema, specification=DRAFT4)
        resources.append((schema["id"], resource))
    return Registry().with_resources(resources)


def load_schema(name):
    with open(os.path.join(SCHEMAS, name), encoding="utf-8") as f:
        return json.load(f)


def codelist(name):
    require_schemas()
    with open(os.path.join(SCHEMAS, "codelists", name), encoding="utf-8") as f:
        return {row["Code"] for row in csv.DictReader(f)}


def load(site, path):
    with open(os.path.join(site, path), encoding="utf-8") as f:
        return json.load(f)


def errors(schema_name, document, registry):
    validator = Draft4Validator(load_schema(schema_name), registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def test_release_package_is_valid(site, registry):
    problems = errors("release-package-schema.json", load(site, "data/ocds/release-package.json"), registry)
    assert problems == [], "\n".join(problems[:20])


def test_record_package_is_valid(site, registry):
    problems = errors("record-package-schema.json", load(site, "data/ocds/record-package.json"), registry)
    assert problems == [], "\n".join(problems[:20])


def test_a_broken_release_is_caught(site, registry):
    """The validation is real: a release without its ocid, or with a text amount, fails."""
    package = load(site, "data/ocds/release-package.json")
    del package["releases"][0]["ocid"]
    package["releases"][1]["awards"][0]["value"]["amount"] = "a lot"
    assert len(errors("release-package-schema.json", package, registry)) >= 2


def walk(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, f"{path}/{key}")
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, path + "[]")
    yield path, value


def test_codes_are_from_the_codelists(site):
    package = load(site, "data/ocds/release-package.json")
    lists = {
        "tag": codelist("releaseTag.csv"), "initiationType": codelist("initiationType.csv"),
        "roles": codelist("partyRole.csv"), "milestoneType": codelist("milestoneType.csv"),
        "milestoneStatus": codelist("milestoneStatus.csv"), "contractStatus": codelist("contractStatus.csv"),
        "awardStatus": codelist("awardStatus.csv"), "tenderStatus": codelist("tenderStatus.csv"),
        "currency": codelist("currency.csv"), "category": codelist("procurementCategory.csv"),
    }
    checks = [
        ("/releases[]/tag[]", "tag"), ("/releases[]/initiationType", "initiationType"),
        ("/releases[]/parties[]/roles[]", "roles"),
        ("/releases[]/tender/milestones[]/type", "milestoneType"), ("/releases[]/tender/milestones[]/status", "milestoneStatus"),
        ("/releases[]/contracts[]/implementation/milestones[]/type", "milestoneType"),
        ("/releases[]/contracts[]/implementation/milestones[]/status", "milestoneStatus"),
        ("/releases[]/contracts[]/status", "contractStatus"), ("/releases[]/awards[]/status", "awardStatus"),
        ("/releases[]/tender/status", "tenderStatus"), ("/releases[]/tender/mainProcurementCategory", "category"),
    ]
    seen = {path: set() for path, _ in checks}
    for path, value in walk(package):
        if path.endswith("/currency"):
            assert value in lists["currency"], value
        if path in seen:
            seen[path].add(value)
    for path, name in checks:
        assert seen[path], f"no value at {path}"
        assert seen[path] <= lists[name], f"{path}: {seen[path] - lists[name]} not in {name}"
    assert seen["/releases[]/contracts[]/implementation/milestones[]/status"] >= {"met", "notMet", "scheduled"}


def test_one_process_per_project(site, expected):
    package = load(site, "data/ocds/release-package.json")
    site_json = load(site, "data/site.json")
    prefix = site_json["site"]["ocid_prefix"]
    ids = sorted(p["id"] for p in site_json["projects"])
    assert sorted(r["ocid"] for r in package["releases"]) == sorted(f"{prefix}-{i}" for i in ids)
    assert len({r["id"] for r in package["releases"]}) == len(ids)
    records = load(site, "data/ocds/record-package.json")["records"]
    assert sorted(r["ocid"] for r in records) == sorted(f"{prefix}-{i}" for i in ids)


def test_dates_and_package_metadata(site):
    package = load(site, "data/ocds/release-package.json")
    site_json = load(site, "data/site.json")
    assert package["version"] == "1.1"
    assert package["publishedDate"] == site_json["as_of"] + "T00:00:00+08:00"
    assert package["publisher"]["name"] == site_json["site"]["publisher"]
    assert package["uri"] == site_json["site"]["base_url"] + "data/ocds/release-package.json"
    for path, value in walk(package):
        if path.endswith(("/date", "Date", "/dateMet", "/dateSigned", "/dateModified", "/dueDate")) and isinstance(value, str):
            assert DATE.match(value), f"{path}: {value}"


def test_money_matches_the_ledger(site):
    """Every transaction is a ledger row, a recovery with payer and payee swapped; amounts to the fen."""
    package = load(site, "data/ocds/release-package.json")
    site_json = load(site, "data/site.json")
    buyer = package["releases"][0]["buyer"]["id"]
    ledger = {}
    for row in site_json["ledger"]:
        ledger.setdefault(row["project"], []).append(row)
    prefix = site_json["site"]["ocid_prefix"] + "-"
    projects = {p["id"]: p for p in site_json["projects"]}
    for release in package["releases"]:
        project = projects[release["ocid"][len(prefix):]]
        contract = release["contracts"][0]
        assert round(contract["value"]["amount"] * 100) == project["amount"]["fen"]
        assert round(release["tender"]["value"]["amount"] * 100) == project["cap"]["amount"]["fen"]
        transactions = contract.get("implementation", {}).get("transactions", [])
        rows = ledger.get(project["id"], [])
        assert len(transactions) == len(rows)
        for t, row in zip(transactions, rows):
            assert round(t["value"]["amount"] * 100) == row["amount"]["fen"]
            payer_is_buyer = t["payer"]["id"] == buyer
            assert payer_is_buyer == (row["kind"] != "recovery")
            assert (t["payee"]["id"] == buyer) == (row["kind"] == "recovery")
