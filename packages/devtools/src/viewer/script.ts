/**
 * The viewer's script: plain browser JavaScript, no framework. Every value from an event is
 * untrusted, so the DOM is built with `textContent` and attributes only, never HTML strings.
 * (Kept free of backticks so it can live in this template literal.)
 */
export const VIEWER_SCRIPT = String.raw`
'use strict';
(function () {
  var app = document.getElementById('app');
  var crumbs = document.getElementById('crumbs');
  var statusEl = document.getElementById('status');
  var state = { lastEventId: -1, view: null, traces: [], filter: { search: '', errors: false, person: '', session: '' },
    trace: null, selected: null, eventCache: {}, pollTimer: null, online: true, pricesDate: '' };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var key in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, key)) continue;
        var value = attrs[key];
        if (value === undefined || value === null || value === false) continue;
        if (key === 'class') node.className = value;
        else if (key === 'text') node.textContent = String(value);
        // Through the CSSOM: the page's CSP forbids style attributes.
        else if (key === 'style') node.style.cssText = String(value);
        else if (key.slice(0, 2) === 'on') node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? '' : String(value));
      }
    }
    append(node, children);
    return node;
  }
  function append(node, children) {
    if (children === undefined || children === null) return;
    if (!Array.isArray(children)) children = [children];
    for (var i = 0; i < children.length; i++) {
      var child = children[i];
      if (child === undefined || child === null || child === false) continue;
      node.appendChild(typeof child === 'object' && child.nodeType ? child : document.createTextNode(String(child)));
    }
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function getJson(path) {
    return fetch(path, { headers: { accept: 'application/json' } }).then(function (response) {
      if (!response.ok) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          var error = new Error(body && body.error ? body.error : 'HTTP ' + response.status);
          error.status = response.status;
          throw error;
        });
      }
      return response.json();
    });
  }

  // ---------- formatting
  function isNum(v) { return typeof v === 'number' && isFinite(v); }
  function fmtDuration(seconds) {
    if (!isNum(seconds)) return '–';
    if (seconds < 1) return Math.round(seconds * 1000) + ' ms';
    if (seconds < 60) return seconds.toFixed(2) + ' s';
    var m = Math.floor(seconds / 60);
    return m + 'm ' + Math.round(seconds - m * 60) + 's';
  }
  function fmtInt(n) { return isNum(n) ? Math.round(n).toLocaleString('en-US') : '–'; }
  function fmtUsd(usd) {
    if (!isNum(usd)) return '–';
    if (usd === 0) return '$0';
    if (usd >= 1) return '$' + usd.toFixed(2);
    return '$' + usd.toFixed(Math.min(8, 1 - Math.floor(Math.log10(usd))));
  }
  function fmtCost(usd, approximate) { return isNum(usd) ? (approximate ? '≈ ' : '') + fmtUsd(usd) : '–'; }
  function fmtTime(ms) {
    var d = new Date(ms);
    return isNaN(d.getTime()) ? '–' : d.toLocaleString();
  }
  function fmtAgo(ms) {
    var s = (Date.now() - ms) / 1000;
    if (!isNum(s)) return '';
    if (s < 5) return 'just now';
    if (s < 60) return Math.round(s) + 's ago';
    if (s < 3600) return Math.round(s / 60) + 'm ago';
    if (s < 86400) return Math.round(s / 3600) + 'h ago';
    return Math.round(s / 86400) + 'd ago';
  }
  function shortId(id) { id = String(id || ''); return id.length > 14 ? id.slice(0, 8) + '…' + id.slice(-4) : id; }
  function pretty(value) {
    if (typeof value === 'string') return value;
    try { return JSON.stringify(value, null, 2); } catch (e) { return String(value); }
  }
  var KIND_LABEL = { trace: 'TRACE', span: 'SPAN', generation: 'GEN', embedding: 'EMB', other: 'EVENT' };

  // ---------- routing
  function parseRoute() {
    var hash = location.hash.replace(/^#\/?/, '');
    var parts = hash.split('/');
    if (parts[0] === 'trace' && parts[1]) {
      var route = { name: 'trace', traceId: safeDecode(parts[1]) };
      if (parts[2] === 'event' && parts[3]) route.eventId = Number(parts[3]);
      return route;
    }
    var query = {};
    var q = hash.indexOf('?') >= 0 ? hash.slice(hash.indexOf('?') + 1) : '';
    new URLSearchParams(q).forEach(function (v, k) { query[k] = v; });
    return { name: 'list', query: query };
  }
  function safeDecode(s) { try { return decodeURIComponent(s); } catch (e) { return s; } }
  function traceHref(traceId, eventId) {
    return '#/trace/' + encodeURIComponent(traceId) + (eventId !== undefined && eventId !== null ? '/event/' + eventId : '');
  }
  function listHref(filter) {
    var params = new URLSearchParams();
    if (filter.search) params.set('search', filter.search);
    if (filter.errors) params.set('errors', '1');
    if (filter.person) params.set('person', filter.person);
    if (filter.session) params.set('session', filter.session);
    var q = params.toString();
    return '#/' + (q ? '?' + q : '');
  }

  function setCrumbs(items) {
    clear(crumbs);
    items.forEach(function (item, i) {
      if (i > 0) crumbs.appendChild(el('span', { class: 'sep', text: '/' }));
      crumbs.appendChild(item.href ? el('a', { href: item.href, text: item.text }) : el('span', { class: 'here', text: item.text }));
    });
  }
  function setStatus(text) {
    clear(statusEl);
    append(statusEl, [el('span', { class: 'live-dot' + (state.online ? '' : ' off'), title: state.online ? 'Live: refreshes as events arrive' : 'Server unreachable' }), text]);
  }

  // ---------- list view
  function renderList(route) {
    state.view = 'list';
    state.filter = { search: route.query.search || '', errors: route.query.errors === '1', person: route.query.person || '', session: route.query.session || '' };
    setCrumbs([{ text: 'Traces' }]);
    clear(app);
    var search = el('input', { class: 'search', type: 'search', placeholder: 'Search name, person, session, model or trace id', value: state.filter.search, 'aria-label': 'Search traces' });
    var timer = null;
    search.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.filter.search = search.value.trim(); history.replaceState(null, '', listHref(state.filter)); loadList(); }, 200);
    });
    var errors = el('input', { type: 'checkbox', checked: state.filter.errors, 'aria-label': 'Errors only' });
    errors.addEventListener('change', function () { state.filter.errors = errors.checked; history.replaceState(null, '', listHref(state.filter)); loadList(); });
    var chips = [];
    if (state.filter.person) chips.push(filterChip('Person: ' + state.filter.person, 'person'));
    if (state.filter.session) chips.push(filterChip('Session: ' + state.filter.session, 'session'));
    append(app, [
      el('div', { class: 'page-title' }, [el('h1', { text: 'Traces' }), el('span', { class: 'sub', id: 'list-count' })]),
      el('div', { class: 'toolbar' }, [search, el('label', { class: 'toggle' }, [errors, 'Errors only'])].concat(chips)),
      el('div', { class: 'card', id: 'list-card' }, el('p', { class: 'loading', text: 'Loading traces…' })),
    ]);
    loadList();
  }
  function filterChip(label, key) {
    return el('span', { class: 'chip' }, [label, el('button', { type: 'button', title: 'Remove filter', 'aria-label': 'Remove filter', text: '×', onclick: function () {
      state.filter[key] = ''; location.hash = listHref(state.filter);
    } })]);
  }
  function listQuery(before) {
    var params = new URLSearchParams();
    if (state.filter.search) params.set('search', state.filter.search);
    if (state.filter.errors) params.set('errors', '1');
    if (state.filter.person) params.set('person', state.filter.person);
    if (state.filter.session) params.set('session', state.filter.session);
    if (before) params.set('before', String(before));
    params.set('limit', '50');
    return '/api/traces?' + params.toString();
  }
  function loadList() {
    return getJson(listQuery()).then(function (body) {
      if (state.view !== 'list') return;
      state.traces = body.traces;
      drawList(body.traces.length === 50);
    }).catch(showError);
  }
  function drawList(hasMore) {
    var card = document.getElementById('list-card');
    var count = document.getElementById('list-count');
    if (!card) return;
    clear(card);
    if (count) count.textContent = state.traces.length + (hasMore ? '+' : '') + ' trace' + (state.traces.length === 1 ? '' : 's');
    if (state.traces.length === 0) {
      var filtered = state.filter.search || state.filter.errors || state.filter.person || state.filter.session;
      append(card, el('div', { class: 'empty' }, filtered ? [el('h2', { text: 'No traces match these filters' })] : [
        el('h2', { text: 'No traces yet' }),
        el('p', {}, ['Point posthog-node at this server: ', el('code', { text: "new PostHog('phc_dev', { host: '" + location.origin + "' })" })]),
        el('p', {}, ['Traces appear here as soon as they arrive.']),
      ]));
      return;
    }
    var tbody = el('tbody');
    state.traces.forEach(function (t) { tbody.appendChild(traceRow(t)); });
    var table = el('table', { class: 'traces' }, [
      el('thead', {}, el('tr', {}, [
        el('th', { text: 'Trace' }), el('th', { text: 'Person' }), el('th', { text: 'Session' }), el('th', { text: 'Time' }),
        el('th', { class: 'num', text: 'Latency' }), el('th', { class: 'num', text: 'Tokens' }), el('th', { class: 'num', text: 'Cost' }),
        el('th', { class: 'num', text: 'Errors' }), el('th', { text: 'Events' }),
      ])),
      tbody,
    ]);
    append(card, table);
    if (hasMore) {
      var last = state.traces[state.traces.length - 1];
      append(card, el('div', { class: 'more' }, el('button', { class: 'btn', type: 'button', text: 'Load older traces', onclick: function (e) {
        e.target.disabled = true;
        getJson(listQuery(last.lastEventId)).then(function (body) {
          state.traces = state.traces.concat(body.traces);
          drawList(body.traces.length === 50);
        }).catch(showError);
      } })));
    }
  }
  function traceRow(t) {
    var href = traceHref(t.traceId);
    var counts = [];
    if (t.generations) counts.push(t.generations + ' gen');
    if (t.embeddings) counts.push(t.embeddings + ' emb');
    if (t.spans) counts.push(t.spans + ' span' + (t.spans === 1 ? '' : 's'));
    var row = el('tr', { 'data-trace-id': t.traceId }, [
      el('td', {}, [
        el('a', { class: 'trace-name', href: href, text: t.name }), ' ',
        t.pseudo ? el('span', { class: 'badge pseudo', title: 'No $ai_trace event: generations made outside a trace', text: 'pseudo-trace' }) : null,
        el('span', { class: 'cell-sub mono', text: shortId(t.traceId), title: t.traceId }),
      ]),
      el('td', {}, el('button', { class: 'linkish', type: 'button', title: 'Only this person: ' + t.distinctId, text: t.distinctId.length > 24 ? shortId(t.distinctId) : t.distinctId, onclick: function (e) {
        e.stopPropagation(); state.filter.person = t.distinctId; location.hash = listHref(state.filter);
      } })),
      el('td', {}, t.sessionId ? el('button', { class: 'linkish mono', type: 'button', title: 'Only this session: ' + t.sessionId, text: shortId(t.sessionId), onclick: function (e) {
        e.stopPropagation(); state.filter.session = t.sessionId; location.hash = listHref(state.filter);
      } }) : el('span', { class: 'approx', text: '–' })),
      el('td', { title: fmtTime(t.startMs) }, [fmtAgo(t.startMs), el('span', { class: 'cell-sub', text: fmtTime(t.startMs) })]),
      el('td', { class: 'num', text: fmtDuration(t.latency) }),
      el('td', { class: 'num', title: 'input → output tokens' }, t.inputTokens + t.outputTokens > 0 ?
        [fmtInt(t.inputTokens + t.outputTokens), el('span', { class: 'cell-sub', text: fmtInt(t.inputTokens) + ' → ' + fmtInt(t.outputTokens) })] : el('span', { class: 'approx', text: '–' })),
      el('td', { class: 'num', title: t.costApproximate ? 'Estimated from bundled list prices (approximate)' : '' }, fmtCost(t.costUsd, t.costApproximate)),
      el('td', { class: 'num' }, t.errors > 0 ? el('span', { class: 'badge error', text: String(t.errors) }) : el('span', { class: 'approx', text: '0' })),
      el('td', {}, el('span', { class: 'muted-small', text: counts.join(' · ') || t.events + ' events' })),
    ]);
    row.addEventListener('click', function (e) { if (e.target.tagName !== 'A' && e.target.tagName !== 'BUTTON') location.hash = href; });
    return row;
  }

  // ---------- trace view
  function renderTrace(route) {
    var sameTrace = state.view === 'trace' && state.trace && state.trace.summary.traceId === route.traceId;
    state.view = 'trace';
    if (sameTrace) { select(route.eventId); return; }
    setCrumbs([{ text: 'Traces', href: listHref(state.filter) }, { text: route.traceId }]);
    clear(app);
    app.appendChild(el('p', { class: 'loading', text: 'Loading trace…' }));
    loadTrace(route.traceId, route.eventId);
  }
  function loadTrace(traceId, eventId) {
    return getJson('/api/traces/' + encodeURIComponent(traceId)).then(function (trace) {
      if (state.view !== 'trace') return;
      state.trace = trace;
      setCrumbs([{ text: 'Traces', href: listHref(state.filter) }, { text: trace.summary.name }]);
      drawTrace();
      select(eventId);
    }).catch(function (error) {
      if (error.status === 404) {
        clear(app);
        append(app, el('div', { class: 'empty' }, [el('h2', { text: 'Trace not found' }), el('p', {}, el('a', { href: '#/', text: 'Back to traces' }))]));
      } else showError(error);
    });
  }
  function drawTrace() {
    var t = state.trace.summary;
    clear(app);
    var metrics = [
      ['Person', t.distinctId], ['Session', t.sessionId || '–'], ['Started', fmtTime(t.startMs)], ['Latency', fmtDuration(t.latency)],
      ['Tokens', fmtInt(t.inputTokens) + ' → ' + fmtInt(t.outputTokens)], ['Cost', fmtCost(t.costUsd, t.costApproximate)],
      ['Errors', String(t.errors)], ['Events', String(t.events)],
    ];
    append(app, [
      el('div', { class: 'page-title' }, [el('h1', { text: t.name }), t.pseudo ? el('span', { class: 'badge pseudo', text: 'pseudo-trace' }) : null,
        t.errors > 0 ? el('span', { class: 'badge error', text: t.errors + ' error' + (t.errors === 1 ? '' : 's') }) : null,
        el('span', { class: 'sub mono', text: t.traceId })]),
      el('div', { class: 'card summary-bar' }, metrics.map(function (m) {
        return el('div', { class: 'metric' }, [el('span', { class: 'label', text: m[0] }), el('span', { class: 'value', text: m[1] })]);
      })),
      el('div', { class: 'trace-layout' }, [
        el('div', { class: 'card tree', id: 'tree', role: 'tree', 'aria-label': 'Trace tree' }),
        el('div', { class: 'card detail', id: 'detail' }),
      ]),
    ]);
    drawTree();
  }
  function drawTree() {
    var tree = document.getElementById('tree');
    var root = state.trace.root;
    var t0 = root.startMs;
    var span = Math.max(1, root.endMs - root.startMs);
    walk(root, function (n) { t0 = Math.min(t0, n.startMs); span = Math.max(span, n.endMs - t0); });
    clear(tree);
    tree.appendChild(el('div', { class: 'tree-head' }, [el('span', { text: 'Name' }), el('span', { text: 'Timeline' })]));
    var flat = [];
    walk(root, function (n, depth) { flat.push({ node: n, depth: depth }); });
    flat.forEach(function (item) {
      var n = item.node;
      var left = ((n.startMs - t0) / span) * 100;
      var width = Math.max(0.6, ((n.endMs - n.startMs) / span) * 100);
      var meta = [];
      if (n.model && n.model !== n.name) meta.push(n.model);
      if (n.kind === 'generation' || n.kind === 'embedding') {
        if (isNum(n.inputTokens) || isNum(n.outputTokens)) meta.push(fmtInt((n.inputTokens || 0) + (n.outputTokens || 0)) + ' tok');
        if (n.cost) meta.push(fmtCost(n.cost.totalUsd, n.cost.approximate));
      } else if (n.spanType && n.kind === 'span') meta.push(n.spanType);
      var row = el('div', { class: 'node' + (n.isError ? ' error' : ''), role: 'treeitem', tabindex: '0', 'data-node': nodeKey(n), 'data-kind': n.kind }, [
        el('div', { class: 'node-main' }, [
          el('span', { class: 'guide', style: 'width:' + (item.depth * 18) + 'px' }),
          el('span', { class: 'kind ' + n.kind, text: KIND_LABEL[n.kind] || 'EVENT' }),
          el('span', { class: 'node-name', text: n.name, title: n.name }),
          meta.length ? el('span', { class: 'node-meta', text: meta.join(' · ') }) : null,
          n.isError ? el('span', { class: 'badge error', text: 'error' }) : null,
          n.orphan ? el('span', { class: 'badge pseudo', title: 'Its parent never arrived', text: 'orphan' }) : null,
        ]),
        el('div', { class: 'timing', title: fmtDuration((n.endMs - n.startMs) / 1000) + ' starting at +' + fmtDuration((n.startMs - t0) / 1000) }, [
          el('span', { class: 'track' }, el('span', { class: 'bar ' + (n.isError ? 'error' : n.kind), style: 'left:' + Math.min(99.4, left).toFixed(2) + '%;width:' + Math.min(100 - Math.min(99.4, left), width).toFixed(2) + '%' })),
          el('span', { class: 'dur', text: fmtDuration(isNum(n.latency) ? n.latency : (n.endMs - n.startMs) / 1000) }),
        ]),
      ]);
      var go = function () { location.hash = traceHref(state.trace.summary.traceId, n.id); };
      row.addEventListener('click', go);
      row.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); } });
      tree.appendChild(row);
    });
  }
  function walk(node, fn, depth) {
    depth = depth || 0;
    fn(node, depth);
    (node.children || []).forEach(function (child) { walk(child, fn, depth + 1); });
  }
  function nodeKey(n) { return n.id !== undefined && n.id !== null ? String(n.id) : 'root'; }
  function findNode(id) {
    var found = null;
    walk(state.trace.root, function (n) { if (!found && n.id === id) found = n; });
    return found;
  }
  function select(eventId) {
    var node = isNum(eventId) ? findNode(eventId) : null;
    if (!node) node = state.trace.root;
    state.selected = node;
    var rows = document.querySelectorAll('.node');
    for (var i = 0; i < rows.length; i++) {
      var on = rows[i].getAttribute('data-node') === nodeKey(node);
      rows[i].classList.toggle('selected', on);
      rows[i].setAttribute('aria-selected', on ? 'true' : 'false');
    }
    var detail = document.getElementById('detail');
    if (!detail) return;
    if (node.id === undefined || node.id === null) { drawDetail(detail, node, null); return; }
    var cached = state.eventCache[node.id];
    if (cached) { drawDetail(detail, node, cached); return; }
    clear(detail);
    detail.appendChild(el('p', { class: 'loading', text: 'Loading…' }));
    getJson('/api/events/' + node.id).then(function (event) {
      state.eventCache[node.id] = event;
      if (state.selected === node) drawDetail(detail, node, event);
    }).catch(showError);
  }

  // ---------- detail panel
  function metric(label, value, title) {
    return el('div', { class: 'metric', title: title || null }, [el('span', { class: 'label', text: label }), el('span', { class: 'value', text: value })]);
  }
  function section(title, content) {
    return el('section', { class: 'section' }, [el('h3', { text: title }), content]);
  }
  function jsonBlock(value) { return el('pre', { class: 'json', text: pretty(value) }); }
  function drawDetail(detail, node, event) {
    clear(detail);
    var p = (event && event.properties) || {};
    var title = el('h2', {}, [el('span', { class: 'kind ' + node.kind, text: KIND_LABEL[node.kind] || 'EVENT' }), node.name,
      node.isError ? el('span', { class: 'badge error', text: 'error' }) : el('span', { class: 'badge ok', text: isNum(p.$ai_http_status) ? String(p.$ai_http_status) : 'ok' })]);
    var sub = [];
    if (event) sub.push(event.event, fmtTime(Date.parse(event.timestamp)), 'person ' + event.distinctId);
    if (node.provider) sub.push(node.provider);
    append(detail, [title, el('div', { class: 'sub', text: sub.join(' · ') })]);
    if (!event) {
      append(detail, [
        el('div', { class: 'metrics' }, [metric('Latency', fmtDuration((node.endMs - node.startMs) / 1000)), metric('Children', String(node.children.length))]),
        el('p', { class: 'hint', text: 'This trace has no $ai_trace event (a pseudo-trace): its generations were captured outside any trace. Select one on the left.' }),
      ]);
      return;
    }
    var m = [];
    m.push(metric('Latency', fmtDuration(p.$ai_latency)));
    if (node.kind === 'generation') {
      m.push(metric('Time to first token', isNum(p.$ai_time_to_first_token) ? fmtDuration(p.$ai_time_to_first_token) : '–'));
      m.push(metric('Model', p.$ai_model || '–'));
      m.push(metric('Input tokens', fmtInt(p.$ai_input_tokens)));
      m.push(metric('Output tokens', fmtInt(p.$ai_output_tokens)));
      m.push(metric('Cache read', fmtInt(p.$ai_cache_read_input_tokens || 0), p.$ai_cache_reporting_exclusive === true ? 'Reported apart from the input tokens' : 'Included in the input tokens'));
      m.push(metric('Cache write', fmtInt(p.$ai_cache_creation_input_tokens || 0)));
      m.push(metric('Reasoning tokens', fmtInt(p.$ai_reasoning_tokens || 0)));
      m.push(costMetric(event.cost));
      if (p.$ai_stop_reason) m.push(metric('Stop reason', String(p.$ai_stop_reason)));
      m.push(metric('Streamed', p.$ai_stream === true ? 'yes' : p.$ai_stream === false ? 'no' : '–'));
    } else if (node.kind === 'embedding') {
      m.push(metric('Model', p.$ai_model || '–'));
      m.push(metric('Input tokens', fmtInt(p.$ai_input_tokens), p.$ai_tokens_source === 'estimated' ? 'Estimated offline' : ''));
      if (isNum(p.$ai_embedding_count)) m.push(metric('Vectors', fmtInt(p.$ai_embedding_count)));
      if (isNum(p.$ai_embedding_dimensions)) m.push(metric('Dimensions', fmtInt(p.$ai_embedding_dimensions)));
      m.push(costMetric(event.cost));
    } else {
      if (p.$ai_span_type) m.push(metric('Type', String(p.$ai_span_type)));
      if (node.kind === 'trace') {
        var s = state.trace.summary;
        m.push(metric('Tokens', fmtInt(s.inputTokens) + ' → ' + fmtInt(s.outputTokens)));
        m.push(metric('Cost', fmtCost(s.costUsd, s.costApproximate)));
      }
      if (p.$ai_tool_call_id) m.push(metric('Tool call id', String(p.$ai_tool_call_id)));
    }
    append(detail, el('div', { class: 'metrics' }, m));
    if (node.isError || p.$ai_error) append(detail, section('Error', el('div', { class: 'error-box', text: pretty(p.$ai_error || 'error') })));
    if (node.kind === 'generation') {
      append(detail, section('Input', messages(p.$ai_input)));
      append(detail, section('Output', messages(p.$ai_output_choices)));
      if (p.$ai_model_parameters && typeof p.$ai_model_parameters === 'object') append(detail, section('Model parameters', keyValues(p.$ai_model_parameters)));
      if (Array.isArray(p.$ai_tools) && p.$ai_tools.length) append(detail, section('Tools offered', tools(p.$ai_tools)));
    } else if (node.kind === 'embedding') {
      append(detail, section('Input', p.$ai_input === null ? privacyNote() : jsonBlock(p.$ai_input)));
    } else {
      if ('$ai_input_state' in p) append(detail, section('Input', p.$ai_input_state === null ? privacyNote() : jsonBlock(p.$ai_input_state)));
      if ('$ai_output_state' in p) append(detail, section('Output', p.$ai_output_state === null ? privacyNote() : jsonBlock(p.$ai_output_state)));
    }
    append(detail, el('details', { class: 'raw section' }, [el('summary', { text: 'All properties' }), jsonBlock(event.message)]));
  }
  function costMetric(cost) {
    if (!cost) return metric('Cost', '–', 'No cost: the model is not in the bundled table and no prices were sent');
    var how = cost.source === 'event' ? 'From the event\u2019s own $ai_*_cost_usd' : cost.source === 'custom-prices' ? 'From the event\u2019s custom $ai_*_token_price' :
      'Approximate: bundled list prices for ' + cost.pricedAs + ' as of ' + cost.pricesDate;
    return metric('Cost', fmtCost(cost.totalUsd, cost.approximate), how);
  }
  function privacyNote() { return el('p', { class: 'hint', text: 'Not captured (privacy mode).' }); }
  function keyValues(obj) {
    var rows = Object.keys(obj).map(function (k) { return el('tr', {}, [el('td', { text: k }), el('td', { text: typeof obj[k] === 'string' ? obj[k] : pretty(obj[k]) })]); });
    return el('table', { class: 'kv' }, el('tbody', {}, rows));
  }
  function tools(list) {
    return el('div', {}, list.map(function (tool) {
      var fn = tool && tool.function ? tool.function : tool || {};
      return el('div', { class: 'message' }, [
        el('div', { class: 'message-head' }, [el('span', { class: 'mono', text: fn.name || 'tool' }), fn.description ? el('span', { class: 'approx', text: fn.description }) : null]),
        fn.parameters ? el('div', { class: 'message-body' }, jsonBlock(fn.parameters)) : null,
      ]);
    }));
  }
  function messages(value) {
    if (value === null) return privacyNote();
    if (value === undefined) return el('p', { class: 'hint', text: 'None.' });
    if (typeof value === 'string') return el('div', { class: 'message' }, el('div', { class: 'message-body' }, el('p', { class: 'text', text: value })));
    if (!Array.isArray(value)) return jsonBlock(value);
    return el('div', { class: 'messages' }, value.map(function (msg) {
      if (!msg || typeof msg !== 'object') return el('div', { class: 'message' }, el('div', { class: 'message-body' }, jsonBlock(msg)));
      var role = String(msg.role || 'message');
      var head = [el('span', { class: 'role ' + role.replace(/[^a-z]/g, ''), text: role })];
      if (msg.name) head.push(el('span', { class: 'mono', text: String(msg.name) }));
      if (msg.tool_call_id) head.push(el('span', { class: 'mono', text: 'for call ' + msg.tool_call_id }));
      var body = el('div', { class: 'message-body' }, content(msg.content));
      if (Array.isArray(msg.tool_calls)) msg.tool_calls.forEach(function (call) { body.appendChild(toolCall(call)); });
      return el('div', { class: 'message', 'data-role': role }, [el('div', { class: 'message-head' }, head), body]);
    }));
  }
  function content(c) {
    if (c === undefined || c === null || c === '') return null;
    if (typeof c === 'string') return el('p', { class: 'text part', text: c });
    if (!Array.isArray(c)) return jsonBlock(c);
    return c.map(function (part) {
      if (!part || typeof part !== 'object') return el('p', { class: 'text part', text: String(part) });
      if (part.type === 'text' || part.type === 'input_text' || part.type === 'output_text') return el('p', { class: 'text part', text: String(part.text) });
      if (part.type === 'function' || part.type === 'tool_call' || part.type === 'tool-call' || part.type === 'tool_use') return toolCall(part);
      if (part.type === 'reasoning' || part.type === 'thinking') return el('p', { class: 'text part reasoning', text: String(part.text || part.thinking || '') });
      if (part.type === 'image' || part.type === 'image_url') {
        var src = part.image || (part.image_url && part.image_url.url) || part.image_url;
        return el('p', { class: 'text part approx', text: '[image] ' + (typeof src === 'string' ? src : pretty(src)) });
      }
      if (part.type === 'file') return el('p', { class: 'text part approx', text: '[file ' + (part.media_type || '') + '] ' + (typeof part.file === 'string' ? part.file : pretty(part.file)) });
      return el('div', { class: 'part' }, jsonBlock(part));
    });
  }
  function toolCall(call) {
    var fn = call.function || call;
    var args = fn.arguments !== undefined ? fn.arguments : fn.input !== undefined ? fn.input : fn.args;
    if (typeof args === 'string') { try { args = JSON.parse(args); } catch (e) { /* keep the text */ } }
    return el('div', { class: 'tool-call part', 'data-tool-call': String(fn.name || '') }, [
      el('div', {}, [el('span', { class: 'approx', text: 'tool call ' }), el('span', { class: 'fn', text: String(fn.name || call.toolName || 'tool') }),
        call.id || call.toolCallId ? el('span', { class: 'approx mono', text: '  ' + (call.id || call.toolCallId) }) : null]),
      args !== undefined ? jsonBlock(args) : null,
    ]);
  }

  // ---------- errors, polling, boot
  function showError(error) {
    clear(app);
    append(app, el('div', { class: 'empty' }, [el('h2', { text: 'Something went wrong' }), el('p', { text: String(error && error.message ? error.message : error) })]));
  }
  function poll() {
    getJson('/api/status').then(function (status) {
      state.online = true;
      state.pricesDate = status.pricesDate;
      setStatus(fmtInt(status.events) + ' events · live');
      if (status.lastEventId !== state.lastEventId) {
        var first = state.lastEventId === -1;
        state.lastEventId = status.lastEventId;
        if (!first && state.view === 'list' && !document.querySelector('.more button[disabled]')) loadList();
        if (!first && state.view === 'trace' && state.trace) {
          var keep = state.selected && state.selected.id;
          getJson('/api/traces/' + encodeURIComponent(state.trace.summary.traceId)).then(function (trace) {
            if (state.view !== 'trace' || trace.summary.lastEventId === state.trace.summary.lastEventId) return;
            state.trace = trace;
            drawTrace();
            select(keep);
          }).catch(function () {});
        }
      }
    }).catch(function () {
      state.online = false;
      setStatus('server unreachable');
    });
  }
  function route() {
    var r = parseRoute();
    if (r.name === 'trace') renderTrace(r);
    else renderList(r);
  }
  window.addEventListener('hashchange', route);
  route();
  poll();
  state.pollTimer = setInterval(poll, 2000);
})();
`;
