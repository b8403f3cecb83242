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
    var retotal = function (shown) {
      if (!totals) return;
      var sums = { projects: shown.length, net: 0 }, organizations = {};
      Object.keys(figures).forEach(function (f) { sums[f] = 0; });
      shown.forEach(function (row) {
        Object.keys(figures).forEach(function (f) { sums[f] += Number(row.getAttribute(figures[f]) || 0); });
        organizations[row.getAttribute("data-organization")] = true;
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
      totals.setAttribute("data-filtered", shown.length === rows().length ? "false" : "true");
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
      if (count) {
        count.textContent = count.getAttribute("data-template").replace("{shown}", shown.length).replace("{total}", all.length);
      }
      retotal(shown);
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
      download.addEventListener("click", function () {
        var head = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent; });
        var lines = [["ID"].concat(head, ["fen"]).map(cell).join(",")];
        rows().filter(function (row) { return !row.hidden; }).forEach(function (row) {
          var cells = Array.prototype.map.call(row.cells, function (c) {
            var label = c.querySelector(".money-exact");
            return label ? label.textContent : c.textContent;
          });
          lines.push([row.getAttribute("data-project")].concat(cells, [row.getAttribute("data-contracted") || ""]).map(cell).join(","));
        });
        var blob = new Blob(["\uFEFF" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = download.getAttribute("data-filename") || "projects.csv";
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
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
