// A button marked data-print opens the browser's print dialogue (no inline onclick: the
// Content-Security-Policy allows only scripts served from this site).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
});
