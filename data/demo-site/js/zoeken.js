// Shows what was searched for. Uses textContent, never innerHTML, so a query such as
// <script> is shown as text.
document.addEventListener("DOMContentLoaded", function () {
  var query = new URLSearchParams(window.location.search).get("q");
  if (!query) return;
  document.getElementById("zoekterm").value = query;
  document.getElementById("zoekresultaat").textContent =
    "Geen resultaten gevonden voor: " + query;
});
