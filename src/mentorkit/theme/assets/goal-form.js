/* mentorkit: the goal-definition form (docs/<lang>/goal-form.md, assemble/goalform.py).
 *
 * Runs entirely in the page: its choices, the schema's patterns and limits and its strings come
 * from the inline JSON of #mk-goal-form-data, a file is read with FileReader and saved as a Blob,
 * so it makes no request and works from disk. Nothing is stored (no localStorage, no cookies).
 * The state is a plain object; the form is drawn from it, and every input writes back into it.
 * Keys the form has no field for are kept verbatim and written back on save.
 */
(function () {
  "use strict";
  var root = document.getElementById("mk-goal-form");
  var blob = document.getElementById("mk-goal-form-data");
  if (!root || !blob) return;
  var D = JSON.parse(blob.textContent);
  var L = D.lang;
  var SITE_LANGS = D.languages.map(function (l) { return l.code; });
  var LANG_NAME = dict();
  D.languages.forEach(function (l) { LANG_NAME[l.code] = l.name; });
  var COMMON = D.schema.common.$defs;
  var AGENCY = D.schema.agency;
  var SLUG = COMMON.slug;
  var TEXT_MAX = COMMON.text.maxLength || null;
  var RE = {
    slug: new RegExp(SLUG.pattern),
    email: new RegExp(AGENCY.$defs.email.pattern),
    time: new RegExp(AGENCY.$defs.time.pattern),
    text: new RegExp(COMMON.text.pattern),
  };
  var GOALS_MIN = AGENCY.properties.goals.minItems;
  var GOALS_MAX = AGENCY.properties.goals.maxItems;
  var COMMITMENTS_MAX = AGENCY.properties.goals.items.properties.commitments.maxItems;
  var FOLLOW_UP = AGENCY.properties.follow_ups.items;
  var STORIES_MAX = FOLLOW_UP.properties.stories.maxItems;
  var STATUSES = FOLLOW_UP.properties.indicators.items.properties.status.enum;
  var METHODS = FOLLOW_UP.properties.method.enum;
  var RESPONDENTS = AGENCY.$defs.respondents;
  var RANGE_MIN = D.range_min_respondents;
  var EXAMPLE = {
    email: AGENCY.$defs.email.examples[0],
    time: AGENCY.$defs.time.examples[0],
    date: COMMON.date.examples[0],
  };
  // Lookups keyed by text from a file are Maps or objects without a prototype: a key such as
  // `constructor` or `__proto__` is then a key like any other, never an inherited property.
  function byId(list) { var m = new Map(); list.forEach(function (x) { m.set(x.id, x); }); return m; }
  function dict() { return Object.create(null); }
  var DIMENSIONS = byId(D.dimensions), THEMES = byId(D.themes), MODULES = byId(D.modules);
  var GATES = D.selection.gates;
  var WEAK = { min: D.scale.min, weak: D.selection.weak_at_most };  // the ratings that select a dimension's modules
  var SCHEMA_VERSION = AGENCY.properties.schema.const;

  function t(key, values) {
    var text = D.ui[key] !== undefined ? D.ui[key] : key;
    return text.replace(/\{(\w+)\}/g, function (all, name) { return values && name in values ? String(values[name]) : all; });
  }
  var REFUSED = new Set(D.refused_characters);
  function refusedIn(s) { for (var i = 0; i < s.length; i++) { if (REFUSED.has(s.charCodeAt(i))) return true; } return false; }
  var GOAL_SCHEMA = AGENCY.properties.goals.items;
  // A schema's $ref names its own $defs ("#/$defs/x") or the common schema's ("common#/$defs/x").
  function resolved(schema) {
    while (schema && schema.$ref) {
      var parts = schema.$ref.split("#/$defs/");
      schema = (parts[0] === "common" ? COMMON : AGENCY.$defs)[parts[1]];
    }
    return schema;
  }
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Bare); }
  function filled(s) { return typeof s === "string" && RE.text.test(s); }
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  // Localised text ---------------------------------------------------------------------------------
  // {v: {lang: text}, plain: one string for every language, keys: the languages the file had}.
  function loc(value) {
    var l = { v: dict(), plain: false, keys: [] };
    if (typeof value === "string") {
      l.plain = true;
      SITE_LANGS.forEach(function (c) { l.v[c] = value; });
    } else if (isObject(value)) {
      Object.keys(value).forEach(function (k) { l.v[k] = value[k]; l.keys.push(k); });
    }
    return l;
  }
  function isLoc(value) {
    return typeof value === "string" || (isObject(value) && Object.keys(value).every(function (k) { return typeof value[k] === "string"; }));
  }
  function locOut(l) {
    var langs = chosenLangs();
    var values = langs.map(function (c) { return l.v[c] || ""; });
    if (!values.some(filled)) {
      return l.keys.length ? locRest(l, dict(), langs) : undefined;
    }
    if (l.plain && values.every(function (v) { return v === values[0]; })) return values[0];
    var out = dict();
    langs.forEach(function (c) { if (filled(l.v[c])) out[c] = l.v[c]; });
    return locRest(l, out, langs);
  }
  function locRest(l, out, langs) {
    // Languages the file had but the form does not show now are kept as they were.
    l.keys.forEach(function (k) { if (langs.indexOf(k) < 0) out[k] = l.v[k]; });
    return Object.keys(out).length ? out : undefined;
  }

  // State ------------------------------------------------------------------------------------------
  // The keys the form has a field for; the keys a definition may have come from the schema.
  var FIELDS = {
    top: ["schema", "id", "name", "languages", "round", "share_with_cohort", "publisher", "contacts", "current_state", "goals", "modules", "schedule", "follow_ups"],
    follow_up: ["id", "assessed", "method", "respondents", "ratings", "disagreement", "notes", "indicators", "stories"],
    check: ["goal", "indicator", "status", "evidence"],
    story: ["dimension", "text"],
    publisher: ["name", "email", "privacy_email"],
    contact: ["name", "role", "email"],
    current_state: ["assessed", "ratings", "notes", "disagreement"],
    disagreement: ["low", "high", "note"],
    goal: ["id", "title", "description", "gap", "culture_feature", "support", "themes", "indicators", "commitments"],
    commitment: ["who", "what"],
    session: ["module", "date", "start", "end", "place"],
    modules: ["add", "omit"],
  };
  var P = AGENCY.properties;
  function keysOf(schema) { return Object.keys(schema.properties || {}); }
  var KNOWN = {
    top: keysOf(AGENCY), publisher: keysOf(P.publisher), contact: keysOf(P.contacts.items), current_state: keysOf(P.current_state),
    disagreement: keysOf(AGENCY.$defs.disagreement.additionalProperties), goal: keysOf(P.goals.items), session: keysOf(P.schedule.items), modules: keysOf(P.modules),
    commitment: keysOf(P.goals.items.properties.commitments.items),
    follow_up: keysOf(P.follow_ups.items), check: keysOf(P.follow_ups.items.properties.indicators.items), story: keysOf(P.follow_ups.items.properties.stories.items),
  };
  // kept: every key kept without a field; others: those check would refuse, each with a button that removes it.
  var state, kept, others, errors = dict();

  function emptyGoal() { return { id: "", title: loc(), description: loc(), gap: loc(), culture_feature: loc(), support: loc(), themes: [], themesOther: [], indicators: [], commitments: [], extra: dict() }; }

  function fresh() {
    kept = [];
    others = [];
    return {
      // A new definition starts in the page's own language (its first, the agency's default); the
      // agency ticks any other it wants. An opened file keeps its own (fromData).
      extra: dict(), order: [], schema: SCHEMA_VERSION, id: "", languages: [L], languagesOther: [],
      name: loc(), round: { text: "", orig: undefined }, share: { value: false, present: false },
      publisher: { name: loc(), email: "", privacy_email: "", present: false, extra: dict() },
      contacts: [], cs: freshState(), goals: [emptyGoal()], schedule: [], modules: freshModules(), followUps: [],
    };
  }
  function freshModules() { return { present: false, add: [], omit: [], addOther: [], omitOther: [], had: dict(), extra: dict() }; }
  function freshState() {
    var cs = { present: false, assessed: "", ratings: dict(), ratingsOther: dict(), notes: loc(), disagreement: dict(), disagreementOther: dict(), extra: dict() };
    return cs;
  }

  // Take the keys the form has fields for; everything else goes to `extra`, listed in `kept`,
  // and a key the schema does not know is also one of the `others` that saving refuses.
  function split(obj, kind, where, extra) {
    Object.keys(obj).forEach(function (k) {
      if (FIELDS[kind].indexOf(k) >= 0) return;
      extra[k] = obj[k];
      kept.push(where + k);
      if (KNOWN[kind].indexOf(k) < 0) others.push({ path: where + k, from: extra, key: k, msg: t("error.unknown_key") });
    });
  }
  function keep(extra, key, value, where) { extra[key] = value; kept.push(where + key); }

  function fromData(data) {
    var s = fresh();
    s.order = Object.keys(data);
    split(data, "top", "", s.extra);
    if (own(data, "schema")) s.schema = data.schema;
    if (typeof data.id === "string") s.id = data.id; else if (own(data, "id")) keep(s.extra, "id", data.id, "");
    if (Array.isArray(data.languages) && data.languages.every(function (x) { return typeof x === "string"; })) {
      s.languages = data.languages.filter(function (c) { return SITE_LANGS.indexOf(c) >= 0; });
      s.languagesOther = data.languages.filter(function (c) { return SITE_LANGS.indexOf(c) < 0; });
    } else if (own(data, "languages")) { keep(s.extra, "languages", data.languages, ""); s.languages = []; }
    else s.languages = [];
    if (isLoc(data.name)) s.name = loc(data.name); else if (own(data, "name")) keep(s.extra, "name", data.name, "");
    if (typeof data.round === "string" || typeof data.round === "number") s.round = { text: String(data.round), orig: data.round };
    else if (own(data, "round")) keep(s.extra, "round", data.round, "");
    if (typeof data.share_with_cohort === "boolean") s.share = { value: data.share_with_cohort, present: true };
    else if (own(data, "share_with_cohort")) keep(s.extra, "share_with_cohort", data.share_with_cohort, "");
    if (isObject(data.publisher)) {
      var p = data.publisher;
      s.publisher.present = true;
      split(p, "publisher", "publisher.", s.publisher.extra);
      if (isLoc(p.name)) s.publisher.name = loc(p.name); else if (own(p, "name")) keep(s.publisher.extra, "name", p.name, "publisher.");
      ["email", "privacy_email"].forEach(function (k) {
        if (typeof p[k] === "string") s.publisher[k] = p[k]; else if (own(p, k)) keep(s.publisher.extra, k, p[k], "publisher.");
      });
    } else if (own(data, "publisher")) keep(s.extra, "publisher", data.publisher, "");
    if (Array.isArray(data.contacts) && data.contacts.every(isObject)) {
      s.contacts = data.contacts.map(function (c, i) {
        var w = "contacts[" + i + "].", row = { name: "", role: loc(), email: "", extra: dict() };
        split(c, "contact", w, row.extra);
        if (typeof c.name === "string") row.name = c.name; else if (own(c, "name")) keep(row.extra, "name", c.name, w);
        if (isLoc(c.role)) row.role = loc(c.role); else if (own(c, "role")) keep(row.extra, "role", c.role, w);
        if (typeof c.email === "string") row.email = c.email; else if (own(c, "email")) keep(row.extra, "email", c.email, w);
        return row;
      });
    } else if (own(data, "contacts")) keep(s.extra, "contacts", data.contacts, "");
    if (isObject(data.current_state)) s.cs = stateFrom(data.current_state, "current_state", "current_state.");
    else if (own(data, "current_state")) keep(s.extra, "current_state", data.current_state, "");
    if (Array.isArray(data.goals) && data.goals.every(isObject)) s.goals = data.goals.map(goalFrom);
    else { s.goals = []; if (own(data, "goals")) keep(s.extra, "goals", data.goals, ""); }
    if (isObject(data.modules)) s.modules = modulesFrom(data.modules);
    else if (own(data, "modules")) keep(s.extra, "modules", data.modules, "");
    if (Array.isArray(data.schedule) && data.schedule.every(isObject)) s.schedule = data.schedule.map(sessionFrom);
    else if (own(data, "schedule")) keep(s.extra, "schedule", data.schedule, "");
    if (Array.isArray(data.follow_ups) && data.follow_ups.every(isObject)) { s.followUps = data.follow_ups.map(followUpFrom); s.hadFollowUps = true; }
    else if (own(data, "follow_ups")) keep(s.extra, "follow_ups", data.follow_ups, "");
    return s;
  }
  function freshFollowUp() {
    var fu = freshState();
    fu.present = true;
    fu.id = ""; fu.method = ""; fu.respondents = ""; fu.checks = []; fu.stories = [];
    return fu;
  }
  // A follow-up is a group's ratings like the baseline, with its own id, method, indicators and stories.
  function followUpFrom(f, i) {
    var w = "follow_ups[" + i + "].", fu = stateFrom(f, "follow_up", w);
    fu.id = ""; fu.method = ""; fu.respondents = ""; fu.checks = []; fu.stories = [];
    if (typeof f.id === "string") fu.id = f.id; else if (own(f, "id")) keep(fu.extra, "id", f.id, w);
    if (METHODS.indexOf(f.method) >= 0) fu.method = f.method; else if (own(f, "method")) keep(fu.extra, "method", f.method, w);
    if (Number.isInteger(f.respondents)) fu.respondents = String(f.respondents); else if (own(f, "respondents")) keep(fu.extra, "respondents", f.respondents, w);
    if (Array.isArray(f.indicators) && f.indicators.every(isObject)) {
      fu.checks = f.indicators.map(function (c, k) {
        var cw = w + "indicators[" + k + "].", row = { goal: c.goal, indicator: c.indicator, status: "", evidence: loc(), extra: dict() };
        split(c, "check", cw, row.extra);
        if (STATUSES.indexOf(c.status) >= 0) row.status = c.status; else if (own(c, "status")) keep(row.extra, "status", c.status, cw);
        if (isLoc(c.evidence)) row.evidence = loc(c.evidence); else if (own(c, "evidence")) keep(row.extra, "evidence", c.evidence, cw);
        return row;
      });
    } else if (own(f, "indicators")) keep(fu.extra, "indicators", f.indicators, w);
    if (Array.isArray(f.stories) && f.stories.every(isObject)) {
      fu.stories = f.stories.map(function (x, k) {
        var sw = w + "stories[" + k + "].", row = { dimension: "", text: loc(), extra: dict() };
        split(x, "story", sw, row.extra);
        if (typeof x.dimension === "string") row.dimension = x.dimension; else if (own(x, "dimension")) keep(row.extra, "dimension", x.dimension, sw);
        if (isLoc(x.text)) row.text = loc(x.text); else if (own(x, "text")) keep(row.extra, "text", x.text, sw);
        return row;
      });
    } else if (own(f, "stories")) keep(fu.extra, "stories", f.stories, w);
    // A retrospective has no field; a dimension it names must still be one the scale rates.
    if (isObject(fu.extra.retrospective)) {
      Object.keys(fu.extra.retrospective).forEach(function (k) {
        if (!DIMENSIONS.has(k)) others.push({ path: w + "retrospective." + k, from: fu.extra.retrospective, key: k, msg: t("error.unknown", { value: k }) });
      });
    }
    return fu;
  }
  function stateFrom(c, kind, w) {
    var cs = freshState();
    cs.present = true;
    split(c, kind, w, cs.extra);
    if (c.assessed instanceof Bare) cs.assessed = c.assessed.text;
    else if (typeof c.assessed === "string") { cs.assessed = c.assessed; cs.assessedQuoted = true; }
    else if (own(c, "assessed")) keep(cs.extra, "assessed", c.assessed, w);
    if (isObject(c.ratings)) {
      Object.keys(c.ratings).forEach(function (k) {
        var v = c.ratings[k];
        if (DIMENSIONS.has(k) && (v === null || (Number.isInteger(v) && v >= D.scale.min && v <= D.scale.max))) cs.ratings[k] = v;
        else cs.ratingsOther[k] = v;
      });
    } else if (own(c, "ratings")) keep(cs.extra, "ratings", c.ratings, w);
    if (isLoc(c.notes)) cs.notes = loc(c.notes); else if (own(c, "notes")) keep(cs.extra, "notes", c.notes, w);
    if (isObject(c.disagreement)) {
      Object.keys(c.disagreement).forEach(function (k) {
        var d = c.disagreement[k];
        if (!DIMENSIONS.has(k) || !isObject(d)) {
          cs.disagreementOther[k] = d;
          kept.push(w + "disagreement." + k);
          others.push({ path: w + "disagreement." + k, from: cs.disagreementOther, key: k, msg: DIMENSIONS.has(k) ? t("error.range_value") : t("error.unknown", { value: k }) });
          return;
        }
        var row = { on: true, low: "", high: "", note: loc(), extra: dict(), was: dict() }, dw = w + "disagreement." + k + ".";
        split(d, "disagreement", dw, row.extra);
        ["low", "high"].forEach(function (b) {
          // A rating the scale lacks is shown as an empty choice with its error, and is not saved again.
          if (Number.isInteger(d[b]) && d[b] >= D.scale.min && d[b] <= D.scale.max) row[b] = String(d[b]);
          else if (own(d, b)) row.was[b] = d[b];
        });
        if (isLoc(d.note)) row.note = loc(d.note); else if (own(d, "note")) keep(row.extra, "note", d.note, dw);
        cs.disagreement[k] = row;
      });
    } else if (own(c, "disagreement")) keep(cs.extra, "disagreement", c.disagreement, w);
    return cs;
  }
  function goalFrom(g, i) {
    var goal = emptyGoal(), w = "goals[" + i + "].";
    split(g, "goal", w, goal.extra);
    if (typeof g.id === "string") goal.id = g.id; else if (own(g, "id")) keep(goal.extra, "id", g.id, w);
    ["title", "description", "gap", "culture_feature", "support"].forEach(function (k) {
      if (isLoc(g[k])) goal[k] = loc(g[k]); else if (own(g, k)) keep(goal.extra, k, g[k], w);
    });
    if (Array.isArray(g.themes) && g.themes.every(function (x) { return typeof x === "string"; })) {
      goal.themes = g.themes.filter(function (x) { return THEMES.has(x); });
      goal.themesOther = g.themes.filter(function (x) { return !THEMES.has(x); });
    } else if (own(g, "themes")) keep(goal.extra, "themes", g.themes, w);
    if (Array.isArray(g.indicators) && g.indicators.every(isLoc)) goal.indicators = g.indicators.map(loc);
    else if (own(g, "indicators")) keep(goal.extra, "indicators", g.indicators, w);
    if (Array.isArray(g.commitments) && g.commitments.every(isObject)) {
      goal.hadCommitments = true;
      goal.commitments = g.commitments.map(function (c, k) {
        var cw = w + "commitments[" + k + "].", row = { who: loc(), what: loc(), extra: dict() };
        split(c, "commitment", cw, row.extra);
        ["who", "what"].forEach(function (key) { if (isLoc(c[key])) row[key] = loc(c[key]); else if (own(c, key)) keep(row.extra, key, c[key], cw); });
        return row;
      });
    } else if (own(g, "commitments")) keep(goal.extra, "commitments", g.commitments, w);
    return goal;
  }
  function modulesFrom(m) {
    var row = freshModules();
    row.present = true;
    split(m, "modules", "modules.", row.extra);
    ["add", "omit"].forEach(function (k) {
      if (Array.isArray(m[k]) && m[k].every(function (x) { return typeof x === "string"; })) {
        row.had[k] = true;
        row[k] = m[k].filter(function (x) { return MODULES.has(x); });
        row[k + "Other"] = m[k].filter(function (x) { return !MODULES.has(x); });
      } else if (own(m, k)) keep(row.extra, k, m[k], "modules.");
    });
    return row;
  }
  function sessionFrom(x, i) {
    var row = { module: "", date: "", start: "", end: "", place: loc(), extra: dict() }, w = "schedule[" + i + "].";
    split(x, "session", w, row.extra);
    if (x.date instanceof Bare) x = assign(assign(dict(), x), { date: x.date.text });
    else if (typeof x.date === "string") row.dateQuoted = true;
    ["module", "date", "start", "end"].forEach(function (k) {
      if (typeof x[k] === "string") row[k] = x[k]; else if (own(x, k)) keep(row.extra, k, x[k], w);
    });
    if (isLoc(x.place)) row.place = loc(x.place); else if (own(x, "place")) keep(row.extra, "place", x.place, w);
    return row;
  }

  // In the order the definition gives them: the first is the agency's default language.
  function chosenLangs() {
    return state.languages.filter(function (c) { return SITE_LANGS.indexOf(c) >= 0; });
  }
  function shownLangs() {
    var langs = chosenLangs();
    return langs.length ? langs : SITE_LANGS;
  }

  // The modules of the agency's selection. The rule is selection.py's gates, written into the page:
  // a module is selected when one of its triggers holds and modules.omit does not name it.
  var TRIGGER = {
    core: function () { return true; },
    goal: function (tr) { return state.goals.some(function (g) { return g.themes.some(function (x) { return tr.themes.indexOf(x) >= 0; }); }); },
    dimension: function (tr) {
      return tr.dimensions.some(function (d) { var r = own(state.cs.ratings, d) ? state.cs.ratings[d] : null; return r !== null && r <= tr.at_most; });
    },
    added: function (tr, gate) { return state.modules.add.indexOf(gate.module) >= 0; },
  };
  function selectedModules() {
    return GATES.filter(function (gate) {
      if (state.modules.omit.indexOf(gate.module) >= 0) return false;
      return gate.triggers.some(function (tr) { return own(TRIGGER, tr.kind) && TRIGGER[tr.kind](tr, gate); });
    }).map(function (gate) { return MODULES.get(gate.module); });
  }

  // Drawing ----------------------------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === undefined || v === null || v === false) return;
      if (k === "text") node.textContent = v;
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
      else if (k === "value") node.value = v;
      else if (k === "checked") node.checked = true;
      else node.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function describe(node, ids) {
    var list = ids.filter(Boolean);
    if (list.length) node.setAttribute("aria-describedby", list.join(" "));
  }
  function errorNode(id) {
    return errors[id] ? el("p", { class: "mk-gf-error", id: id + "-error", text: errors[id].msg }) : null;
  }

  // One labelled input (or textarea) bound to a setter.
  function field(o) {
    var hintId = o.hint ? o.id + "-hint" : null;
    var control = el(o.multiline ? "textarea" : "input", {
      id: o.id, name: o.id, type: o.multiline ? null : (o.type || "text"), value: o.value || "", rows: o.multiline ? 3 : null,
      autocomplete: o.autocomplete || "off", inputmode: o.inputmode, spellcheck: o.spellcheck === false ? "false" : null,
      lang: o.lang, oninput: function (e) { o.set(e.target.value); },
      "aria-invalid": errors[o.id] ? "true" : null, required: o.required || null,
    });
    describe(control, [hintId, errors[o.id] ? o.id + "-error" : null]);
    var label = el("label", { for: o.id }, [o.label, o.required ? el("span", { class: "mk-gf-required", text: " (" + t("required") + ")" }) : null]);
    return el("div", { class: "mk-gf-field" + (o.wide ? " mk-gf-wide" : "") }, [
      label, hintId ? el("p", { class: "mk-gf-hint", id: hintId, text: o.hint }) : null, errorNode(o.id), control,
    ]);
  }
  // A localised text: one input per language shown.
  function locField(o) {
    return el("div", { class: "mk-gf-loc" }, shownLangs().map(function (c) {
      return field({
        id: o.id + "-" + c, label: o.label + " " + LANG_NAME[c], value: o.loc.v[c] || "", lang: c,
        multiline: o.multiline, required: o.required, hint: o.hint,
        set: function (v) { o.loc.v[c] = v; if (o.loc.plain && !chosenLangs().every(function (x) { return o.loc.v[x] === v; })) o.loc.plain = false; },
      });
    }));
  }
  function group(o, children) {
    var fs = el("fieldset", { class: "mk-gf-group " + (o.cls || ""), id: o.id }, [el("legend", { text: o.legend })]);
    if (o.hint) fs.appendChild(el("p", { class: "mk-gf-hint", id: o.id + "-hint", text: o.hint }));
    var err = o.id && errors[o.id] ? errorNode(o.id) : null;
    if (err) fs.appendChild(err);
    describe(fs, [o.hint ? o.id + "-hint" : null, err ? o.id + "-error" : null]);
    children.forEach(function (c) { if (c) fs.appendChild(c); });
    return fs;
  }
  function button(text, onclick, o) {
    return el("button", { type: "button", class: "md-button" + (o && o.primary ? " md-button--primary" : "") + " mk-gf-button", id: o && o.id, onclick: onclick, disabled: o && o.disabled ? true : null, text: text });
  }
  function checkbox(id, label, checked, set, describedBy, lang) {
    var box = el("input", { type: "checkbox", id: id, checked: checked, onchange: function (e) { set(e.target.checked); } });
    if (describedBy) box.setAttribute("aria-describedby", describedBy);
    return el("div", { class: "mk-gf-check" }, [box, el("label", { for: id, text: label, lang: lang })]);
  }

  var form, summary, status, saved;

  function render(focusId) {
    form.textContent = "";
    form.appendChild(summaryNode());
    form.appendChild(basics());
    form.appendChild(stateSection());
    form.appendChild(goalsSection());
    form.appendChild(contactsSection());
    form.appendChild(modulesSection());
    form.appendChild(scheduleSection());
    form.appendChild(followUpsSection());
    form.appendChild(publisherSection());
    if (others.length) form.appendChild(othersSection());
    if (focusId) {
      var target = document.getElementById(focusId);
      if (target) target.focus();
    }
  }

  function summaryNode() {
    var ids = Object.keys(errors);
    summary = el("div", { class: "mk-gf-summary", id: "gf-summary", tabindex: "-1", role: "alert", "aria-labelledby": "gf-summary-title", hidden: ids.length ? null : true });
    if (!ids.length) return summary;
    summary.appendChild(el("h2", { id: "gf-summary-title", text: t("errors", { n: ids.length }) }));
    summary.appendChild(el("ul", {}, ids.map(function (id) {
      var e = errors[id];
      return el("li", {}, [el("a", { href: "#" + (e.target || id), onclick: function (ev) {
        ev.preventDefault();
        var target = document.getElementById(e.target || id);
        if (target) { target.scrollIntoView({ block: "center" }); target.focus(); }
      } }, [e.label + ": " + e.msg])]);
    })));
    return summary;
  }

  function section(title, id, children) {
    return el("section", { class: "mk-gf-section", "aria-labelledby": id }, [el("h2", { id: id, text: title })].concat(children));
  }

  function basics() {
    var langs = group({ id: "gf-languages", legend: t("languages"), hint: t("languages_hint"), cls: "mk-gf-checks" }, SITE_LANGS.map(function (c) {
      return checkbox("gf-languages-" + c, languageLabel(c), state.languages.indexOf(c) >= 0, function (on) {
        state.languages = on ? state.languages.concat([c]) : state.languages.filter(function (x) { return x !== c; });
        errors = dict();
        render("gf-languages-" + c);
      });
    }));
    return section(t("basics"), "gf-basics-title", [
      field({ id: "gf-id", label: t("id"), hint: t("id_hint"), value: state.id, required: true, spellcheck: false, set: function (v) { state.id = v; } }),
      langs,
      locField({ id: "gf-name", label: t("name"), loc: state.name, required: true }),
      field({ id: "gf-round", label: t("round"), hint: t("round_hint"), value: state.round.text, set: function (v) { state.round.text = v; } }),
      checkbox("gf-share", t("share"), state.share.value, function (on) { state.share.value = on; }),
    ]);
  }
  function languageLabel(c) {
    var entry = D.languages.filter(function (l) { return l.code === c; })[0];
    return entry.label + " (" + c + ")";
  }

  function scaleLabel(v) { return v + " – " + D.scale.labels[String(v)][L]; }

  function stateSection() {
    var cs = state.cs, children = [];
    children.push(el("p", { class: "mk-gf-hint", text: t("current_state_hint", WEAK) }));
    children.push(field({ id: "gf-assessed", label: t("assessed"), hint: t("date_hint"), value: cs.assessed, set: function (v) { cs.assessed = v; } }));
    if (errors["gf-ratings"]) children.push(errorNode("gf-ratings"));
    children = children.concat(ratingFields(cs, "gf-rating-", refreshSchedule));
    children.push(locField({ id: "gf-notes", label: t("notes"), loc: cs.notes, multiline: true }));
    return section(t("current_state"), "gf-state-title", children);
  }
  // A group's ratings, one fieldset per dimension, each with the range it may record.
  function ratingFields(cs, prefix, changed) {
    return D.dimensions.map(function (d, n) {
      var base = prefix + d.id, value = own(cs.ratings, d.id) ? cs.ratings[d.id] : undefined;
      var options = [];
      for (var v = D.scale.min; v <= D.scale.max; v++) options.push({ value: String(v), label: scaleLabel(v), on: value === v });
      options.push({ value: "null", label: D.scale.unknown[L], on: value === null });
      options.push({ value: "none", label: t("not_rated"), on: value === undefined });
      var statements = el("ul", { class: "mk-gf-statements", id: base + "-statements" }, d.statements.map(function (s) { return el("li", { text: s[L] }); }));
      var radios = el("div", { class: "mk-gf-radios" }, options.map(function (o) {
        var id = base + "-" + o.value;
        return el("div", { class: "mk-gf-radio" }, [
          el("input", { type: "radio", name: base, id: id, value: o.value, checked: o.on, onchange: function () {
            if (o.value === "none") delete cs.ratings[d.id]; else cs.ratings[d.id] = o.value === "null" ? null : Number(o.value);
            changed();
          } }),
          el("label", { for: id, text: o.label }),
        ]);
      }));
      var dis = cs.disagreement[d.id] || { on: false, low: "", high: "", note: loc(), extra: dict() };
      var disBox = el("div", { class: "mk-gf-disagreement", id: base + "-range", hidden: dis.on ? null : true }, [
        rangeSelect(base + "-low", t("low"), dis, "low"), rangeSelect(base + "-high", t("high"), dis, "high"),
        locField({ id: base + "-note", label: t("disagreement_note"), loc: dis.note }),
      ]);
      var toggle = checkbox(base + "-disagreed", t("disagreed"), dis.on, function (on) {
        dis.on = on;
        cs.disagreement[d.id] = dis;
        disBox.hidden = !on;
      });
      toggle.querySelector("input").setAttribute("aria-controls", base + "-range");
      var fs = group({ id: base, legend: (n + 1) + ". " + d.label[L], cls: "mk-gf-dimension" }, [statements, radios, toggle, disBox]);
      describe(fs, [base + "-statements", errors[base] ? base + "-error" : null]);
      return fs;
    });
  }
  function rangeSelect(id, label, dis, key) {
    var select = el("select", { id: id, "aria-invalid": errors[id] ? "true" : null, onchange: function (e) { dis[key] = e.target.value; } },
      [el("option", { value: "", text: t("choose") })].concat([1, 2, 3, 4, 5].filter(function (v) { return v >= D.scale.min && v <= D.scale.max; }).map(function (v) {
        return el("option", { value: String(v), text: scaleLabel(v) });
      })));
    select.value = dis[key];
    describe(select, [errors[id] ? id + "-error" : null]);
    return el("div", { class: "mk-gf-field" }, [el("label", { for: id, text: label }), errorNode(id), select]);
  }

  function goalsSection() {
    var children = [el("p", { class: "mk-gf-hint", id: "gf-goals-hint", text: t("goals_hint") })];
    if (errors["gf-goals"]) children.push(errorNode("gf-goals"));
    state.goals.forEach(function (g, i) {
      var base = "gf-goal-" + i, n = i + 1;
      var themes = group({ id: base + "-themes", legend: t("themes"), cls: "mk-gf-checks mk-gf-themes" }, D.themes.map(function (th) {
        var id = base + "-theme-" + th.id;
        var wrap = checkbox(id, th.label[L], g.themes.indexOf(th.id) >= 0, function (on) {
          g.themes = on ? g.themes.concat([th.id]) : g.themes.filter(function (x) { return x !== th.id; });
          refreshSchedule();
        }, id + "-description");
        wrap.appendChild(el("p", { class: "mk-gf-hint", id: id + "-description", text: th.description[L] }));
        return wrap;
      }));
      var indicators = group({ id: base + "-indicators", legend: t("indicators"), cls: "mk-gf-rows" }, g.indicators.map(function (ind, k) {
        return el("div", { class: "mk-gf-row" }, [
          locField({ id: base + "-indicator-" + k, label: t("indicator", { n: k + 1 }), loc: ind }),
          button(t("remove_indicator", { n: k + 1 }), function () { g.indicators.splice(k, 1); errors = dict(); render(base + "-add-indicator"); }),
        ]);
      }).concat([button(t("add_indicator"), function () {
        g.indicators.push(loc()); errors = dict(); render(base + "-indicator-" + (g.indicators.length - 1) + "-" + shownLangs()[0]);
      }, { id: base + "-add-indicator" })]));
      var commitments = group({ id: base + "-commitments", legend: t("commitments"), cls: "mk-gf-rows", hint: t("commitments_hint") }, g.commitments.map(function (c, k) {
        var cid = base + "-commitment-" + k;
        return group({ id: cid, legend: t("commitment", { n: k + 1 }), cls: "mk-gf-row-group" }, [
          locField({ id: cid + "-who", label: t("commitment_who"), loc: c.who, required: true, hint: t("commitment_who_hint") }),
          locField({ id: cid + "-what", label: t("commitment_what"), loc: c.what, required: true, multiline: true }),
          button(t("remove_commitment", { n: k + 1 }), function () { g.commitments.splice(k, 1); errors = dict(); render(base + "-add-commitment"); }),
        ]);
      }).concat([button(t("add_commitment"), function () {
        g.commitments.push({ who: loc(), what: loc(), extra: dict() }); errors = dict(); render(base + "-commitment-" + (g.commitments.length - 1) + "-who-" + shownLangs()[0]);
      }, { id: base + "-add-commitment", disabled: g.commitments.length >= COMMITMENTS_MAX })]));
      children.push(group({ id: base, legend: t("goal", { n: n }), cls: "mk-gf-goal" }, [
        field({ id: base + "-id", label: t("goal_id"), hint: t("goal_id_hint"), value: g.id, required: true, spellcheck: false, set: function (v) { g.id = v; } }),
        locField({ id: base + "-title", label: t("title"), loc: g.title, required: true }),
        locField({ id: base + "-description", label: t("description"), loc: g.description, multiline: true }),
        locField({ id: base + "-gap", label: t("gap"), loc: g.gap, multiline: true, hint: t("gap_hint") }),
        locField({ id: base + "-culture_feature", label: t("culture_feature"), loc: g.culture_feature, multiline: true, hint: t("culture_feature_hint") }),
        themes,
        locField({ id: base + "-support", label: t("support"), loc: g.support, multiline: true, hint: t("support_hint") }),
        indicators,
        commitments,
        button(t("remove_goal", { n: n }), function () { state.goals.splice(i, 1); errors = dict(); render("gf-add-goal"); }, { disabled: state.goals.length <= GOALS_MIN }),
      ]));
    });
    children.push(button(t("add_goal"), function () {
      state.goals.push(emptyGoal()); errors = dict(); render("gf-goal-" + (state.goals.length - 1) + "-id");
    }, { id: "gf-add-goal", disabled: state.goals.length >= GOALS_MAX }));
    return section(t("goals"), "gf-goals-title", children);
  }

  function contactsSection() {
    var children = state.contacts.map(function (c, i) {
      var base = "gf-contact-" + i;
      return group({ id: base, legend: t("contact", { n: i + 1 }), cls: "mk-gf-row-group" }, [
        field({ id: base + "-name", label: t("contact_name"), value: c.name, required: true, autocomplete: "off", set: function (v) { c.name = v; } }),
        locField({ id: base + "-role", label: t("contact_role"), loc: c.role }),
        field({ id: base + "-email", label: t("contact_email"), type: "email", value: c.email, spellcheck: false, set: function (v) { c.email = v; } }),
        button(t("remove_contact", { n: i + 1 }), function () { state.contacts.splice(i, 1); errors = dict(); render("gf-add-contact"); }),
      ]);
    });
    children.push(button(t("add_contact"), function () {
      state.contacts.push({ name: "", role: loc(), email: "", extra: dict() }); errors = dict(); render("gf-contact-" + (state.contacts.length - 1) + "-name");
    }, { id: "gf-add-contact" }));
    return section(t("contacts"), "gf-contacts-title", children);
  }

  function scheduleSection() {
    var selected = selectedModules();
    var children = [el("p", { class: "mk-gf-hint", text: t("schedule_hint") })];
    state.schedule.forEach(function (x, i) {
      var base = "gf-session-" + i, id = base + "-module";
      var options = [el("option", { value: "", text: t("choose") })].concat(selected.map(function (m) {
        return el("option", { value: m.id, text: (m.title[L] || m.id) });
      }));
      if (x.module && !selected.some(function (m) { return m.id === x.module; })) options.push(el("option", { value: x.module, text: (MODULES.has(x.module) ? MODULES.get(x.module).title[L] : x.module) }));
      var select = el("select", { id: id, "aria-invalid": errors[id] ? "true" : null, onchange: function (e) { x.module = e.target.value; } }, options);
      select.value = x.module;
      describe(select, [errors[id] ? id + "-error" : null]);
      children.push(group({ id: base, legend: t("session", { n: i + 1 }), cls: "mk-gf-row-group mk-gf-session" }, [
        el("div", { class: "mk-gf-field mk-gf-wide" }, [el("label", { for: id }, [t("module"), el("span", { class: "mk-gf-required", text: " (" + t("required") + ")" })]), errorNode(id), select]),
        field({ id: base + "-date", label: t("date"), hint: t("date_hint"), value: x.date, required: true, set: function (v) { x.date = v; } }),
        field({ id: base + "-start", label: t("start"), hint: t("time_hint"), value: x.start, required: true, set: function (v) { x.start = v; } }),
        field({ id: base + "-end", label: t("end"), hint: t("time_hint"), value: x.end, required: true, set: function (v) { x.end = v; } }),
        locField({ id: base + "-place", label: t("place"), loc: x.place }),
        button(t("remove_session", { n: i + 1 }), function () { state.schedule.splice(i, 1); errors = dict(); render("gf-add-session"); }),
      ]));
    });
    children.push(button(t("add_session"), function () {
      state.schedule.push({ module: "", date: "", start: "", end: "", place: loc(), extra: dict() }); errors = dict(); render("gf-session-" + (state.schedule.length - 1) + "-module");
    }, { id: "gf-add-session" }));
    var node = section(t("schedule"), "gf-schedule-title", children);
    node.id = "gf-schedule";
    return node;
  }

  function modulesSection() {
    var m = state.modules;
    function list(key) {
      // A core module is never offered; one the file leaves out is shown, with its error, to be unticked.
      var choices = D.modules.filter(function (x) { return !x.core || m[key].indexOf(x.id) >= 0; });
      var base = "gf-modules-" + key;
      return group({ id: base, legend: t("modules_" + key), cls: "mk-gf-checks" }, choices.map(function (x) {
        var id = base + "-" + x.id;
        return checkbox(id, (x.title[L] || x.id) + " (" + D.tracks[x.track] + ")", m[key].indexOf(x.id) >= 0, function (on) {
          m[key] = on ? m[key].concat([x.id]) : m[key].filter(function (y) { return y !== x.id; });
          refreshSchedule();
        });
      }));
    }
    return section(t("modules"), "gf-modules-title", [el("p", { class: "mk-gf-hint", text: t("modules_hint", WEAK) }), list("add"), list("omit")]);
  }

  // The schedule offers the modules of the selection: draw it again when the selection changes.
  function refreshSchedule() {
    var old = document.getElementById("gf-schedule");
    if (old) old.parentNode.replaceChild(scheduleSection(), old);
  }

  function followUpsSection() {
    var children = [el("p", { class: "mk-gf-hint", text: t("follow_ups_hint") })];
    if (errors["gf-follow-ups"]) children.push(errorNode("gf-follow-ups"));
    state.followUps.forEach(function (fu, i) {
      var base = "gf-fu-" + i;
      var method = group({ id: base + "-method", legend: t("fu_method"), cls: "mk-gf-choices" }, METHODS.map(function (m) {
        var id = base + "-method-" + m;
        return el("div", { class: "mk-gf-radio" }, [
          el("input", { type: "radio", name: base + "-method", id: id, value: m, checked: fu.method === m, onchange: function () { fu.method = m; } }),
          el("label", { for: id, text: t("fu_method_" + m) }),
        ]);
      }));
      var checks = [];
      state.goals.forEach(function (g, gi) {
        g.indicators.forEach(function (ind, k) {
          var row = fu.checks.filter(function (c) { return c.goal === g.id && c.indicator === k + 1; })[0];
          var id = base + "-check-" + gi + "-" + k;
          var select = el("select", { id: id, onchange: function (e) {
            if (!row) { row = { goal: g.id, indicator: k + 1, status: "", evidence: loc(), extra: dict() }; fu.checks.push(row); }
            row.status = e.target.value;
            if (!row.status) { fu.checks.splice(fu.checks.indexOf(row), 1); row = undefined; }
          } }, [el("option", { value: "", text: t("fu_not_checked") })].concat(STATUSES.map(function (st) {
            return el("option", { value: st, text: D.statuses[st] });
          })));
          select.value = row ? row.status : "";
          var title = (g.title.v[L] || g.title.v[shownLangs()[0]] || g.id) + ": " + (ind.v[L] || ind.v[shownLangs()[0]] || "");
          var evidence = row ? locField({ id: base + "-check-" + gi + "-" + k + "-evidence", label: t("fu_evidence"), loc: row.evidence, multiline: true }) : null;
          checks.push(el("div", { class: "mk-gf-field mk-gf-wide" }, [el("label", { for: id, text: title }), select, evidence]));
        });
      });
      var stories = group({ id: base + "-stories", legend: t("fu_stories"), cls: "mk-gf-rows", hint: t("fu_stories_hint") }, fu.stories.map(function (x, k) {
        var sid = base + "-story-" + k, did = sid + "-dimension";
        var select = el("select", { id: did, "aria-invalid": errors[did] ? "true" : null, onchange: function (e) { x.dimension = e.target.value; } },
          [el("option", { value: "", text: t("choose") })].concat(D.dimensions.map(function (d) { return el("option", { value: d.id, text: d.label[L] }); })));
        select.value = x.dimension;
        describe(select, [errors[did] ? did + "-error" : null]);
        return group({ id: sid, legend: t("fu_story", { n: k + 1 }), cls: "mk-gf-row-group" }, [
          el("div", { class: "mk-gf-field" }, [el("label", { for: did }, [t("fu_dimension"), el("span", { class: "mk-gf-required", text: " (" + t("required") + ")" })]), errorNode(did), select]),
          locField({ id: sid + "-text", label: t("fu_text"), loc: x.text, required: true, multiline: true }),
          button(t("remove_story", { n: k + 1 }), function () { fu.stories.splice(k, 1); errors = dict(); render(base + "-add-story"); }),
        ]);
      }).concat([button(t("add_story"), function () {
        fu.stories.push({ dimension: "", text: loc(), extra: dict() }); errors = dict(); render(base + "-story-" + (fu.stories.length - 1) + "-dimension");
      }, { id: base + "-add-story", disabled: fu.stories.length >= STORIES_MAX })]));
      children.push(group({ id: base, legend: t("follow_up", { n: i + 1 }), cls: "mk-gf-goal" }, [
        field({ id: base + "-id", label: t("fu_id"), hint: t("fu_id_hint"), value: fu.id, required: true, spellcheck: false, set: function (v) { fu.id = v; } }),
        field({ id: base + "-assessed", label: t("fu_assessed"), hint: t("date_hint"), value: fu.assessed, required: true, set: function (v) { fu.assessed = v; } }),
        method,
        field({ id: base + "-respondents", label: t("fu_respondents"), hint: t("fu_respondents_hint", { min: RANGE_MIN }), value: fu.respondents, required: true, inputmode: "numeric", set: function (v) { fu.respondents = v; } }),
      ].concat(ratingFields(fu, base + "-rating-", function () {})).concat([
        checks.length ? group({ id: base + "-indicators", legend: t("fu_indicators"), cls: "mk-gf-rows", hint: t("fu_indicators_hint") }, checks) : null,
        stories,
        locField({ id: base + "-notes", label: t("notes"), loc: fu.notes, multiline: true }),
        button(t("remove_follow_up", { n: i + 1 }), function () { state.followUps.splice(i, 1); errors = dict(); render("gf-add-follow-up"); }),
      ])));
    });
    children.push(button(t("add_follow_up"), function () {
      state.followUps.push(freshFollowUp()); errors = dict(); render("gf-fu-" + (state.followUps.length - 1) + "-id");
    }, { id: "gf-add-follow-up" }));
    var node = section(t("follow_ups"), "gf-follow-ups-title", children);
    node.id = "gf-follow-ups-section";
    return node;
  }

  function publisherSection() {
    var p = state.publisher;
    return section(t("publisher"), "gf-publisher-title", [
      el("p", { class: "mk-gf-hint", text: t("publisher_hint") }),
      locField({ id: "gf-publisher-name", label: t("publisher_name"), loc: p.name }),
      field({ id: "gf-publisher-email", label: t("publisher_email"), type: "email", value: p.email, spellcheck: false, set: function (v) { p.email = v; } }),
      field({ id: "gf-publisher-privacy", label: t("publisher_privacy"), type: "email", value: p.privacy_email, spellcheck: false, set: function (v) { p.privacy_email = v; } }),
    ]);
  }

  // Keys of the file that check would refuse: each named, with its problem and a button that removes it.
  function othersSection() {
    var rows = others.map(function (o, i) {
      var id = "gf-other-" + i;
      var remove = button(t("remove_key", { key: o.path }), function () {
          delete o.from[o.key];
          kept = kept.filter(function (k) { return k !== o.path; });
          others.splice(i, 1);
          errors = dict();
          render(others.length ? "gf-other-" + Math.min(i, others.length - 1) : "gf-save");
        }, { id: id });
      describe(remove, [errors[id] ? id + "-error" : null]);
      return el("li", { class: "mk-gf-other" }, [el("code", { text: o.path }), errorNode(id), remove]);
    });
    return section(t("other_keys"), "gf-other-title", [el("p", { class: "mk-gf-hint", text: t("other_keys_hint") }), el("ul", {}, rows)]);
  }

  // Checking ---------------------------------------------------------------------------------------
  function validate() {
    var found = dict();
    function add(id, label, msg, target) { if (!found[id]) found[id] = { label: label, msg: msg, target: target }; }
    function text(id, label, value, required) {
      if (!filled(value)) { if (required) add(id, label, t("error.required")); return false; }
      if (TEXT_MAX && value.length > TEXT_MAX) add(id, label, t("error.too_long", { n: value.length, max: TEXT_MAX }));
      if (refusedIn(value)) add(id, label, t("error.control"));
      return true;
    }
    // A kept value (a key the form has no field for) meets the schema's required keys and the text
    // rule too, so the form never saves what check refuses.
    function keptCheck(id, label, value, schema, target) {
      schema = resolved(schema);
      if (typeof value === "string") { if (refusedIn(value)) add(id, label, t("error.control"), target); return; }
      if (Array.isArray(value)) { value.forEach(function (v, i) { keptCheck(id, label + "[" + (i + 1) + "]", v, schema && schema.items, target); }); return; }
      if (!isObject(value) || !schema) return;
      (schema.required || []).forEach(function (k) { if (!own(value, k)) add(id, label + " " + k, t("error.required"), target); });
      Object.keys(value).forEach(function (k) {
        keptCheck(id, label + " " + k, value[k], schema.properties && own(schema.properties, k) ? schema.properties[k] : null, target);
      });
    }
    function locCheck(id, label, l, required) {
      var langs = shownLangs(), any = langs.some(function (c) { return filled(l.v[c]); });
      langs.forEach(function (c) {
        var fid = id + "-" + c, flabel = label + " " + LANG_NAME[c];
        if (filled(l.v[c])) text(fid, flabel, l.v[c], true);
        else if (required && !any) add(fid, flabel, t("error.required"));
        else if (any || required) add(fid, flabel, t("error.required_lang", { language: LANG_NAME[c] }));
      });
    }
    function slug(id, label, value, example) {
      if (!filled(value)) return add(id, label, t("error.required"));
      if (!RE.slug.test(value) || value.length > SLUG.maxLength) add(id, label, t("error.id", { max: SLUG.maxLength, example: example }));
    }
    function email(id, label, value, required) {
      if (!value) { if (required) add(id, label, t("error.required")); return; }
      if (!RE.email.test(value)) add(id, label, t("error.email", { example: EXAMPLE.email }));
    }
    function date(id, label, value) {
      if (!filled(value)) return add(id, label, t("error.required"));
      if (!realDate(value)) add(id, label, t("error.date", { example: EXAMPLE.date }));
    }
    function time(id, label, value) {
      if (!filled(value)) { add(id, label, t("error.required")); return false; }
      if (!RE.time.test(value)) { add(id, label, t("error.time", { example: EXAMPLE.time })); return false; }
      return true;
    }

    normalise();
    if (state.schema !== SCHEMA_VERSION) add("gf-open", t("file"), t("error.schema", { value: state.schema, version: SCHEMA_VERSION }));
    others.forEach(function (o, i) { add("gf-other-" + i, o.path, o.msg); });
    slug("gf-id", t("id"), state.id, AGENCY.properties.id.examples[0]);
    if (!state.languages.length) add("gf-languages", t("languages"), t("error.languages"), "gf-languages-" + SITE_LANGS[0]);
    state.languagesOther.forEach(function (c) { add("gf-languages", t("languages"), t("error.unknown", { value: c }), "gf-languages-" + SITE_LANGS[0]); });
    locCheck("gf-name", t("name"), state.name, true);

    var cs = state.cs, rated = Object.keys(cs.ratings).length > 0;
    var disagreed = Object.keys(cs.disagreement).filter(function (k) { return cs.disagreement[k].on; });
    if (cs.present || cs.assessed || rated || disagreed.length || shownLangs().some(function (c) { return filled(cs.notes.v[c]); })) {
      if (!filled(cs.assessed)) add("gf-assessed", t("assessed"), rated ? t("error.assessed") : t("error.required"));
      else date("gf-assessed", t("assessed"), cs.assessed);
      Object.keys(cs.ratingsOther).forEach(function (k) {
        var msg = DIMENSIONS.has(k) ? t("error.rating", { min: D.scale.min, max: D.scale.max }) : t("error.unknown", { value: k });
        add("gf-ratings", t("current_state"), msg, "gf-assessed");
      });
      locCheck("gf-notes", t("notes"), cs.notes, false);
      rangeChecks(cs, "gf-rating-", "");
    }
    // The ranges a group recorded, at the baseline or at a follow-up.
    function rangeChecks(group, prefix, name) {
      Object.keys(group.disagreement).filter(function (k) { return group.disagreement[k].on; }).forEach(function (k) {
        var dis = group.disagreement[k], base = prefix + k, dim = name + DIMENSIONS.get(k).label[L];
        ["low", "high"].forEach(function (b) {
          if (dis[b]) return;
          var msg = own(dis.was, b) ? t("error.range_value") : t("error.required");
          add(base + "-" + b, dim + ": " + t(b), msg);
        });
        locCheck(base + "-note", dim + ": " + t("disagreement_note"), dis.note, false);
      });
    }

    if (state.goals.length < GOALS_MIN || state.goals.length > GOALS_MAX) add("gf-goals", t("goals"), t("goals_hint"), "gf-add-goal");
    state.goals.forEach(function (g, i) {
      var base = "gf-goal-" + i, name = t("goal", { n: i + 1 }) + ": ";
      slug(base + "-id", name + t("goal_id"), g.id, AGENCY.properties.goals.items.properties.id.examples[0]);
      locCheck(base + "-title", name + t("title"), g.title, true);
      locCheck(base + "-description", name + t("description"), g.description, false);
      locCheck(base + "-gap", name + t("gap"), g.gap, false);
      locCheck(base + "-culture_feature", name + t("culture_feature"), g.culture_feature, false);
      locCheck(base + "-support", name + t("support"), g.support, false);
      var first = base + "-theme-" + D.themes[0].id;
      if (!g.themes.length && !g.themesOther.length) add(base + "-themes", name + t("themes"), t("error.themes"), first);
      g.themesOther.forEach(function (x) { add(base + "-themes", name + t("themes"), t("error.unknown", { value: x }), first); });
      g.indicators.forEach(function (ind, k) { locCheck(base + "-indicator-" + k, name + t("indicator", { n: k + 1 }), ind, true); });
      if (g.commitments.length > COMMITMENTS_MAX) add(base + "-commitments", name + t("commitments"), t("error.too_many", { max: COMMITMENTS_MAX, extra: g.commitments.length - COMMITMENTS_MAX }), base + "-add-commitment");
      g.commitments.forEach(function (c, k) {
        var cid = base + "-commitment-" + k, cname = name + t("commitment", { n: k + 1 }) + ": ";
        locCheck(cid + "-who", cname + t("commitment_who"), c.who, true);
        locCheck(cid + "-what", cname + t("commitment_what"), c.what, true);
        Object.keys(c.extra).forEach(function (key) { keptCheck(cid + "-kept-" + key, cname + key, c.extra[key], null, cid + "-who-" + shownLangs()[0]); });
      });
      Object.keys(g.extra).forEach(function (k) { keptCheck(base + "-kept-" + k, name + k, g.extra[k], GOAL_SCHEMA.properties[k], base + "-id"); });
    });

    state.contacts.forEach(function (c, i) {
      var base = "gf-contact-" + i, name = t("contact", { n: i + 1 }) + ": ";
      text(base + "-name", name + t("contact_name"), c.name, true);
      locCheck(base + "-role", name + t("contact_role"), c.role, false);
      email(base + "-email", name + t("contact_email"), c.email, false);
    });

    var mods = state.modules;
    ["add", "omit"].forEach(function (k) {
      var first = "gf-modules-" + k + "-" + (D.modules.filter(function (x) { return !x.core; })[0] || {}).id;
      mods[k + "Other"].forEach(function (x) { add("gf-modules-" + k, t("modules_" + k), t("error.unknown", { value: x }), first); });
    });
    var selected = selectedModules().map(function (m) { return m.id; });
    state.schedule.forEach(function (x, i) {
      var base = "gf-session-" + i, name = t("session", { n: i + 1 }) + ": ";
      if (!x.module) add(base + "-module", name + t("module"), t("error.required"));
      else if (selected.indexOf(x.module) < 0) add(base + "-module", name + t("module"), t("error.not_selected", { module: x.module }));
      date(base + "-date", name + t("date"), x.date);
      time(base + "-start", name + t("start"), x.start);
      time(base + "-end", name + t("end"), x.end);
      locCheck(base + "-place", name + t("place"), x.place, false);
    });

    state.followUps.forEach(function (fu, i) {
      var base = "gf-fu-" + i, name = t("follow_up", { n: i + 1 }) + ": ";
      slug(base + "-id", name + t("fu_id"), fu.id, FOLLOW_UP.properties.id.examples[0]);
      date(base + "-assessed", name + t("fu_assessed"), fu.assessed);
      if (!fu.method) add(base + "-method", name + t("fu_method"), t("error.required"), base + "-method-" + METHODS[0]);
      var n = fu.respondents.trim();
      if (!n) add(base + "-respondents", name + t("fu_respondents"), t("error.required"));
      else if (!/^[0-9]+$/.test(n) || Number(n) < RESPONDENTS.minimum || Number(n) > RESPONDENTS.maximum) {
        add(base + "-respondents", name + t("fu_respondents"), t("error.respondents", { min: RESPONDENTS.minimum, max: RESPONDENTS.maximum }));
      }
      Object.keys(fu.ratingsOther).forEach(function (k) {
        var msg = DIMENSIONS.has(k) ? t("error.rating", { min: D.scale.min, max: D.scale.max }) : t("error.unknown", { value: k });
        add(base + "-ratings", name + k, msg, base + "-assessed");
      });
      rangeChecks(fu, base + "-rating-", name);
      fu.checks.forEach(function (c, k) {
        var gi = state.goals.map(function (g) { return g.id; }).indexOf(c.goal);
        var cid = gi >= 0 ? base + "-check-" + gi + "-" + (c.indicator - 1) : base + "-ind-" + k;
        if (!c.status) add(cid, name + t("fu_check", { n: k + 1 }), t("error.required"));
        locCheck(cid + "-evidence", name + t("fu_check", { n: k + 1 }) + ": " + t("fu_evidence"), c.evidence, false);
        Object.keys(c.extra).forEach(function (key) { keptCheck(cid + "-kept-" + key, name + key, c.extra[key], null, base + "-id"); });
      });
      if (fu.stories.length > STORIES_MAX) add(base + "-stories", name + t("fu_stories"), t("error.too_many", { max: STORIES_MAX, extra: fu.stories.length - STORIES_MAX }), base + "-add-story");
      fu.stories.forEach(function (x, k) {
        var sid = base + "-story-" + k, sname = name + t("fu_story", { n: k + 1 }) + ": ";
        if (!x.dimension) add(sid + "-dimension", sname + t("fu_dimension"), t("error.required"));
        else if (!DIMENSIONS.has(x.dimension)) add(sid + "-dimension", sname + t("fu_dimension"), t("error.unknown", { value: x.dimension }));
        locCheck(sid + "-text", sname + t("fu_text"), x.text, true);
        Object.keys(x.extra).forEach(function (key) { keptCheck(sid + "-kept-" + key, sname + key, x.extra[key], null, sid + "-dimension"); });
      });
      locCheck(base + "-notes", name + t("notes"), fu.notes, false);
      Object.keys(fu.extra).forEach(function (k) { keptCheck(base + "-kept-" + k, name + k, fu.extra[k], FOLLOW_UP.properties[k], base + "-id"); });
    });

    var p = state.publisher;
    var pAny = p.present || p.email || p.privacy_email || shownLangs().some(function (c) { return filled(p.name.v[c]); });
    if (pAny) {
      locCheck("gf-publisher-name", t("publisher_name"), p.name, true);
      email("gf-publisher-email", t("publisher_email"), p.email, true);
      email("gf-publisher-privacy", t("publisher_privacy"), p.privacy_email, false);
    }
    // How keys hold together: the CLI's table (validate/relations.py), applied to what would be saved.
    var data = toData();
    D.relations.forEach(function (rule) {
      expand(data, rule.at, []).forEach(function (place) {
        RELATE[rule.kind](rule, place.at, place.value, data).forEach(function (broken) {
          var f = fieldOf(broken.path);
          var id = found[f.id] ? f.id + "-" + rule.kind : f.id;
          add(id, f.label, t("error." + rule.form_error, broken.values), found[f.id] ? f.id : f.target);
        });
      });
    });
    return found;
  }

  // The relations' kinds, as validate/relations.py reads them: each returns the broken places, with
  // the values its message names. A value of the wrong type is the field checks' to report.
  function expand(value, pattern, at) {
    if (!pattern.length) return [{ at: at, value: value }];
    var head = pattern[0], rest = pattern.slice(1), out = [];
    if (head === "*" && Array.isArray(value)) value.forEach(function (v, i) { out = out.concat(expand(v, rest, at.concat([i]))); });
    else if (head === "*" && isObject(value)) Object.keys(value).forEach(function (k) { out = out.concat(expand(value[k], rest, at.concat([k]))); });
    else if (isObject(value) && own(value, head)) out = expand(value[head], rest, at.concat([head]));
    return out;
  }
  function text(v) { return v instanceof Bare ? v.text : v; }
  function isRating(v) { return Number.isInteger(v); }
  function ranges(rule, state) {
    var k = rule.keys, out = [];
    if (!isObject(state) || !isObject(state[k[0]]) || !isObject(state[k[1]])) return out;
    Object.keys(state[k[0]]).forEach(function (dim) {
      var spread = state[k[0]][dim];
      if (!DIMENSIONS.has(dim) || !own(state[k[1]], dim) || !isObject(spread) || !isRating(spread[k[2]]) || !isRating(spread[k[3]])) return;
      out.push({ dim: dim, rating: state[k[1]][dim], low: spread[k[2]], high: spread[k[3]] });
    });
    return out;
  }
  function list(v) { return Array.isArray(v) ? v : []; }
  var RELATE = {
    unique: function (rule, at, items) {
      var first = dict(), key = rule.keys[0], out = [];
      list(items).forEach(function (item, i) {
        var v = isObject(item) ? item[key] : undefined;
        if (typeof v !== "string" || !v) return;
        if (own(first, v)) out.push({ path: at.concat([i, key]), values: { id: v, n: first[v] + 1 } });
        else first[v] = i;
      });
      return out;
    },
    rated: function (rule, at, state) {
      var k = rule.keys;
      if (!isObject(state) || !isObject(state[k[0]])) return [];
      return Object.keys(state[k[0]]).filter(function (dim) {
        return DIMENSIONS.has(dim) && !(isObject(state[k[1]]) && own(state[k[1]], dim));
      }).map(function (dim) { return { path: at.concat([k[0], dim]), values: {} }; });
    },
    below: function (rule, at, state) {
      return ranges(rule, state).filter(function (r) { return r.low >= r.high; }).map(function (r) {
        return { path: at.concat([rule.keys[0], r.dim, rule.keys[3]]), values: { low: r.low, high: r.high } };
      });
    },
    within: function (rule, at, state) {
      return ranges(rule, state).filter(function (r) {
        return isRating(r.rating) && r.low < r.high && (r.rating < r.low || r.rating > r.high);
      }).map(function (r) { return { path: at.concat([rule.keys[0], r.dim]), values: { rating: r.rating, low: r.low, high: r.high } }; });
    },
    needs: function (rule, at, items, data) {
      return list(items).length && !own(data, rule.target[0]) ? [{ path: at, values: {} }] : [];
    },
    after: function (rule, at, items, data) {
      var key = rule.keys[0], base = data[rule.target[0]], out = [];
      var previous = isObject(base) ? text(base[rule.target[1]]) : undefined;
      list(items).forEach(function (item, i) {
        var v = isObject(item) ? text(item[key]) : undefined;
        if (typeof v !== "string" || !realDate(v)) { previous = undefined; return; }
        if (typeof previous === "string" && realDate(previous) && v <= previous) out.push({ path: at.concat([i, key]), values: { date: v, previous: previous } });
        previous = v;
      });
      return out;
    },
    at_least: function (rule, at, item) {
      var key = rule.keys[0];
      if (!isObject(item) || item[rule.when[0]] !== rule.when[1] || !Number.isInteger(item[key]) || item[key] >= rule.minimum) return [];
      return [{ path: at.concat([key]), values: { n: item[key], min: rule.minimum } }];
    },
    refers: function (rule, at, item, data) {
      var key = rule.keys[0], ids = list(data[rule.target[0]]).map(function (g) { return isObject(g) ? g.id : undefined; });
      if (!isObject(item) || typeof item[key] !== "string" || ids.indexOf(item[key]) >= 0) return [];
      return [{ path: at.concat([key]), values: { goal: item[key] } }];
    },
    position: function (rule, at, item, data) {
      var k = rule.keys;
      if (!isObject(item) || !Number.isInteger(item[k[1]])) return [];
      var goal = list(data[rule.target[0]]).filter(function (g) { return isObject(g) && g.id === item[k[0]]; })[0];
      if (!goal) return [];
      var count = list(goal.indicators).length;
      return item[k[1]] > count ? [{ path: at.concat([k[1]]), values: { goal: goal.id, n: item[k[1]], count: count } }] : [];
    },
    apart: function (rule, at, edits) {
      var k = rule.keys;
      if (!isObject(edits)) return [];
      return list(edits[k[0]]).map(function (x, i) { return { x: x, i: i }; }).filter(function (o) { return list(edits[k[1]]).indexOf(o.x) >= 0; })
        .map(function (o) { return { path: at.concat([k[0], o.i]), values: { module: moduleTitle(o.x) } }; });
    },
    not_core: function (rule, at, x) {
      return MODULES.has(x) && MODULES.get(x).core ? [{ path: at, values: { module: moduleTitle(x) } }] : [];
    },
    later: function (rule, at, item) {
      var k = rule.keys;
      if (!isObject(item) || !RE.time.test(String(item[k[0]])) || !RE.time.test(String(item[k[1]])) || item[k[1]] > item[k[0]]) return [];
      return [{ path: at.concat([k[1]]), values: { start: item[k[0]], end: item[k[1]] } }];
    },
  };
  function moduleTitle(x) { return MODULES.has(x) ? MODULES.get(x).title[L] || x : x; }

  // The field a data path names: its id, its label in the error summary, and where a link goes.
  function fieldOf(path) {
    var p = path;
    if (p[0] === "goals") return { id: "gf-goal-" + p[1] + "-" + p[2], label: t("goal", { n: p[1] + 1 }) + ": " + t("goal_" + p[2]) };
    if (p[0] === "schedule") return { id: "gf-session-" + p[1] + "-" + p[2], label: t("session", { n: p[1] + 1 }) + ": " + t(p[2]) };
    if (p[0] === "modules") return { id: "gf-modules-" + p[1], label: t("modules_" + p[1]), target: "gf-modules-" + p[1] + "-" + state.modules[p[1]][p[2]] };
    var base = "gf-rating-", name = "", rest = p.slice(1);
    if (p[0] === "follow_ups") {
      if (p.length === 1) return { id: "gf-follow-ups", label: t("follow_ups"), target: "gf-add-follow-up" };
      base = "gf-fu-" + p[1] + "-rating-";
      name = t("follow_up", { n: p[1] + 1 }) + ": ";
      rest = p.slice(2);
      if (rest[0] === "indicators") {
        return { id: "gf-fu-" + p[1] + "-ind-" + rest[1] + "-" + rest[2], label: name + t("fu_check", { n: rest[1] + 1 }) + ": " + t("fu_check_" + rest[2]), target: "gf-fu-" + p[1] + "-id" };
      }
      if (rest[0] !== "disagreement") return { id: "gf-fu-" + p[1] + "-" + rest[0], label: name + t("fu_" + rest[0]) };
    }
    // A range: current_state.disagreement.<dimension>[.high]
    var dim = rest[1], label = name + (DIMENSIONS.has(dim) ? DIMENSIONS.get(dim).label[L] : dim);
    if (rest.length > 2) return { id: base + dim + "-" + rest[2], label: label + ": " + t(rest[2]) };
    return { id: base + dim, label: label, target: base + dim + "-" + D.scale.min };
  }
  // Unambiguous Finnish ways of writing a date (6.10.2026) or a time (9, 9.00, 9:00) become ISO:
  // the field shows, and the file gets, what check reads.
  function isoDate(text) {
    var m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
    if (!m) return text.trim();
    var iso = m[3] + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2);
    return realDate(iso) ? iso : text;
  }
  function isoTime(text) {
    var m = /^\s*(\d{1,2})(?:[.:](\d{2}))?\s*$/.exec(text);
    if (!m || Number(m[1]) > 23 || (m[2] && Number(m[2]) > 59)) return text;
    return ("0" + m[1]).slice(-2) + ":" + (m[2] || "00");
  }
  function normalise() {
    if (typeof state.cs.assessed === "string") state.cs.assessed = isoDate(state.cs.assessed);
    state.schedule.forEach(function (x) { x.date = isoDate(x.date); x.start = isoTime(x.start); x.end = isoTime(x.end); });
    state.followUps.forEach(function (fu) { if (typeof fu.assessed === "string") fu.assessed = isoDate(fu.assessed); });
  }
  function realDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) return false;
    var y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
    var days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return d <= days[mo - 1];
  }

  // Writing ---------------------------------------------------------------------------------------
  // js-yaml writes the file. A date the file had unquoted (a Bare) is written unquoted again; every
  // string that PyYAML would read as something else (yes, null, 2026-10-06, 12:00) is quoted.
  function Bare(text) { this.text = text; }
  function assign(target, extra) { Object.keys(extra).forEach(function (k) { target[k] = extra[k]; }); return target; }
  // An object for the file: no prototype, so a kept key named __proto__ is written like any other.
  function obj(pairs) { var o = dict(); Object.keys(pairs).forEach(function (k) { if (pairs[k] !== undefined) o[k] = pairs[k]; }); return o; }

  function toData() {
    var s = state, out = dict();
    var cs = s.cs;
    function put(k, v) { if (v !== undefined) out[k] = v; }
    put("schema", s.schema);
    put("id", s.id);
    put("name", locOut(s.name));
    put("languages", chosenLangs().concat(s.languagesOther));
    if (s.round.text !== "") put("round", s.round.orig !== undefined && String(s.round.orig) === s.round.text ? s.round.orig : s.round.text);
    if (s.share.present || s.share.value) put("share_with_cohort", s.share.value);
    var p = s.publisher;
    var pub = assign(obj({ name: locOut(p.name), email: p.email || undefined, privacy_email: p.privacy_email || undefined }), p.extra);
    if (Object.keys(pub).length || p.present) put("publisher", pub);
    if (s.contacts.length || s.hadContacts) put("contacts", s.contacts.map(function (c) {
      return assign(obj({ name: c.name, role: locOut(c.role), email: c.email || undefined }), c.extra);
    }));
    var r = ratingsData(cs), ratings = r.ratings, dis = r.disagreement || dict();
    var notes = locOut(cs.notes);
    if (cs.present || cs.assessed || Object.keys(ratings).length || Object.keys(dis).length || notes !== undefined) {
      var assessed = realDate(cs.assessed) && !cs.assessedQuoted ? new Bare(cs.assessed) : cs.assessed;
      var st = obj({ assessed: assessed, ratings: ratings, notes: notes, disagreement: Object.keys(dis).length ? dis : undefined });
      put("current_state", assign(st, cs.extra));
    }
    put("goals", s.goals.map(function (g) {
      var row = obj({
        id: g.id, title: locOut(g.title), description: locOut(g.description), gap: locOut(g.gap), culture_feature: locOut(g.culture_feature),
        themes: g.themes.concat(g.themesOther),  // in the order the file had them
        support: locOut(g.support), indicators: g.indicators.length ? g.indicators.map(locOut) : undefined,
        commitments: g.commitments.length || g.hadCommitments ? g.commitments.map(function (c) { return assign(obj({ who: locOut(c.who), what: locOut(c.what) }), c.extra); }) : undefined,
      });
      return assign(row, g.extra);
    }));
    var m = s.modules, mods = dict();
    ["add", "omit"].forEach(function (k) { if (m.had[k] || m[k].length || m[k + "Other"].length) mods[k] = m[k].concat(m[k + "Other"]); });
    assign(mods, m.extra);
    if (m.present || Object.keys(mods).length) put("modules", mods);
    if (s.schedule.length || s.hadSchedule) put("schedule", s.schedule.map(function (x) {
      var date = realDate(x.date) && !x.dateQuoted ? new Bare(x.date) : x.date;
      return assign(obj({ module: x.module, date: date, start: x.start, end: x.end, place: locOut(x.place) }), x.extra);
    }));
    if (s.followUps.length || s.hadFollowUps) put("follow_ups", s.followUps.map(followUpData));
    return assign(out, s.extra);
  }
  function ratingsData(group) {
    var ratings = dict(), dis = dict();
    D.dimensions.forEach(function (d) { if (own(group.ratings, d.id)) ratings[d.id] = group.ratings[d.id]; });
    assign(ratings, group.ratingsOther);
    D.dimensions.forEach(function (d) {
      var row = own(group.disagreement, d.id) ? group.disagreement[d.id] : null;
      if (!row || !row.on) return;
      dis[d.id] = assign(obj({ low: Number(row.low), high: Number(row.high), note: locOut(row.note) }), row.extra);
    });
    assign(dis, group.disagreementOther);
    return { ratings: ratings, disagreement: Object.keys(dis).length ? dis : undefined };
  }
  function followUpData(fu) {
    var r = ratingsData(fu), n = fu.respondents.trim();
    var assessed = realDate(fu.assessed) && !fu.assessedQuoted ? new Bare(fu.assessed) : fu.assessed;
    return assign(obj({
      id: fu.id, assessed: assessed, method: fu.method || undefined, respondents: /^[0-9]+$/.test(n) ? Number(n) : n || undefined,
      ratings: r.ratings, disagreement: r.disagreement,
      indicators: fu.checks.length ? fu.checks.map(function (c) {
        return assign(obj({ goal: c.goal, indicator: c.indicator, status: c.status || undefined, evidence: locOut(c.evidence) }), c.extra);
      }) : undefined,
      stories: fu.stories.length ? fu.stories.map(function (x) { return assign(obj({ dimension: x.dimension, text: locOut(x.text) }), x.extra); }) : undefined,
      notes: locOut(fu.notes),
    }), fu.extra);
  }

  var COMMENTS = {
    schema: ["Muodon versio; älä muuta. / The format version; do not change."],
    id: ["Tunniste: nimeää tulostekansion dist/agencies/<id>/. / The id: it names the output folder dist/agencies/<id>/."],
    name: ["Viraston nimi. / The agency's name."],
    languages: ["Kielet, joilla sivusto ja käsikirjat tehdään. / The languages to build."],
    round: ["Valmennuksen toteutuskerta. / The programme round."],
    share_with_cohort: ["true sallii nimen näkymisen kouluttajan ryhmänäkymässä. / true lets the trainer's cohort view show the name."],
    publisher: ["Julkaisija, kun virasto julkaisee sivustonsa itse. / The publisher, when the agency publishes its site itself."],
    contacts: ["Yhteyshenkilöt mentoreille. / Contacts for the mentors."],
    current_state: ["Työpajan yhteinen nykytila-arvio, 1–5 tai null (en osaa sanoa). / The workshop's consensus ratings, 1–5 or null (don't know)."],
    goals: ["Tavoitteet (1–8); teemat: data/themes.yml. / Goals (1 to 8); themes: data/themes.yml."],
    modules: ["Moduulien lisäykset ja poistot käsin. / Modules added or left out by hand."],
    schedule: ["Koulutuskerrat; moduulin pitää kuulua valintaan. / Sessions; each module must be selected."],
    follow_ups: ["Seuranta-arviot koulutuksen jälkeen, aikajärjestyksessä. / Follow-up assessments after the training, in date order."],
  };

  function toYaml(data) {
    var lines = [
      "# Viraston tavoitemäärittely oppimismentoritoimintaan / An agency's goal definition for learning-mentor work",
      "# Tallennettu tavoitemäärittelyn lomakkeella. / Saved with the goal definition form.",
      "# Tallenna kansioon agencies/ ja tarkista / Save it in agencies/ and check it: " + D.command + " check --agency agencies/" + data.id + ".yml",
    ];
    // One top-level key at a time, so that each gets its comment and a blank line before it.
    Object.keys(data).forEach(function (k) {
      var one = dict();
      one[k] = data[k];
      lines.push("");
      (own(COMMENTS, k) ? COMMENTS[k] : []).forEach(function (c) { lines.push("# " + c); });
      lines.push(window.jsyaml.dump(one, { schema: YAML_SCHEMA, noRefs: true, lineWidth: -1, quotingType: '"' }).replace(/\n$/, ""));
    });
    return lines.join("\n") + "\n";
  }

  // Opening and saving -----------------------------------------------------------------------------
  function say(message, cls, where) {
    var region = where || status;
    status.textContent = "";
    saved.textContent = "";
    region.className = "mk-gf-status" + (cls ? " " + cls : "");
    (Array.isArray(message) ? message : [message]).forEach(function (m) { if (m) region.appendChild(el("p", { text: m })); });
  }

  function save() {
    errors = validate();
    render();
    if (Object.keys(errors).length) {
      say("");
      summary.focus();
      return;
    }
    var file = state.id + ".yml";
    var url = URL.createObjectURL(new Blob([toYaml(toData())], { type: "application/yaml" }));
    var a = el("a", { href: url, download: file, hidden: true });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    say(t("saved", { file: file }), "mk-gf-ok", saved);
  }

  // Read and write as PyYAML (YAML 1.1) reads what mentorkit check reads: yes/no/on/off are booleans
  // (so written quoted as text), and an unquoted date stays an unquoted date when saved.
  var YAML_SCHEMA = window.jsyaml ? window.jsyaml.DEFAULT_SCHEMA.extend({ implicit: [
    new window.jsyaml.Type("tag:yaml.org,2002:timestamp", {
      kind: "scalar", resolve: window.jsyaml.types.timestamp.resolve, construct: function (text) { return new Bare(text); },
      instanceOf: Bare, represent: function (bare) { return bare.text; },
    }),
    new window.jsyaml.Type("tag:yaml.org,2002:bool", {
      kind: "scalar",
      // PyYAML's booleans; this type replaces the core schema's (same tag), so true/false are here too.
      resolve: function (text) { return /^(yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(text); },
      construct: function (text) { return /^(yes|true|on)$/i.test(text); },
      predicate: function (value) { return typeof value === "boolean"; },
      represent: function (value) { return value ? "true" : "false"; },
    }),
  ] }) : null;

  // Parse a file as check does: an anchor (and so any alias) is refused, with its line.
  function parse(text, name) {
    var anchored = null;
    var data = window.jsyaml.load(text, { schema: YAML_SCHEMA, filename: name, listener: function (event, st) {
      if (anchored !== null || st.anchor === null || st.anchor === undefined) return;
      // The parser decided; the anchor's own line is found afterwards, for the message.
      var at = text.indexOf("&" + st.anchor);
      anchored = at < 0 ? st.line + 1 : text.slice(0, at).split("\n").length;
    } });
    return { data: data, anchored: anchored };
  }

  function open(file) {
    var reader = new FileReader();
    reader.onload = function () {
      var data, parsed;
      try {
        parsed = parse(String(reader.result), file.name);
        data = parsed.data;
      } catch (e) {
        var line = e.mark ? e.mark.line + 1 : "?";
        var reason = /duplicated mapping key/.test(e.reason || e.message) ? t("duplicate_key", { line: line }) : t("bad_yaml", { line: line });
        say(t("open_failed", { file: file.name, reason: reason }), "mk-gf-bad");
        status.focus();
        return;
      }
      if (parsed.anchored !== null) {
        say(t("open_failed", { file: file.name, reason: t("anchors", { line: parsed.anchored }) }), "mk-gf-bad");
        status.focus();
        return;
      }
      if (!isObject(data)) {
        say(t("open_failed", { file: file.name, reason: t("not_definition") }), "mk-gf-bad");
        status.focus();
        return;
      }
      state = fromData(data);
      state.hadContacts = own(data, "contacts") && Array.isArray(data.contacts);
      state.hadSchedule = own(data, "schedule") && Array.isArray(data.schedule);
      errors = dict();
      render();
      var message = [t("opened", { file: file.name })];
      if (kept.length) message.push(t("kept", { keys: kept.join(", ") }));
      message.push(t("cannot_keep"));
      say(message, "mk-gf-ok");
      status.focus();
    };
    reader.readAsText(file, "utf-8");
  }

  // Start ------------------------------------------------------------------------------------------
  var picker = el("input", { type: "file", id: "gf-open", accept: ".yml,.yaml,application/yaml,text/yaml", onchange: function (e) {
    if (e.target.files && e.target.files[0]) open(e.target.files[0]);
    e.target.value = "";
  } });
  var tools = el("div", { class: "mk-gf-tools" }, [
    el("div", { class: "mk-gf-field" }, [el("label", { for: "gf-open", text: t("open") }), picker]),
  ]);
  // What opening a file did is said by the file picker, what saving did by the save button.
  status = el("div", { class: "mk-gf-status", id: "gf-status", role: "status", tabindex: "-1" });
  saved = el("div", { class: "mk-gf-status", id: "gf-saved", role: "status" });
  tools.appendChild(status);
  form = el("form", { class: "mk-gf-form", id: "gf-form", novalidate: true, onsubmit: function (e) { e.preventDefault(); save(); } });
  var actions = el("div", { class: "mk-gf-actions" }, [el("button", { type: "submit", form: "gf-form", class: "md-button md-button--primary", id: "gf-save", text: t("save") })]);
  state = fresh();
  root.appendChild(tools);
  root.appendChild(form);
  actions.appendChild(saved);
  root.appendChild(actions);
  render();
})();
