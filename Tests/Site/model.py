"""An independent reading of content/: what the site must show, computed with PyYAML + csv only.

Nothing here uses the generator. Money is kept in integer fen, parsed with Decimal from the text.
"""
from __future__ import annotations

import csv
import datetime as dt
import glob
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal

import yaml

MONEY_FIGURES = ("contracted", "paid", "recovered", "net", "to-pay", "to-recover")


class _Loader(yaml.SafeLoader):
    """SafeLoader that reads floats as Decimal (amounts are exact) and keeps dates as date."""


def _decimal(loader, node):
    text = loader.construct_scalar(node).replace("_", "")
    return Decimal(text)


_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)


def load_yaml(path):
    with open(path, encoding="utf-8-sig") as f:
        return yaml.load(f, Loader=_Loader)


def fen(value) -> int:
    """Yuan (int, Decimal or string, at most two decimals) -> integer fen."""
    if isinstance(value, bool):
        raise ValueError(f"not an amount: {value!r}")
    d = Decimal(str(value).strip().replace(",", ""))
    f = d * 100
    if f != f.to_integral_value():
        raise ValueError(f"more than two decimals: {value!r}")
    return int(f)


def money_text(fen_value: int) -> str:
    """The site's money format: ¥180,000.00 (a minus sign before ¥ when negative)."""
    sign = "-" if fen_value < 0 else ""
    v = abs(fen_value)
    return f"{sign}¥{v // 100:,}.{v % 100:02d}"


def chinese_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def as_date(v):
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


KIND_MAP = {
    "advance": "advance", "预付": "advance", "先期预付": "advance",
    "installment": "installment", "进度款": "installment",
    "final": "final", "尾款": "final", "剩余资金": "final",
    "recovery": "recovery", "收回": "recovery",
}
HEADER_MAP = {"日期": "date", "项目": "project", "类型": "kind", "金额": "amount", "凭证号": "reference",
              "备注": "note"}


@dataclass
class LedgerRow:
    file: str
    line: int
    date: dt.date
    project: str
    kind: str
    fen: int
    reference: str
    note: str


@dataclass
class Project:
    id: str
    data: dict
    title: str
    organization: str
    category: str
    services: list
    groups: list
    county: str
    city: str
    amount: int
    status: str = ""
    rows: list = field(default_factory=list)

    @property
    def paid(self):
        return sum(r.fen for r in self.rows if r.kind != "recovery")

    @property
    def recovered(self):
        return sum(r.fen for r in self.rows if r.kind == "recovery")

    def figures(self):
        paid, rec = self.paid, self.recovered
        stopped = self.status in ("terminated", "failed")
        return {
            "contracted": self.amount,
            "paid": paid,
            "recovered": rec,
            "net": paid - rec,
            "to-pay": 0 if stopped else max(0, self.amount - paid),
            "to-recover": max(0, paid - rec) if stopped else 0,
        }


@dataclass
class Notice:
    slug: str
    meta: dict
    body: str

    @property
    def draft(self):
        return bool(self.meta.get("draft", False))

    @property
    def date(self):
        return as_date(self.meta["date"])

    @property
    def kind(self):
        return str(self.meta["kind"])


def split_front_matter(text):
    text = text.lstrip("\ufeff")
    m = re.match(r"^---\s*\n(.*?)\n---\s*\n?(.*)$", text, re.S)
    if not m:
        return {}, text
    return yaml.load(m.group(1), Loader=_Loader) or {}, m.group(2)


def derive_status(p: dict, as_of: dt.date) -> str:
    final = p.get("final") or {}
    mid = p.get("midterm") or {}
    if final.get("result") == "pass":
        return "completed"
    if final.get("result") == "fail":
        return "failed"
    if mid.get("result") == "fail":
        return "terminated"
    if mid.get("result") == "rectify":
        rr = (mid.get("rectification") or {}).get("result")
        if rr == "fail":
            return "terminated"
        if rr == "pass":
            return "in-progress"
        return "rectifying"
    if mid.get("result") == "pass":
        return "in-progress"
    start = (p.get("period") or {}).get("start")
    if start is not None and as_date(start) <= as_of:
        return "in-progress"
    return "contracted"


class Expected:
    """Everything the tests compare the site against."""

    def __init__(self, content_dir: str):
        self.dir = content_dir
        j = lambda *a: os.path.join(content_dir, *a)
        self.site = load_yaml(j("site.yaml")) or {}
        self.programme = load_yaml(j("programme.yaml")) or {}
        self.regions = load_yaml(j("regions.yaml")) or {}
        self.language = str(self.site.get("language", "zh-CN"))
        self.sample = bool(self.site.get("sample", False))

        # --- regions
        self.province = str(self.regions["province"]["code"])
        self.province_name = self.regions["province"]["name"]
        self.cities = {}       # code -> {name, counties:[codes]}
        self.county_city = {}  # county -> city
        self.region_names = {self.province: self.province_name}
        for c in self.regions.get("cities", []):
            code = str(c["code"])
            counties = [str(k["code"]) for k in c.get("counties", [])]
            self.cities[code] = {"name": c["name"], "counties": counties}
            self.region_names[code] = c["name"]
            for k in c.get("counties", []):
                self.county_city[str(k["code"])] = code
                self.region_names[str(k["code"])] = k["name"]
        self.counties = list(self.county_city)

        # --- programme keys (a Chinese name is accepted for a key)
        self.categories = {}
        self.services = {}   # key -> name
        self.groups = {}
        for g in self.programme.get("target_groups", []):
            self.groups[g["key"]] = g["name"]
        for cat in self.programme.get("categories", []):
            self.categories[cat["key"]] = cat["name"]
            for s in cat.get("services", []):
                self.services[s["key"]] = s["name"]
        self._key_of = {}
        for table in (self.categories, self.services, self.groups):
            for k, name in table.items():
                self._key_of.setdefault(k, k)
                self._key_of.setdefault(name, k)

        # --- organizations
        self.organizations = {}
        for f in sorted(glob.glob(j("organizations", "*.yaml"))):
            oid = os.path.basename(f)[: -len(".yaml")]
            self.organizations[oid] = load_yaml(f)

        # --- projects
        raw = {}
        for f in sorted(glob.glob(j("projects", "*.yaml"))):
            pid = os.path.basename(f)[: -len(".yaml")]
            raw[pid] = load_yaml(f)

        # --- ledger
        self.ledger = []
        for f in sorted(glob.glob(j("ledger", "*.csv"))):
            with open(f, encoding="utf-8-sig", newline="") as fh:
                reader = csv.reader(fh)
                header = None
                for lineno, row in enumerate(reader, start=1):
                    if not row or all(not c.strip() for c in row):
                        continue
                    if header is None:
                        header = [HEADER_MAP.get(h.strip(), h.strip()) for h in row]
                        continue
                    rec = dict(zip(header, row))
                    self.ledger.append(LedgerRow(
                        file=os.path.relpath(f, content_dir), line=lineno,
                        date=dt.date.fromisoformat(rec["date"].strip()),
                        project=rec["project"].strip(),
                        kind=KIND_MAP[rec["kind"].strip()],
                        fen=fen(rec["amount"]),
                        reference=rec.get("reference", "").strip(),
                        note=rec.get("note", "").strip(),
                    ))

        # --- as_of: site.yaml, else the latest date in the records
        if self.site.get("as_of") is not None:
            self.as_of = as_date(self.site["as_of"])
        else:
            dates = [r.date for r in self.ledger]
            for p in raw.values():
                dates += _all_dates(p)
            self.as_of = max(dates)

        self.projects = {}
        for pid, p in raw.items():
            county = str(p["county"])
            proj = Project(
                id=pid, data=p, title=str(p["title"]), organization=str(p["organization"]),
                category=self.key(p["category"]),
                services=[self.key(s) for s in p.get("services", [])],
                groups=[self.key(g) for g in p.get("target_groups", [])],
                county=county, city=self.county_city.get(county, ""),
                amount=fen(p["amount"]),
            )
            proj.status = derive_status(p, self.as_of)
            self.projects[pid] = proj
        for r in self.ledger:
            self.projects[r.project].rows.append(r)

        # --- notices and pages
        self.all_notices = {}
        for f in sorted(glob.glob(j("notices", "*.md"))):
            slug = os.path.basename(f)[: -len(".md")]
            with open(f, encoding="utf-8-sig") as fh:
                meta, body = split_front_matter(fh.read())
            self.all_notices[slug] = Notice(slug, meta, body)
        self.pages = {}
        for f in sorted(glob.glob(j("pages", "*.md"))):
            slug = os.path.basename(f)[: -len(".md")]
            with open(f, encoding="utf-8-sig") as fh:
                meta, body = split_front_matter(fh.read())
            self.pages[slug] = (meta, body)
        self.assets = []
        adir = j("assets")
        if os.path.isdir(adir):
            for root, _, files in os.walk(adir):
                for name in files:
                    self.assets.append(os.path.relpath(os.path.join(root, name), adir))

    # ------------------------------------------------------------------ helpers
    def key(self, v):
        return self._key_of.get(str(v), str(v))

    def notices(self, drafts=False):
        """Notices shown, newest first."""
        ns = [n for n in self.all_notices.values() if drafts or not n.draft]
        return sorted(ns, key=lambda n: n.date, reverse=True)

    def projects_in(self, scope: str):
        kind, _, ident = scope.partition(":")
        ps = self.projects.values()
        if kind == "province":
            return list(ps)
        if kind == "city":
            return [p for p in ps if p.city == ident]
        if kind == "county":
            return [p for p in ps if p.county == ident]
        if kind == "organization":
            return [p for p in ps if p.organization == ident]
        if kind == "service":
            return [p for p in ps if ident in p.services]
        if kind == "group":
            return [p for p in ps if ident in p.groups]
        if kind == "project":
            return [self.projects[ident]] if ident in self.projects else []
        raise KeyError(f"unknown scope kind {kind!r}")

    def scope_exists(self, scope: str) -> bool:
        kind, _, ident = scope.partition(":")
        return {
            "province": lambda: True,
            "city": lambda: ident in self.cities,
            "county": lambda: ident in self.county_city,
            "organization": lambda: ident in self.organizations,
            "service": lambda: ident in self.services,
            "group": lambda: ident in self.groups,
            "project": lambda: ident in self.projects,
        }.get(kind, lambda: False)()

    def totals(self, scope: str) -> dict:
        """Figure name -> int (fen for money; a count for projects/organizations)."""
        ps = self.projects_in(scope)
        out = {k: 0 for k in MONEY_FIGURES}
        for p in ps:
            for k, v in p.figures().items():
                out[k] += v
        out["projects"] = len(ps)
        out["organizations"] = len({p.organization for p in ps})
        return out

    def region_scope(self, code: str) -> str:
        if code == self.province:
            return "province"
        if code in self.cities:
            return f"city:{code}"
        return f"county:{code}"


def _all_dates(obj):
    out = []
    if isinstance(obj, dict):
        for v in obj.values():
            out += _all_dates(v)
    elif isinstance(obj, list):
        for v in obj:
            out += _all_dates(v)
    elif isinstance(obj, (dt.date, dt.datetime)):
        out.append(as_date(obj))
    return out


# ------------------------------------------------------------------ issue 17: outcomes, years, the map
# An independent reading of the same records: satisfaction averaged with Decimal and rounded half up once to
# a tenth of a point; years from the raw dates; shading left to the site (only its inputs are checked).
from decimal import ROUND_HALF_UP  # noqa: E402


def programme_year(p: Project):
    """The year of the application, else the contract, else the start of the service; None without any."""
    d = p.data
    for value in (d.get("applied"), (d.get("contract") or {}).get("date"), (d.get("period") or {}).get("start")):
        if value is not None:
            return as_date(value).year
    return None


def hundredths(value) -> int:
    return int(Decimal(str(value)) * 100)


def outcome_summary(expected: Expected, scope: str) -> dict:
    ps = expected.projects_in(scope)
    sats = [Decimal(str(p.data["final"]["satisfaction"])) for p in ps
            if (p.data.get("final") or {}).get("satisfaction") is not None]
    out = {"projects": len(ps), "satisfaction_count": len(sats)}
    if sats:
        average = (sum(sats) / len(sats)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        out["average_tenths"] = int(average * 10)
        out["min_hundredths"] = int(min(sats) * 100)
        out["max_hundredths"] = int(max(sats) * 100)
    mids = [p.data["midterm"] for p in ps if p.data.get("midterm")]
    finals = [p.data["final"] for p in ps if p.data.get("final")]
    for result in ("pass", "rectify", "fail"):
        out[f"midterm-{result}"] = sum(1 for m in mids if m.get("result") == result)
        out[f"final-{result}"] = sum(1 for f in finals if f.get("result") == result)
    out["midterm-none"] = len(ps) - len(mids)
    out["final-none"] = len(ps) - len(finals)
    out["midterm_evaluated"] = len(mids)
    out["spot_checked"] = sum(1 for m in mids if m.get("spot_check"))
    out["recovered"] = sum(p.recovered for p in ps)
    return out


def years(expected: Expected, scope: str) -> dict:
    """year -> {projects, contracted (by programme year), paid, recovered, net (by the ledger date's year)}."""
    ps = expected.projects_in(scope)
    out = {}

    def row(y):
        return out.setdefault(y, {"projects": 0, "contracted": 0, "paid": 0, "recovered": 0, "net": 0})
    for p in ps:
        y = programme_year(p)
        if y is not None:
            row(y)["projects"] += 1
            row(y)["contracted"] += p.amount
        for r in p.rows:
            key = "recovered" if r.kind == "recovery" else "paid"
            row(r.date.year)[key] += r.fen
    for r in out.values():
        r["net"] = r["paid"] - r["recovered"]
    return out


def programme_counties(expected: Expected, city: str | None = None) -> list:
    listed = [str(c) for c in expected.programme.get("regions", [])]
    counties = expected.counties if city is None else expected.cities[city]["counties"]
    return [c for c in counties if not listed or c in listed]


# --- Residents (issue 13): communities, contacts and the programme year, read from the raw YAML -----------
def fnv1a64(text: str) -> int:
    """StableHash.of(text): FNV-1a, 64 bits, over the UTF-8 bytes."""
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def community_slugs(exp: "Expected") -> dict:
    """(county, community name) -> page slug `COUNTY-KEY`: the key in regions.yaml, or 8 hex of the name's hash."""
    out = {}
    for city in exp.regions.get("cities", []):
        for county in city.get("counties", []) or []:
            for c in county.get("communities", []) or []:
                key = c.get("key") or format(fnv1a64(str(c["name"])), "016x")[:8]
                out[(str(county["code"]), str(c["name"]))] = f"{county['code']}-{key}"
    for p in exp.projects.values():
        for name in p.data.get("communities", []) or []:
            out.setdefault((p.county, str(name)), f"{p.county}-{format(fnv1a64(str(name)), '016x')[:8]}")
    return out


def region_contacts(exp: "Expected") -> dict:
    """Region code -> its `contact` mapping in regions.yaml (only those that have one)."""
    out = {}
    prov = exp.regions["province"]
    if prov.get("contact"):
        out[str(prov["code"])] = prov["contact"]
    for city in exp.regions.get("cities", []):
        if city.get("contact"):
            out[str(city["code"])] = city["contact"]
        for county in city.get("counties", []) or []:
            if county.get("contact"):
                out[str(county["code"])] = county["contact"]
    return out


_projects_in_before_communities = Expected.projects_in
_scope_exists_before_communities = Expected.scope_exists


def _projects_in(self, scope: str):
    kind, _, ident = scope.partition(":")
    if kind == "community":
        slugs = community_slugs(self)
        return [p for p in self.projects.values()
                if any(slugs.get((p.county, str(n))) == ident for n in p.data.get("communities", []) or [])]
    return _projects_in_before_communities(self, scope)


def _scope_exists(self, scope: str) -> bool:
    kind, _, ident = scope.partition(":")
    if kind == "community":
        return ident in community_slugs(self).values()
    return _scope_exists_before_communities(self, scope)


Expected.projects_in = _projects_in
Expected.scope_exists = _scope_exists
