(function () {
  "use strict";
  function clear() {
    document.querySelectorAll(".hit, .picked").forEach(function (n) {
      n.classList.remove("hit", "picked");
    });
  }
  function locate(link) {
    var id = link.getAttribute("data-el");
    var lineId = link.getAttribute("href").slice(1);
    var line = document.getElementById(lineId);
    clear();
    document.querySelectorAll("mark[data-els]").forEach(function (m) {
      if (m.getAttribute("data-els").split(" ").indexOf(id) >= 0) { m.classList.add("hit"); }
    });
    if (line) {
      line.classList.add("hit");
      line.scrollIntoView({ block: "center", behavior: "smooth" });
    }
    var card = link.closest(".gap, li");
    if (card) { card.classList.add("picked"); }
    if (window.history && history.replaceState) { history.replaceState(null, "", "#" + lineId); }
  }
  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("a[data-el]") : null;
    if (!link) { return; }
    e.preventDefault();
    locate(link);
  });

  var printer = document.getElementById("print");
  if (printer) {
    printer.hidden = false;
    printer.addEventListener("click", function () { window.print(); });
  }

  var drop = document.getElementById("drop");
  var input = document.getElementById("file");
  var chosen = document.getElementById("chosen");
  if (drop && input && chosen) {
    var show = function () {
      if (input.files && input.files.length) {
        chosen.textContent = "已选择：" + input.files[0].name;
        chosen.classList.add("ok");
      }
    };
    input.addEventListener("change", show);
    ["dragenter", "dragover"].forEach(function (t) {
      drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (t) {
      drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        show();
      }
    });
  }
  var form = document.getElementById("check-form");
  var button = document.getElementById("submit");
  if (form && button) {
    form.addEventListener("submit", function () {
      button.disabled = true;
      button.textContent = "正在检查，请稍候……";
    });
    window.addEventListener("pageshow", function () {
      button.disabled = false;
      button.textContent = "开始检查";
    });
  }
})();
