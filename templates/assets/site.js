// Gazette's only script: it remembers the larger-text switch, and filters and sorts project tables.
// Every page works without it.
(function () {
  "use strict";
  var large = document.getElementById("large-text");
  if (large) {
    try {
      if (localStorage.getItem("gazette-large-text") === "1") large.checked = true;
      large.addEventListener("change", function () {
        localStorage.setItem("gazette-large-text", large.checked ? "1" : "0");
      });
    } catch (e) { /* storage may be disabled: the switch still works on this page */ }
  }

  // Sorting: a button in each sortable column's header. A cell's number is its data-sort-value (a
  // satisfaction in hundredths, -1 when there is none), else its amount in fen.
  var sortValue = function (cell) {
    var value = cell.getAttribute("data-sort-value");
    return Number(value !== null ? value : cell.getAttribute("data-fen"));
  };
  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), function (table) {
    var headers = table.querySelectorAll("thead th[data-sort]");
    Array.prototype.forEach.call(headers, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = th.getAttribute("data-sort") === "number";
        rows.sort(function (a, b) {
          var x = a.cells[column], y = b.cells[column];
          var result = numeric
            ? sortValue(x) - sortValue(y)
            : x.textContent.trim().localeCompare(y.textContent.trim(), document.documentElement.lang);
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  // Filtering: the form is hidden until this script shows it. The filter is kept in the address
  // (?county=630102&status=completed), so a filtered list can be shared and survives a reload; the totals
  // above the list are summed again over the rows shown; the rows shown can be downloaded as CSV.
  var form = document.querySelector("form.filters");
  var table = document.querySelector("table.projects");
  if (form && table) {
    form.hidden = false;
    var count = form.querySelector(".filter-count");
    var selects = form.querySelectorAll("select[data-filter]");
    var totals = document.querySelector("dl.totals");
    var rows = function () { return Array.prototype.slice.call(table.tBodies[0].rows); };
    var matches = function (row, select) {
      if (!select.value) return true;
      var value = row.getAttribute("data-" + select.getAttribute("data-filter")) || "";
      return select.hasAttribute("data-multi") ? value.split(" ").indexOf(select.value) >= 0 : value === select.value;
    };
    // ¥1,234,567.89 from fen, as the pages print money in tables.
    var money = function (fen) {
      var negative = fen < 0, abs = Math.abs(fen), yuan = Math.floor(abs / 100), cents = abs % 100;
      var grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
      return (negative ? "−" : "") + "¥" + grouped + "." + (cents < 10 ? "0" : "") + cents;
    };
    var figures = {
      "contracted": "data-contracted", "paid": "data-paid", "recovered": "data-recovered",
      "to-pay": "data-to-pay", "to-recover": "data-to-recover"
    };
    // A list on several pages (issue 16) names its rows file (data-list, projects/rows.json): once a filter
    // is chosen the script reads it and totals, counts and downloads the whole filtered list from it, while
    // this page shows its own rows that match; the pager's links keep the filter.
    var listURL = form.getAttribute("data-list");
    var whole = null, loading = false, offline = false;
    // rows.json's columns, by the filter's name or the figure's.
    var column = {
      "city": 2, "county": 3, "category": 4, "status": 5, "organization": 6, "year": 7, "services": 8, "groups": 9,
      "contracted": 10, "paid": 11, "recovered": 12, "to-pay": 13, "to-recover": 14
    };
    var originalTotals = totals ? Array.prototype.map.call(totals.querySelectorAll("dd[data-figure]"), function (dd) {
      return [dd, dd.innerHTML, dd.getAttribute("data-fen"), dd.getAttribute("data-count")];
    }) : [];
    var restoreTotals = function () {
      originalTotals.forEach(function (o) {
        o[0].innerHTML = o[1];
        if (o[2] !== null) o[0].setAttribute("data-fen", o[2]);
        if (o[3] !== null) o[0].setAttribute("data-count", o[3]);
      });
      if (totals) totals.setAttribute("data-filtered", "false");
    };
    var wholeCount = function () {
      var dd = totals && totals.querySelector('dd[data-figure="projects"]');
      return dd ? dd.getAttribute("data-count") : "";
    };
    var dataMatches = function (r, select) {
      if (!select.value) return true;
      var value = r[column[select.getAttribute("data-filter")]] || "";
      return select.hasAttribute("data-multi") ? value.split(" ").indexOf(select.value) >= 0 : value === select.value;
    };
    var load = function (then) {
      if (whole || offline) { then(); return; }
      if (loading) return;
      loading = true;
      fetch(listURL).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      }).then(function (data) { whole = data; }, function () { offline = true; })
        .then(function () { loading = false; then(); });
    };
    // The figure of a row: a table row's attribute, or a rows.json row's column.
    var figure = function (row, f) {
      return Number((row.getAttribute ? row.getAttribute(figures[f]) : row[column[f]]) || 0);
    };
    var organizationOf = function (row) { return row.getAttribute ? row.getAttribute("data-organization") : row[6]; };
    var retotal = function (shown, allCount) {
      if (!totals) return;
      var sums = { projects: shown.length, net: 0 }, organizations = {};
      Object.keys(figures).forEach(function (f) { sums[f] = 0; });
      shown.forEach(function (row) {
        Object.keys(figures).forEach(function (f) { sums[f] += figure(row, f); });
        organizations[organizationOf(row)] = true;
      });
      sums.net = sums.paid - sums.recovered;
      sums.organizations = Object.keys(organizations).length;
      Array.prototype.forEach.call(totals.querySelectorAll("dd[data-figure]"), function (dd) {
        var f = dd.getAttribute("data-figure");
        if (!(f in sums)) return;
        if (dd.hasAttribute("data-count")) {
          dd.setAttribute("data-count", String(sums[f]));
          dd.textContent = String(sums[f]);
        } else {
          dd.setAttribute("data-fen", String(sums[f]));
          var exact = dd.querySelector(".money-exact");
          (exact || dd).textContent = money(sums[f]);
          // The 万元 form is not recomputed here: the exact figure stands alone once the rows are filtered.
          var short = dd.querySelector(".money-short");
          if (short) { short.remove(); exact.className = ""; }
        }
      });
      totals.setAttribute("data-filtered", shown.length === allCount ? "false" : "true");
    };
    var apply = function () {
      var shown = [], all = rows(), params = new URLSearchParams();
      all.forEach(function (row) {
        var visible = Array.prototype.every.call(selects, function (select) { return matches(row, select); });
        row.hidden = !visible;
        if (visible) shown.push(row);
      });
      Array.prototype.forEach.call(selects, function (select) {
        if (select.value) params.set(select.getAttribute("data-filter"), select.value);
      });
      var query = params.toString();
      try { history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash); } catch (e) { /* file: */ }
      // The pager's links carry the filter to the other pages.
      Array.prototype.forEach.call(document.querySelectorAll("nav.pager a[href]"), function (a) {
        if (!a.hasAttribute("data-href")) a.setAttribute("data-href", a.getAttribute("href"));
        a.setAttribute("href", a.getAttribute("data-href") + (query ? "?" + query : ""));
      });
      var filtering = Array.prototype.some.call(selects, function (select) { return select.value; });
      if (listURL && !filtering) {
        restoreTotals();
        if (count) count.textContent = form.getAttribute("data-whole").split("{total}").join(wholeCount())
          .split("{matched}").join(wholeCount()).split("{shown}").join(String(shown.length));
        return;
      }
      if (listURL && !whole && !offline) {
        if (count) count.textContent = form.getAttribute("data-loading");
        load(apply);
        return;
      }
      if (listURL && whole) {
        var matched = whole.rows.filter(function (r) {
          return Array.prototype.every.call(selects, function (select) { return dataMatches(r, select); });
        });
        if (count) count.textContent = form.getAttribute("data-whole").split("{total}").join(String(whole.rows.length))
          .split("{matched}").join(String(matched.length)).split("{shown}").join(String(shown.length));
        retotal(matched, whole.rows.length);
        return;
      }
      if (count) {
        count.textContent = (offline ? form.getAttribute("data-offline") + " " : "")
          + count.getAttribute("data-template").replace("{shown}", shown.length).replace("{total}", all.length);
      }
      retotal(shown, all.length);
    };
    // The filter in the address, where its value is one of the options.
    var initial = new URLSearchParams(location.search);
    Array.prototype.forEach.call(selects, function (select) {
      var wanted = initial.get(select.getAttribute("data-filter"));
      if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) select.value = wanted;
    });
    // CSV of the rows shown, for a spreadsheet: a BOM for Excel, every cell quoted, and a cell that a
    // spreadsheet would read as a formula (= + - @, tab, CR) prefixed with an apostrophe.
    var cell = function (text) {
      text = String(text).replace(/\s+/g, " ").trim();
      if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
      return '"' + text.replace(/"/g, '""') + '"';
    };
    var download = form.querySelector(".filter-download");
    if (download && window.Blob && window.URL && URL.createObjectURL) {
      var save = function (lines) {
        var blob = new Blob(["\uFEFF" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = download.getAttribute("data-filename") || "projects.csv";
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
      };
      // The whole filtered list from rows.json, in the table's columns.
      var saveWhole = function (head) {
        var lines = [["ID"].concat(head, ["fen"]).map(cell).join(",")];
        whole.rows.filter(function (r) {
          return Array.prototype.every.call(selects, function (select) { return dataMatches(r, select); });
        }).forEach(function (r) {
          var n = whole.names;
          lines.push([r[0], r[1], n.county[r[3]] || r[3], n.organization[r[6]] || r[6], n.category[r[4]] || r[4],
            n.status[r[5]] || r[5], money(Number(r[10])), r[15], String(r[10])].map(cell).join(","));
        });
        save(lines);
      };
      download.addEventListener("click", function () {
        var head = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent; });
        if (listURL) {
          load(function () { if (whole) saveWhole(head); });
          if (!offline) return;
        }
        var lines = [["ID"].concat(head, ["fen"]).map(cell).join(",")];
        rows().filter(function (row) { return !row.hidden; }).forEach(function (row) {
          var cells = Array.prototype.map.call(row.cells, function (c) {
            var label = c.querySelector(".money-exact");
            return label ? label.textContent : c.textContent;
          });
          lines.push([row.getAttribute("data-project")].concat(cells, [row.getAttribute("data-contracted") || ""]).map(cell).join(","));
        });
        save(lines);
      });
    } else if (download) {
      download.hidden = true;
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }
})();
