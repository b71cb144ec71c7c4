// A little progressive enhancement; the page works without it.
document.addEventListener("DOMContentLoaded", function () {
  var description = document.getElementById("description");
  if (description) {
    // Ctrl+Enter (or Cmd+Enter) submits the search from the text area.
    description.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { description.form.submit(); }
    });
  }
  // After a search, move focus to the results so keyboard and screen-reader users land on them.
  var heading = document.getElementById("results-heading");
  if (heading) { heading.focus(); }
  var print = document.querySelector("button.print");
  if (print) { print.hidden = false; print.addEventListener("click", function () { window.print(); }); }
});
