// Progressive enhancement: count down the seconds left on a timed crisis step. The server decides what is late.
(function () {
  var box = document.querySelector(".crisis-timer[data-seconds-left]");
  if (!box) return;
  var left = parseInt(box.getAttribute("data-seconds-left"), 10);
  var output = box.querySelector(".crisis-timer__left");
  if (isNaN(left) || !output) return;
  var template = output.getAttribute("data-template") || "";
  function show() {
    // Announce only every 30 seconds and the last 10, to keep screen readers quiet.
    if (left % 30 === 0 || left <= 10) output.setAttribute("aria-live", "polite"); else output.setAttribute("aria-live", "off");
    output.textContent = template + "\u00a0" + left + "\u00a0s";
  }
  show();
  var timer = setInterval(function () {
    left = Math.max(0, left - 1);
    show();
    if (left === 0) clearInterval(timer);
  }, 1000);
})();
