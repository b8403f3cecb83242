import Foundation
import GazetteModel

/// What `serve` adds to HTML pages, and only there (never to `build` output): the live-reload script and,
/// while the last rebuild has errors, an overlay that shows them over the last good page.
enum Injection {
    /// `page` is the page's path in the site (`projects/x/index.html`); `root` reaches the site's root from
    /// it (`../../`), so that the script finds its event stream from the page's own address, whatever
    /// prefix a reverse proxy adds.
    static func inject(into html: Data, page: String, root: String, generation: Int, instance: String,
                       errors: [SiteStore.ErrorReport], language: Language = .zhCN) -> Data {
        var text = String(decoding: html, as: UTF8.self)
        let script = "<script src=\"\(escape(root))__gazette/live.js\" data-page=\"\(escape(page))\" data-generation=\"\(generation)\" "
            + "data-instance=\"\(escape(instance))\" data-errors=\"\(errors.isEmpty ? "0" : "1")\"></script>\n"
        if let end = text.range(of: "</body>", options: .backwards) {
            text.insert(contentsOf: script, at: end.lowerBound)
        } else {
            text += script
        }
        if !errors.isEmpty, let body = text.range(of: "<body") , let close = text[body.upperBound...].firstIndex(of: ">") {
            text.insert(contentsOf: overlay(errors, language: language), at: text.index(after: close))
        }
        return Data(text.utf8)
    }

    /// The relative way up from a page's path to the site's root.
    static func root(of page: String) -> String {
        let depth = page.split(separator: "/").count - 1
        return depth <= 0 ? "./" : String(repeating: "../", count: depth)
    }

    /// The errors of the last change, and the findings it adds (marked new: they will be published), in
    /// the site's language. A dialog: focused when shown, closed with its button or Escape.
    static func overlay(_ reports: [SiteStore.ErrorReport], language: Language = .zhCN) -> String {
        func say(_ key: String, _ values: [String: MessageArgument] = [:]) -> String { escape(Message(key, values).text(in: language)) }
        let errors = reports.filter { !$0.isNewFinding }, findings = reports.filter(\.isNewFinding)
        var html = "\n<div id=\"gazette-errors\" role=\"dialog\" aria-modal=\"true\" aria-labelledby=\"gazette-errors-title\" "
            + "lang=\"\(language.rawValue)\" tabindex=\"-1\" style=\"position:fixed;inset:0;z-index:99999;overflow:auto;"
            + "background:rgba(20,20,20,.94);color:#fff;font:16px/1.5 ui-monospace,monospace;padding:1.5rem\">"
            + "<button type=\"button\" id=\"gazette-errors-close\" style=\"float:right;font:16px system-ui,sans-serif;padding:.4rem .8rem;"
            + "background:#fff;color:#111;border:0;border-radius:4px;cursor:pointer\">\(say("serve.overlay.close"))</button>"
        let title = errors.isEmpty ? say("serve.overlay.findingsTitle", ["count": .number(findings.count)])
            : say("serve.overlay.errorsTitle", ["count": .number(errors.count)])
        html += "<h2 id=\"gazette-errors-title\" style=\"color:\(errors.isEmpty ? "#ffd479" : "#ff8a8a");margin:0 0 1rem;font:700 1.3rem system-ui,sans-serif\">\(title)</h2>"
        for error in errors.prefix(50) { html += item(error, color: "#ff8a8a", badge: nil) }
        if !findings.isEmpty {
            html += "<section class=\"gazette-new-findings\" aria-labelledby=\"gazette-new-findings-title\">"
            if !errors.isEmpty {
                html += "<h2 id=\"gazette-new-findings-title\" style=\"color:#ffd479;margin:1rem 0;font:700 1.3rem system-ui,sans-serif\">"
                    + say("serve.overlay.findingsTitle", ["count": .number(findings.count)]) + "</h2>"
            }
            html += "<p style=\"margin:0 0 1rem;font-family:system-ui,sans-serif\">\(say("serve.overlay.findingsNote"))</p>"
            for finding in findings.prefix(50) { html += item(finding, color: "#ffd479", badge: say("serve.overlay.new")) }
            html += "</section>"
        }
        html += "<script>(function(){var o=document.getElementById('gazette-errors'),b=document.getElementById('gazette-errors-close');"
            + "function close(){o.remove();document.removeEventListener('keydown',key);}"
            + "function key(e){if(e.key==='Escape'){close();}}"
            + "b.addEventListener('click',close);document.addEventListener('keydown',key);b.focus();})();</script>"
        return html + "</div>\n"
    }

    /// One diagnostic: where, the line with its caret, the message, the suggestion.
    private static func item(_ report: SiteStore.ErrorReport, color: String, badge: String?) -> String {
        var html = "<div class=\"\(report.isNewFinding ? "gazette-finding gazette-new" : "gazette-error")\" style=\"margin:0 0 1.25rem;border-left:4px solid \(color);padding-left:.75rem\">"
        html += "<p style=\"margin:0;color:#ffd479\" class=\"gazette-error-location\">"
        if let badge { html += "<strong class=\"gazette-new-badge\" style=\"background:#ffd479;color:#111;padding:0 .4rem;border-radius:3px;margin-right:.5rem\">\(badge)</strong>" }
        html += "\(escape(report.location))</p>"
        if let line = report.line { html += "<pre style=\"margin:.25rem 0;white-space:pre-wrap;color:#ddd\">\(escape(line))</pre>" }
        html += "<p style=\"margin:0\" class=\"gazette-error-message\">\(escape(report.message))</p>"
        if let suggestion = report.suggestion { html += "<p style=\"margin:0;color:#9fe29f\">\(escape(suggestion))</p>" }
        return html + "</div>"
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
