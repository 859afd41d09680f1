// The timeline's filters (templates/_timeline.md.j2): by actor, topic and kind. Progressive
// enhancement: without this script the form stays hidden and every entry shows.
(function () {
  "use strict";
  const has = (list, value) => !value || (list || "").split(" ").includes(value);

  function setUp(form) {
    const root = form.closest("article") || document.body;
    const entries = [...root.querySelectorAll(".timeline__entry")];
    const count = form.querySelector(".timeline-filter__count");
    function apply() {
      const actor = form.elements.actor.value;
      const topic = form.elements.topic.value;
      const kind = form.elements.kind.value;
      let shown = 0;
      for (const entry of entries) {
        const group = entry.closest(".timeline__group");
        const visible = has(entry.dataset.actors, actor) && has(entry.dataset.kinds, kind)
          && has(group && group.dataset.topics, topic);
        entry.hidden = !visible;
        shown += visible ? 1 : 0;
      }
      // Hide what is left empty: a question's block, a group, a list and its month's heading.
      const boxes = root.querySelectorAll(".timeline__question, .timeline__group, ol.timeline");
      for (const box of boxes) {
        box.hidden = !box.querySelector(".timeline__entry:not([hidden])");
        const heading = box.matches("ol.timeline") ? box.previousElementSibling : null;
        if (heading && /^H[2-6]$/.test(heading.tagName)) heading.hidden = box.hidden;
      }
      const filtered = actor || topic || kind;
      count.textContent = filtered ? `${shown} of ${entries.length} entries shown` : "";
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", (event) => event.preventDefault());
    form.hidden = false;
  }

  document.querySelectorAll("form[data-timeline-filter]").forEach(setUp);
})();
