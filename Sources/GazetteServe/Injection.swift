import Foundation
import GazetteRender

/// What `serve` adds to HTML pages, and only there (never to `build` output): the live-reload script and,
/// while the last rebuild has errors, an overlay that shows them over the last good page.
enum Injection {
    /// `page` is the page's path in the site (`projects/x/index.html`); `root` reaches the site's root from
    /// it (`../../`), so that the script finds its event stream from the page's own address, whatever
    /// prefix a reverse proxy adds.
    static func inject(into html: Data, page: String, root: String, generation: Int, instance: String,
                       errors: [SiteStore.ErrorReport]) -> Data {
        var text = String(decoding: html, as: UTF8.self)
        let script = "<script src=\"\(escape(root))__gazette/live.js\" data-page=\"\(escape(page))\" data-generation=\"\(generation)\" "
            + "data-instance=\"\(escape(instance))\" data-errors=\"\(errors.isEmpty ? "0" : "1")\"></script>\n"
        if let end = text.range(of: "</body>", options: .backwards) {
            text.insert(contentsOf: script, at: end.lowerBound)
        } else {
            text += script
        }
        if !errors.isEmpty, let body = text.range(of: "<body") , let close = text[body.upperBound...].firstIndex(of: ">") {
            text.insert(contentsOf: overlay(errors), at: text.index(after: close))
        }
        return Data(text.utf8)
    }

    /// The relative way up from a page's path to the site's root.
    static func root(of page: String) -> String {
        let depth = page.split(separator: "/").count - 1
        return depth <= 0 ? "./" : String(repeating: "../", count: depth)
    }

    static func overlay(_ errors: [SiteStore.ErrorReport]) -> String {
        var html = "\n<div id=\"gazette-errors\" role=\"alert\" style=\"position:fixed;inset:0;z-index:99999;overflow:auto;"
            + "background:rgba(20,20,20,.94);color:#fff;font:16px/1.5 ui-monospace,monospace;padding:1.5rem\">"
            + "<h2 style=\"color:#ff8a8a;margin:0 0 1rem;font:700 1.3rem system-ui,sans-serif\">"
            + "The last change has \(errors.count) error\(errors.count == 1 ? "" : "s"): the page below is the last good build</h2>"
        for error in errors.prefix(50) {
            html += "<div class=\"gazette-error\" style=\"margin:0 0 1.25rem;border-left:4px solid #ff8a8a;padding-left:.75rem\">"
            html += "<p style=\"margin:0;color:#ffd479\" class=\"gazette-error-location\">\(escape(error.location))</p>"
            if let line = error.line { html += "<pre style=\"margin:.25rem 0;white-space:pre-wrap;color:#ddd\">\(escape(line))</pre>" }
            html += "<p style=\"margin:0\" class=\"gazette-error-message\">\(escape(error.message))</p>"
            if let suggestion = error.suggestion { html += "<p style=\"margin:0;color:#9fe29f\">\(escape(suggestion))</p>" }
            html += "</div>"
        }
        return html + "</div>\n"
    }

    static func escape(_ text: String) -> String { Escape.xml(text) }

    /// The live-reload client. It finds its event stream next to its own address, reloads when its page
    /// changed or errors appeared or cleared, and reconnects (with back-off) when the server restarts.
    static let script = """
    (function () {
      "use strict";
      var me = document.currentScript;
      var page = me.getAttribute("data-page");
      var generation = Number(me.getAttribute("data-generation"));
      var instance = me.getAttribute("data-instance");
      var showingErrors = me.getAttribute("data-errors") === "1";
      var url = new URL("events", me.src);
      url.searchParams.set("page", page);
      url.searchParams.set("since", String(generation));
      var delay = 500;
      function connect() {
        var source = new EventSource(url);
        source.addEventListener("hello", function (event) {
          delay = 500;
          var data = JSON.parse(event.data);
          if (data.instance !== instance) { location.reload(); }
        });
        source.addEventListener("change", function (event) {
          var data = JSON.parse(event.data);
          if (data.changed.indexOf(page) !== -1 || data.errors || data.errors !== showingErrors) { location.reload(); }
          generation = data.generation;
        });
        source.onerror = function () {
          source.close();
          setTimeout(connect, delay);
          delay = Math.min(delay * 2, 5000);
        };
      }
      connect();
    })();
    """
}
