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

  // Filtering: the form is hidden until this script shows it.
  var form = document.querySelector("form.filters");
  var table = document.querySelector("table.projects");
  if (form && table) {
    form.hidden = false;
    var count = form.querySelector(".filter-count");
    var apply = function () {
      var selects = form.querySelectorAll("select[data-filter]");
      var shown = 0, total = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        total += 1;
        var visible = Array.prototype.every.call(selects, function (select) {
          return !select.value || row.getAttribute("data-" + select.getAttribute("data-filter")) === select.value;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      if (count) {
        count.textContent = count.getAttribute("data-template").replace("{shown}", shown).replace("{total}", total);
      }
    };
    // A filter may come in the address (projects/?year=2017, from the by-year tables).
    var query = window.location.search.replace(/^\?/, "").split("&");
    query.forEach(function (pair) {
      var parts = pair.split("=");
      var select = form.querySelector('select[data-filter="' + decodeURIComponent(parts[0] || "").replace(/[^a-z-]/g, "") + '"]');
      if (select && parts.length === 2) select.value = decodeURIComponent(parts[1]);
    });
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }
})();
