// Start Pagefind's search UI on the search page. Pagefind finds its index next to its
// own script, so the search works under any subpath and without a network.
window.addEventListener("DOMContentLoaded", function () {
  var ui = new PagefindUI({
    element: "#site-search",
    showSubResults: true,
    showImages: false,
    openFilters: ["topic", "actor", "jurisdiction", "stance"],
  });
  // ?q=… opens the page with a search already run (links and the header search use it).
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
});
