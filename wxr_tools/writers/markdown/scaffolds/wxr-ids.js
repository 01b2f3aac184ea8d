/* WordPress's ?p=N, ?page_id=N and ?attachment_id=N addresses land on the home page of a static
   site: this looks the id up in wxr-ids.json (written by wxr-tools) and goes to the post. */
(function () {
  var query = new URLSearchParams(location.search);
  var id = query.get("p") || query.get("page_id") || query.get("attachment_id");
  if (!id) return;
  fetch("/wxr-ids.json")
    .then(function (response) { return response.json(); })
    .then(function (ids) { if (ids[id]) location.replace(ids[id]); });
})();
