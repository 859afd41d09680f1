// The search page: Pagefind's JavaScript API driving the page's own markup and <template>s
// (templates/search.md.j2). Pagefind is imported from beside its index, so search works under
// any subpath and offline. The filters are fetched only when "Filter results" is opened (or the
// address asks for one): on a large site they outweigh the rest of a first search.
// The address keeps the query and the chosen filters (?q=…&topic=…), so a search can be shared.
(function () {
  "use strict";

  var root = document.getElementById("site-search");
  if (!root) {
    return;
  }
  var form = root.querySelector(".site-search__form");
  var input = root.querySelector(".site-search__input");
  var status = root.querySelector(".site-search__status");
  var list = root.querySelector(".site-search__results");
  var more = root.querySelector(".site-search__more");
  var panel = root.querySelector(".site-search__filters");
  var panelStatus = root.querySelector(".site-search__filters-status");
  var groups = Array.prototype.slice.call(root.querySelectorAll(".search-filter"));
  var templates = {
    result: root.querySelector(".site-search__result-template"),
    section: root.querySelector(".site-search__section-template"),
    value: root.querySelector(".site-search__value-template"),
  };
  var perPage = Number(root.dataset.resultsPerPage) || 5;
  var valuesShown = Number(root.dataset.valuesShown) || 12;
  var SECTIONS_PER_RESULT = 3;
  var PAGEFIND_OPTIONS = { excerptLength: 24 };
  var shardCount = 1; // index shards merged into the search (see mergeShards)

  var pagefind = null; // a promise of the Pagefind module, once asked for
  var filterTotals = null; // a promise of every filter's counts, once the panel has been opened
  var totals = null; // those counts, once loaded: searches from then on count every filter too
  var selected = {}; // filter name -> Set of chosen values (any of them; every filter applies)
  var expanded = {}; // filter name -> true when "Show all" was pressed
  var current = { results: [], shown: 0, counts: null };
  var generation = 0; // a newer search makes an older one's late answer moot

  function loadPagefind() {
    if (!pagefind) {
      var bundle = new URL(root.dataset.bundle, document.baseURI);
      pagefind = import(bundle.href).then(function (module) {
        return module.options(PAGEFIND_OPTIONS).then(function () {
          return mergeShards(module, bundle);
        }).then(function () {
          return module;
        });
      });
    }
    return pagefind;
  }

  // A large site's index comes in shards (generator/site/pagefind.py): the bundle's shards.json
  // lists the others, merged here so that every search covers them all in one ranked list. Each
  // shard's pages carry a "shard" filter (its number) for inShardsWithEveryWord. Paths without
  // the origin, as Pagefind keeps its own bundle's, so that result addresses come out alike.
  function mergeShards(module, bundle) {
    return fetch(new URL("shards.json", bundle)).then(function (response) {
      return response.ok ? response.json() : [];
    }).catch(function () {
      return []; // an index built before shards: the one bundle
    }).then(function (shards) {
      if (!shards.length) {
        return null;
      }
      shardCount = shards.length + 1;
      return Promise.all([module.options({ mergeFilter: { shard: "0" } })].concat(
        shards.map(function (shard, number) {
          var tagged = { mergeFilter: { shard: String(number + 1) } };
          var options = Object.assign(tagged, PAGEFIND_OPTIONS);
          return module.mergeIndex(new URL(shard, bundle).pathname, options);
        })));
    });
  }

  // Pagefind leaves out of a search the words its index lacks, so a shard without one of the
  // words searched for would answer for the others alone. Search only the shards that hold
  // every word found anywhere (a word found nowhere is left out, as with one index): null when
  // that is all of them, else the shard filter to add. Each word's search reuses the chunks.
  async function inShardsWithEveryWord(module, term) {
    var words = term.split(/\s+/).filter(function (word) {
      return /[\p{L}\p{N}]/u.test(word);
    });
    if (shardCount < 2 || words.length < 2 || /^\s*".+"\s*$/.test(term)) {
      return null;
    }
    var found = await Promise.all(words.map(function (word) {
      return module.search(word);
    }));
    var holding = found.filter(function (search) {
      return search.results.length > 0;
    }).map(function (search) {
      return search.filters.shard || {};
    });
    var shards = [];
    for (var number = 0; number < shardCount; number++) {
      if (holding.every(function (counts) { return counts[String(number)] > 0; })) {
        shards.push(String(number));
      }
    }
    return shards.length === shardCount ? null : { any: shards };
  }

  function clone(template) {
    return template.content.firstElementChild.cloneNode(true);
  }

  // Pagefind's excerpts are HTML with <mark> around the matched words. Keep the marks and
  // the text, nothing else: parsed in an inert <template>, so nothing in them can run.
  function setMarked(element, html) {
    var parsed = document.createElement("template");
    parsed.innerHTML = html || "";
    element.replaceChildren();
    parsed.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        element.append(mark);
      } else {
        element.append(document.createTextNode(node.textContent));
      }
    });
  }

  function plainText(html) {
    var parsed = document.createElement("template");
    parsed.innerHTML = html || "";
    return parsed.content.textContent;
  }

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    if (params.has("q")) {
      input.value = params.get("q"); // else keep what may have been typed before this script ran
    }
    groups.forEach(function (group) {
      selected[group.dataset.filter] = new Set(params.getAll(group.dataset.filter));
    });
  }

  function writeAddress(term) {
    var params = new URLSearchParams();
    if (term) {
      params.set("q", term);
    }
    groups.forEach(function (group) {
      var name = group.dataset.filter;
      Array.from(selected[name]).sort().forEach(function (value) {
        params.append(name, value);
      });
    });
    var query = params.toString();
    window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
  }

  function activeFilters() {
    var filters = {};
    Object.keys(selected).forEach(function (name) {
      if (selected[name].size) {
        filters[name] = { any: Array.from(selected[name]) };
      }
    });
    return filters;
  }

  function describe(count, term, filtered) {
    var found = count === 0 ? "No results" : count === 1 ? "1 result" : count.toLocaleString("en") + " results";
    return found + (term ? " for “" + term + "”" : "") + (filtered ? " with the chosen filters" : "") + ".";
  }

  async function run(debounced) {
    var mine = ++generation;
    var term = input.value.trim();
    var filters = activeFilters();
    var filtered = Object.keys(filters).length > 0;
    writeAddress(term);
    if (!term && !filtered) {
      current = { results: [], shown: 0, counts: null };
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      showFilters();
      return;
    }
    var search;
    try {
      var module = await loadPagefind();
      if (debounced) {
        if (term) {
          module.preload(term); // the index chunks, while the typing goes on
        }
        await new Promise(function (resolve) { setTimeout(resolve, 300); });
        if (mine !== generation) {
          return; // typing went on
        }
      }
      search = await searchShards(module, term, filters);
    } catch (error) {
      status.textContent = "Search is not available: " + error.message;
      return;
    }
    if (mine !== generation) {
      return; // a newer search is under way
    }
    var results = filtered ? search.results : await contentFirst(module, term, search.results);
    if (mine !== generation) {
      return;
    }
    current = { results: results, shown: 0, counts: search.filters };
    list.replaceChildren();
    status.textContent = describe(search.results.length, term, filtered);
    await showMore(mine, false);
    showFilters();
  }

  async function searchShards(module, term, filters) {
    var shards = term ? await inShardsWithEveryWord(module, term) : null;
    if (shards && !shards.any.length) {
      return { results: [], filters: {} }; // no shard holds every word: no page does
    }
    var scoped = shards ? Object.assign({ shard: shards }, filters) : filters;
    return module.search(term || null, { filters: scoped });
  }

  // Lists (topic pages) after the briefs, actors and laws: Pagefind ranks first a page that
  // holds little more than the words searched for, however lightly they are weighted. The
  // second search reuses the first one's index chunks; only the small "list" filter is fetched.
  async function contentFirst(module, term, results) {
    var lists;
    try {
      lists = await module.search(term, { filters: { list: { any: ["topic"] } } });
    } catch (error) {
      return results; // ranked as Pagefind ranks them
    }
    var isList = new Set(lists.results.map(function (result) { return result.id; }));
    return results.filter(function (result) { return !isList.has(result.id); })
      .concat(results.filter(function (result) { return isList.has(result.id); }));
  }

  async function showMore(mine, moveFocus) {
    var batch = current.results.slice(current.shown, current.shown + perPage);
    current.shown += batch.length;
    more.disabled = true; // one page of results at a time, in order
    var pages = await Promise.all(batch.map(function (result) {
      return result.data();
    }));
    if (mine !== generation) {
      return;
    }
    var items = pages.map(resultItem);
    list.append.apply(list, items);
    more.disabled = false;
    more.hidden = current.shown >= current.results.length;
    if (moveFocus && items.length) {
      items[0].querySelector("a").focus(); // keyboard users carry on from the first new result
    }
  }

  function resultItem(page) {
    var item = clone(templates.result);
    var link = item.querySelector(".search-result__link");
    link.href = page.url;
    link.textContent = plainText(page.meta.title) || page.url;
    // What the page is (Brief, Actor, Law, Topic), from its template's data-pagefind-meta="kind:…":
    // a law and the topic named after it otherwise read alike.
    var kind = item.querySelector(".search-result__kind");
    kind.textContent = page.meta.kind || "";
    if (!page.meta.kind) {
      kind.remove();
    }
    setMarked(item.querySelector(".search-result__excerpt"), page.excerpt);
    var sections = item.querySelector(".search-result__sections");
    mostMatchedSections(page).forEach(function (section) {
      var entry = clone(templates.section);
      var sectionLink = entry.querySelector(".search-result__section-link");
      sectionLink.href = section.url;
      sectionLink.textContent = plainText(section.title);
      setMarked(entry.querySelector(".search-result__section-excerpt"), section.excerpt);
      sections.append(entry);
    });
    if (!sections.children.length) {
      sections.remove();
    }
    return item;
  }

  // The sections (under a heading, not the page's title) with the most matches, in page order.
  function mostMatchedSections(page) {
    var sections = (page.sub_results || []).filter(function (section) {
      return section.url.indexOf("#") !== -1 && section.title !== page.meta.title;
    });
    var chosen = sections.slice().sort(function (a, b) {
      return (b.locations || []).length - (a.locations || []).length;
    }).slice(0, SECTIONS_PER_RESULT);
    return sections.filter(function (section) {
      return chosen.indexOf(section) !== -1;
    });
  }

  async function openFilters() {
    if (!filterTotals) {
      panelStatus.textContent = "Loading filters…";
      filterTotals = loadPagefind().then(function (module) {
        return module.filters();
      });
    }
    try {
      totals = await filterTotals;
    } catch (error) {
      panelStatus.textContent = "Filters are not available: " + error.message;
      return;
    }
    panelStatus.textContent = "";
    if (input.value.trim() || Object.keys(activeFilters()).length) {
      await run(false); // (again) now that the filters are loaded: its counts cover them all
    } else {
      showFilters();
    }
  }

  // Each filter's values with their counts in the current results (every page's when there
  // are none), most frequent first; chosen values always stay in view.
  function showFilters() {
    if (!totals || !panel.open) {
      return; // not loaded yet: opening the panel draws them once they are
    }
    var counts = current.counts || totals;
    var focused = document.activeElement;
    var refocus = focused && focused.classList.contains("search-filter__input") ? focused : null;
    var shown = 0;
    groups.forEach(function (group) {
      var name = group.dataset.filter;
      var values = Object.entries(counts[name] || {}).filter(function (entry) {
        return entry[1] > 0 || selected[name].has(entry[0]);
      }).sort(function (a, b) {
        return b[1] - a[1] || a[0].localeCompare(b[0]);
      });
      var visible = expanded[name] ? values : values.filter(function (entry, position) {
        return position < valuesShown || selected[name].has(entry[0]);
      });
      var valueList = group.querySelector(".search-filter__values");
      valueList.replaceChildren.apply(valueList, visible.map(function (entry) {
        return filterValue(name, entry[0], entry[1]);
      }));
      var all = group.querySelector(".search-filter__all");
      all.hidden = visible.length >= values.length;
      all.textContent = "Show all " + values.length.toLocaleString("en");
      group.hidden = values.length === 0;
      shown += values.length;
      if (refocus && refocus.name === name) {
        var again = valueList.querySelector('input[value="' + CSS.escape(refocus.value) + '"]');
        if (again) {
          again.focus();
        }
      }
    });
    panelStatus.textContent = shown ? "" : "None of these results is a brief: there is nothing to filter.";
  }

  function filterValue(name, value, count) {
    var entry = clone(templates.value);
    var box = entry.querySelector(".search-filter__input");
    box.name = name;
    box.value = value;
    box.checked = selected[name].has(value);
    entry.querySelector(".search-filter__value").textContent = value;
    entry.querySelector(".search-filter__count").textContent = "(" + count.toLocaleString("en") + ")";
    return entry;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(false);
  });
  input.addEventListener("input", function () {
    run(true);
  });
  more.addEventListener("click", function () {
    showMore(generation, true);
  });
  panel.addEventListener("toggle", function () {
    if (panel.open) {
      openFilters();
    }
  });
  groups.forEach(function (group) {
    var name = group.dataset.filter;
    group.addEventListener("change", function (event) {
      var box = event.target;
      if (box.checked) {
        selected[name].add(box.value);
      } else {
        selected[name].delete(box.value);
      }
      run(false);
    });
    group.querySelector(".search-filter__all").addEventListener("click", function () {
      var before = group.querySelectorAll(".search-filter__input").length;
      expanded[name] = true;
      showFilters();
      var next = group.querySelectorAll(".search-filter__input")[before];
      if (next) {
        next.focus(); // the button is gone: carry on from the first value it revealed
      }
    });
  });

  readAddress();
  var chosenFilters = Object.keys(activeFilters()).length > 0;
  if (chosenFilters) {
    panel.open = true; // its toggle event loads the filters and runs the search
  } else if (input.value.trim()) {
    run(false);
  } else {
    loadPagefind().then(function (module) {
      return module.init(); // index metadata and WebAssembly, ready for the first keystroke
    }).catch(function () {});
  }
})();
