/* Filters, and a finding's explanation on click. The page holds its data in data-* attributes;
   with JavaScript off the filters stay hidden and every finding is shown.
   The filter lives in the address too (#severity=error,warning&rule=LL302), so a filtered view
   can be bookmarked or sent, and a test can open the page filtered. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var ruleSelect = document.getElementById("rule-filter");
  var boxes = form.querySelectorAll("input[name=severity]");
  var all = ["error", "warning", "info"];

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function fromHash() {
    var hash = decodeURIComponent(location.hash.replace(/^#/, ""));
    if (!/(^|&)(severity|rule)=/.test(hash)) { return null; }  // an anchor, not a filter
    var wanted = { severity: all.slice(), rule: [] };
    hash.split("&").forEach(function (pair) {
      var kv = pair.split("=");
      if (kv.length === 2 && (kv[0] === "severity" || kv[0] === "rule")) {
        wanted[kv[0]] = kv[1] ? kv[1].split(",") : [];
      }
    });
    return wanted;
  }

  function fromForm() {
    var severity = [];
    each(boxes, function (box) { if (box.checked) { severity.push(box.value); } });
    return { severity: severity, rule: ruleSelect.value ? [ruleSelect.value] : [] };
  }

  function toForm(wanted) {
    each(boxes, function (box) { box.checked = wanted.severity.indexOf(box.value) >= 0; });
    var rule = wanted.rule.length === 1 ? wanted.rule[0] : "";
    var known = Array.prototype.some.call(ruleSelect.options, function (o) { return o.value === rule; });
    ruleSelect.value = known ? rule : "";
  }

  function apply(wanted) {
    var shown = 0, total = 0;
    each(document.querySelectorAll("section.report"), function (report) {
      var visible = {};
      each(report.querySelectorAll(".finding"), function (item) {
        var keep = wanted.severity.indexOf(item.dataset.severity) >= 0 &&
                   (!wanted.rule.length || wanted.rule.indexOf(item.dataset.rule) >= 0);
        item.hidden = !keep;
        if (keep) { visible[item.dataset.f] = true; shown += 1; }
        total += 1;
      });
      each(report.querySelectorAll("mark.hl, ol.text a.num"), function (el) {
        var on = el.dataset.f.split(" ").some(function (n) { return visible[n]; });
        el.classList.toggle("off", !on);
      });
    });
    var label = document.getElementById("shown-count");
    label.textContent = shown + " / " + total;
    var filtered = wanted.severity.length < all.length || wanted.rule.length > 0;
    document.documentElement.setAttribute("data-filter", filtered ?
      "severity=" + wanted.severity.join(",") + "&rule=" + wanted.rule.join(",") : "");
  }

  function onChange() {
    var wanted = fromForm();
    var hash = "severity=" + wanted.severity.join(",") + (wanted.rule.length ? "&rule=" + wanted.rule[0] : "");
    if (history.replaceState) { history.replaceState(null, "", "#" + hash); }
    apply(wanted);
  }

  function explain(item) {
    var box = item.querySelector(".explanation");
    if (box) { box.remove(); item.classList.remove("active"); return; }
    var rule = document.getElementById("rule-" + item.dataset.rule);
    if (!rule) { return; }
    box = document.createElement("pre");
    box.className = "explanation";
    box.textContent = rule.querySelector(".explanation").textContent;  // text, never markup
    item.appendChild(box);
    item.classList.add("active");
  }

  function flashLine(report, line) {
    var row = report.querySelector('li[id$="-l' + line + '"]');
    if (!row) { return; }
    row.scrollIntoView({ block: "center" });
    row.classList.add("flash");
    setTimeout(function () { row.classList.remove("flash"); }, 1200);
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var report = target.closest && target.closest("section.report");
    if (!report) { return; }
    var mark = target.closest("mark.hl, ol.text a.num");
    if (mark && !mark.classList.contains("off")) {  // a highlight: show its finding(s)
      event.preventDefault();
      var first = null;
      mark.dataset.f.split(" ").forEach(function (n) {
        var item = report.querySelector('.finding[data-f="' + n + '"]');
        if (item && !item.hidden) {
          if (!item.querySelector(".explanation")) { explain(item); }
          first = first || item;
        }
      });
      if (first) { first.scrollIntoView({ block: "nearest" }); }
      return;
    }
    var item = target.closest(".finding");
    if (item && !target.closest("a.code")) {
      event.preventDefault();
      explain(item);
      flashLine(report, item.dataset.line);
    }
  });
  document.addEventListener("keydown", function (event) {
    var item = event.target.closest && event.target.closest(".finding");
    if (item && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); explain(item); }
  });

  form.hidden = false;
  form.addEventListener("change", onChange);
  window.addEventListener("hashchange", function () {
    var wanted = fromHash();
    if (wanted) { toForm(wanted); apply(wanted); }
  });
  var initial = fromHash() || { severity: all.slice(), rule: [] };
  toForm(initial);
  apply(initial);
  document.documentElement.setAttribute("data-ready", "1");
})();
