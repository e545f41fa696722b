// Builds the district chooser after the page has loaded.
// Known barrier: the <select> gets no label (see BARRIERS.md); a scanner that reads
// only the HTML from the server never sees it.
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("wijkkeuze");
  var select = document.createElement("select");
  select.id = "wijk";
  ["Centrum", "Noord", "Oost", "Zuid", "West"].forEach(function (name) {
    var option = document.createElement("option");
    option.textContent = name;
    select.appendChild(option);
  });
  holder.appendChild(select);
});
