// storyline's only script: show or hide the kinds of marks on an article page, and bring a
// highlighted sentence into view. It reads nothing from the page's text and writes no HTML.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var body = document.getElementById("text");
    var boxes = document.querySelectorAll(".legend input[data-mark]");
    Array.prototype.forEach.call(boxes, function (box) {
      box.addEventListener("change", function () {
        if (body) body.classList.toggle("hide-" + box.getAttribute("data-mark"), !box.checked);
      });
    });
    var hl = document.querySelector(".sent.hl");
    if (hl && hl.scrollIntoView) hl.scrollIntoView({block: "center"});
  });
})();
