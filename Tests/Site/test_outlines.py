"""Real county outlines for the map (issue 17, "Places"): a made-up GeoJSON file in the content (never real
boundary data) replaces the tile grid by one outline per county, each a link named like the tile it replaces;
a county without an outline brings the tile grid back; bad geometry is an error naming the file and the
feature, and nothing is written."""
from __future__ import annotations

import json
import os
import re

import sitelib
from sitelib import soup


def county_codes(content):
    """The counties of regions.yaml with their grid places, read from the text (codes under `counties:`)."""
    text = open(os.path.join(content, "regions.yaml"), encoding="utf-8").read()
    codes = []
    for block in re.split(r"\n\s+- code: ", text)[1:]:
        code = block.split("\n", 1)[0].strip().strip('"')
        grid = re.search(r"grid: \[(\d+), (\d+)\]", block.split("\n      - code:")[0])
        codes.append((code, (int(grid.group(1)), int(grid.group(2))) if grid else None))
    return [(c, g) for c, g in codes if not c.endswith("00")]


def made_up_outlines(counties):
    """An irregular hexagon per county placed by its grid square (0.8° apart near 95°E, 37°N); the first
    county a MultiPolygon of two parts, the second with a hole."""
    features = []
    for index, (code, grid) in enumerate(counties):
        col, row = grid or (index % 5, 5 + index // 5)
        x, y = 95 + col * 0.8, 37 - row * 0.8
        ring = [[x, y], [x + 0.35, y + 0.05], [x + 0.7, y], [x + 0.72, y - 0.4], [x + 0.3, y - 0.7], [x - 0.02, y - 0.35], [x, y]]
        if index == 0:
            geometry = {"type": "MultiPolygon", "coordinates": [[ring], [[[x + 0.1, y - 0.5], [x + 0.2, y - 0.5], [x + 0.15, y - 0.6], [x + 0.1, y - 0.5]]]]}
        elif index == 1:
            hole = [[x + 0.3, y - 0.2], [x + 0.4, y - 0.2], [x + 0.4, y - 0.3], [x + 0.3, y - 0.3], [x + 0.3, y - 0.2]]
            geometry = {"type": "Polygon", "coordinates": [ring, hole]}
        else:
            geometry = {"type": "Polygon", "coordinates": [ring]}
        features.append({"type": "Feature", "properties": {"code": code, "name": f"made-up {code}"}, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def write(content, collection):
    with open(os.path.join(content, "outlines.geojson"), "w", encoding="utf-8") as f:
        json.dump(collection, f, ensure_ascii=False)


def test_outlines_replace_the_tile_grid(tmp_path, gazette):
    content = sitelib.copy_content(str(tmp_path / "content"))
    counties = county_codes(content)
    assert len(counties) >= 9
    write(content, made_up_outlines(counties))
    out = str(tmp_path / "out")
    r = sitelib.run_build(out, content=content)
    assert r.returncode == 0, r.describe()
    reference = str(tmp_path / "tiles")
    assert sitelib.run_build(reference).returncode == 0
    for rel in ["index.html"] + [f"regions/{c}/index.html" for c in ("630100", "632800")]:
        tiles = soup(reference, rel).select("svg.tile-map a.map-shape")
        shapes = soup(out, rel).select("svg.outline-map a.map-shape")
        assert [a["data-region"] for a in shapes] == [a["data-region"] for a in tiles], rel
        assert shapes, rel
        for shape, tile in zip(shapes, tiles):
            # Same link, same name and figures, same shade: only the drawing differs.
            assert shape["href"] == tile["href"] and shape["aria-label"] == tile["aria-label"], rel
            assert shape["class"] == tile["class"]
            paths = shape.select("path")
            assert len(paths) == 1 and not shape.select("rect"), rel
            d = paths[0]["d"]
            assert re.fullmatch(r"(M[\d.]+ [\d.]+(L[\d.]+ [\d.]+)+Z)+", d), d
        svg = soup(out, rel).select_one("svg.outline-map")
        width, height = (float(v) for v in svg["viewbox" if svg.has_attr("viewbox") else "viewBox"].split()[2:])
        assert max(width, height) == 600
    home = soup(out, "index.html")
    first, second = counties[0][0], counties[1][0]
    assert home.select_one(f'a[data-region="{first}"] path')["d"].count("M") == 2    # two parts
    assert home.select_one(f'a[data-region="{second}"] path')["d"].count("M") == 2   # an outer ring and a hole
    # The same content gives the same bytes.
    again = str(tmp_path / "again")
    assert sitelib.run_build(again, content=content).returncode == 0
    assert open(os.path.join(out, "index.html"), "rb").read() == open(os.path.join(again, "index.html"), "rb").read()


def test_a_county_without_an_outline_keeps_the_tile_grid(tmp_path, gazette):
    content = sitelib.copy_content(str(tmp_path / "content"))
    counties = county_codes(content)
    collection = made_up_outlines(counties)
    collection["features"] = [f for f in collection["features"] if f["properties"]["code"] != "632802"]
    write(content, collection)
    out = str(tmp_path / "out")
    r = sitelib.run_build(out, content=content)
    assert r.returncode == 0, r.describe()
    assert soup(out, "index.html").select("svg.tile-map rect") and not soup(out, "index.html").select("svg.outline-map")
    # A city whose counties all have outlines draws them.
    assert soup(out, "regions/630100/index.html").select("svg.outline-map a.map-shape path")


def test_bad_geometry_is_an_error_naming_the_feature(tmp_path, gazette):
    content = sitelib.copy_content(str(tmp_path / "content"))
    counties = county_codes(content)
    collection = made_up_outlines(counties)
    ring = collection["features"][3]["geometry"]["coordinates"][0]
    ring[-1] = [ring[-1][0] + 0.1, ring[-1][1]]                                   # not closed
    collection["features"][4]["geometry"] = {"type": "LineString", "coordinates": [[95, 37], [96, 37]]}
    collection["features"][5]["properties"]["code"] = "639999"
    write(content, collection)
    out = str(tmp_path / "out")
    r = sitelib.run_build(out, content=content, env={"GAZETTE_LANG": "en"})
    assert r.returncode == 1
    code3, code4 = counties[3][0], counties[4][0]
    assert f"outlines.geojson: error: [E102] features[3] ({code3}): the ring `coordinates[0]` is not closed" in r.stderr, r.stderr
    assert f"outlines.geojson: error: [E102] features[4] ({code4}): the geometry is a LineString" in r.stderr
    assert "outlines.geojson: error: [E301] features[5] (639999): `639999` is not a county in regions.yaml." in r.stderr
    assert not os.path.exists(os.path.join(out, "index.html"))
    zh = sitelib.run_build(out, content=content, env={"GAZETTE_LANG": "zh-CN"})
    assert f"features[3] ({code3})：环 `coordinates[0]` 没有闭合" in zh.stderr, zh.stderr


def test_outline_map_is_accessible_and_fits_360px(tmp_path, gazette, browser):
    """axe-core finds no violation on the home and a city page with outlines, and nothing overflows at 360 px."""
    from conftest import require_tool
    from test_browser import find_axe_js
    axe = find_axe_js()
    require_tool(axe is not None, "axe.min.js (pip package axe-playwright-python)")
    axe_source = open(axe, encoding="utf-8").read()
    content = sitelib.copy_content(str(tmp_path / "content"))
    write(content, made_up_outlines(county_codes(content)))
    out = str(tmp_path / "out")
    assert sitelib.run_build(out, content=content).returncode == 0
    with sitelib.StaticServer(out) as server:
        for path in ("", "regions/630100/"):
            for width in (360, 1280):
                ctx = browser.new_context(viewport={"width": width, "height": 900})
                try:
                    page = ctx.new_page()
                    page.goto(f"{server.url}/{path}")
                    assert page.query_selector("svg.outline-map a.map-shape path"), path
                    assert page.evaluate("document.documentElement.scrollWidth") <= width, (path, width)
                    page.add_script_tag(content=axe_source)
                    result = json.loads(page.evaluate("async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))"))
                    assert result["violations"] == [], (path, width, [v["id"] for v in result["violations"]])
                finally:
                    ctx.close()
