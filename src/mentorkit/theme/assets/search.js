// Search with Pagefind: one index per language (chosen from <html lang>), Finnish stemming, no
// request outside the site. The form works from the page's ?q= too, so the URL of a search can
// be shared.
// A page opened from a result highlights the words that matched (Pagefind's own highlight script,
// shipped in the site's pagefind/ folder; it marks the ?pagefind-highlight= words).
(function () {
  var params = new URLSearchParams(window.location.search);
  if (!params.has("pagefind-highlight") || window.location.protocol === "file:") return;
  var config = document.getElementById("__config");
  var base = config ? JSON.parse(config.textContent).base : ".";
  // Material's base is this language's root; the site's root (where pagefind/ is) may be above it.
  var root = document.querySelector('meta[name="mk-site-root"]');
  if (root && root.content) base += "/" + root.content;
  import(new URL(base + "/pagefind/pagefind-highlight.js", document.baseURI).href).then(function (module) {
    new module.default({ highlightParam: "pagefind-highlight" });
  });
})();

(function () {
  var form = document.querySelector("form.mk-search");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("mk-search-status");
  var list = document.getElementById("mk-search-results");
  var pagefind = null;
  // Opened from disk (a bundle), the browser refuses to fetch the index: say so, plainly.
  // The hint and the header's search button would promise what the page then says it cannot do
  // (elsewhere in the bundle the button leads here, to this explanation).
  if (window.location.protocol === "file:") {
    var offline = document.querySelector(".mk-search-offline");
    if (offline) offline.hidden = false;
    form.hidden = true;
    document.querySelectorAll(".mk-search-link, .mk-search-hint").forEach(function (element) { element.hidden = true; });
    return;
  }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL(form.dataset.bundle + "pagefind.js", document.baseURI).href).then(function (module) {
        return module.init().then(function () { return module; });
      });
    }
    return pagefind;
  }

  function say(count) {
    if (count === 0) return form.dataset.none;
    if (count === 1) return form.dataset.one;
    return form.dataset.many.replace("{n}", String(count));
  }

  function render(results) {
    list.textContent = "";
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      // The matched words as Pagefind found them in this page (inflected forms too), for highlighting.
      var target = new URL(data.url, document.baseURI);
      matchedWords(data).forEach(function (word) { target.searchParams.append("pagefind-highlight", word); });
      link.href = target.href;
      link.textContent = (data.meta && data.meta.title) || data.url;
      var excerpt = document.createElement("p");
      // Pagefind's excerpt is the page's own text with matches wrapped in <mark>.
      excerpt.innerHTML = data.excerpt;
      item.appendChild(link);
      item.appendChild(excerpt);
      list.appendChild(item);
    });
  }

  // Pagefind also matches one- and two-letter tokens of the text (list letters such as "c)", the
  // "h" of "2 h") by prefix, so a word that is nowhere on the site still "finds" pages. A result
  // counts only when one of its highlighted words is at least three letters long.
  function matchedWords(data) {
    var marks = data.excerpt.match(/<mark>([^<]*)<\/mark>/g) || [];
    var words = marks.map(function (mark) { return mark.replace(/<\/?mark>/g, "").trim(); });
    return words.filter(function (word, index) { return word.length >= 3 && words.indexOf(word) === index; });
  }

  function meaningful(data) {
    return matchedWords(data).length > 0;
  }

  function run(query) {
    query = query.trim();
    if (!query) { status.textContent = ""; list.textContent = ""; return; }
    load().then(function (module) {
      return module.search(query);
    }).then(function (search) {
      return Promise.all(search.results.slice(0, 60).map(function (r) { return r.data(); })).then(function (data) {
        var kept = data.filter(meaningful);
        render(kept.slice(0, 20));
        status.textContent = say(kept.length);
      });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    run(input.value);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
})();
