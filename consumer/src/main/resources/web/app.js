// newsstream web page: one column per news topic, story details, a per-topic timeline and live
// updates over Server-Sent Events. Plain DOM, no libraries, works offline.
(function () {
  'use strict';

  var PAGE_SIZE = 50;
  var columns = document.getElementById('columns');
  var details = document.getElementById('details');
  var detailsBody = document.getElementById('details-body');
  var statusEl = document.getElementById('live-status');
  var errorEl = document.getElementById('error');
  var topics = [];            // as GET /api/topics returns them
  var refreshTimers = {};     // news topic id -> pending refresh
  var fresh = {};             // "topic/id" of stories that arrived live: highlighted once
  var selected = null;        // {topic, id}

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === 'text') { e.textContent = attrs[k]; }
        else if (k === 'className') { e.className = attrs[k]; }
        else { e.setAttribute(k, attrs[k]); }
      });
    }
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }

  function svg(tag, attrs) {
    var e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function getJson(path) {
    return fetch(path, { headers: { Accept: 'application/json' } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(body && body.error ? body.error : ('HTTP ' + r.status)); }
        return body;
      });
    });
  }

  function showError(e) {
    errorEl.textContent = String(e && e.message ? e.message : e);
    errorEl.hidden = false;
  }

  function day(iso) { return iso ? iso.substring(0, 10) : ''; }

  // "2 copies · 1 outlet" when a story has duplicates (from the same outlet or not), so the count
  // matches the entries listed under it; "1 outlet" / "3 outlets" otherwise.
  function carried(a) {
    var outlets = a.outletCount + (a.outletCount === 1 ? ' outlet' : ' outlets');
    var copies = (a.duplicateCount || 0) + 1;
    return copies > 1 ? copies + ' copies · ' + outlets : outlets;
  }

  // An undated article says so: the day it was fetched is not its publication date.
  function when(a) { return a.publishedAt ? day(a.publishedAt) : 'undated'; }

  // --- columns ---

  function loadAll() {
    return getJson('/api/topics').then(function (list) {
      topics = list;
      errorEl.hidden = true;
      topics.forEach(function (t) { ensureColumn(t); renderHeader(t); });
      return Promise.all(topics.map(function (t) { return loadTopic(t.id); }));
    }).catch(showError);
  }

  function ensureColumn(t) {
    var col = document.getElementById('topic-' + t.id);
    if (col) { return col; }
    col = el('section', { className: 'topic-column', id: 'topic-' + t.id, 'data-topic': t.id }, [
      el('h2', { text: t.name }),
      el('div', { className: 'meta' }),
      el('div', { className: 'timeline-box' }),
      el('ul', { className: 'entities' }),
      el('ul', { className: 'stories' })
    ]);
    if (t.description) { col.querySelector('h2').title = t.description; }
    columns.appendChild(col);
    return col;
  }

  function renderHeader(t) {
    var col = ensureColumn(t);
    var meta = t.articleCount + (t.articleCount === 1 ? ' story' : ' stories');
    if (t.firstSeen) { meta += ' · ' + day(t.firstSeen) + ' – ' + day(t.lastSeen); }
    col.querySelector('.meta').textContent = meta;
    var ents = col.querySelector('.entities');
    ents.textContent = '';
    (t.topEntities || []).forEach(function (e) {
      ents.appendChild(el('li', { text: e.name, title: e.type + ' · ' + e.articles + ' article(s)' }));
    });
  }

  function loadTopic(id) {
    return Promise.all([
      getJson('/api/topics/' + encodeURIComponent(id) + '/articles?limit=' + PAGE_SIZE),
      getJson('/api/topics/' + encodeURIComponent(id) + '/timeline')
    ]).then(function (res) {
      renderStories(id, res[0]);
      renderTimeline(id, res[1].days);
    }).catch(showError);
  }

  function renderStories(id, page) {
    var col = document.getElementById('topic-' + id);
    if (!col) { return; }
    var ul = col.querySelector('.stories');
    ul.textContent = '';
    if (page.articles.length === 0) {
      ul.appendChild(el('li', { className: 'empty', text: 'No stories yet' }));
      return;
    }
    page.articles.forEach(function (a) {
      var key = id + '/' + a.id;
      var li = el('li', { className: 'story', 'data-id': a.id, tabindex: '0' }, [
        el('div', { className: 'title', text: a.title }),
        el('div', { className: 'sub' }, [
          el('span', { className: 'outlet', text: a.outlet || 'unknown outlet' }),
          document.createTextNode(' · '),
          a.publishedAt ? el('time', { className: 'date', datetime: a.publishedAt, text: when(a) })
                        : el('span', { className: 'date undated', title: 'no date in the source; fetched ' + day(a.fetchedAt), text: when(a) }),
          el('span', {
            className: 'outlets' + (a.duplicateCount > 0 ? ' has-duplicates' : ''),
            title: a.duplicateCount > 0 ? 'This story has ' + a.duplicateCount + ' duplicate(s)' : 'Outlets that carried this story',
            text: carried(a)
          })
        ])
      ]);
      if (fresh[key]) {
        li.classList.add('new');
        delete fresh[key];
        setTimeout(function () { li.classList.remove('new'); }, 4000);
      }
      if (selected && selected.topic === id && selected.id === a.id) { li.classList.add('selected'); }
      li.addEventListener('click', function () { showStory(id, a.id); });
      li.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { showStory(id, a.id); } });
      ul.appendChild(li);
    });
  }

  // The timeline scales to the data: one bar per day over a month or less, per week (Monday) up to
  // half a year, else per month, from the first to the last bucket with stories; undated stories
  // are not in the API's days at all. Axis labels: first and last bucket, the unit, the tallest bar.
  function bucketsOf(days) {
    var DAY = 86400000;
    var t0 = Date.parse(days[0].day), t1 = Date.parse(days[days.length - 1].day);
    var spanDays = Math.round((t1 - t0) / DAY) + 1;
    var unit = spanDays <= 31 ? 'day' : (spanDays <= 182 ? 'week' : 'month');
    function start(t) {
      var d = new Date(t);
      if (unit === 'week') { return t - ((d.getUTCDay() + 6) % 7) * DAY; }
      if (unit === 'month') { return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); }
      return t;
    }
    function next(t) {
      var d = new Date(t);
      if (unit === 'week') { return t + 7 * DAY; }
      if (unit === 'month') { return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); }
      return t + DAY;
    }
    var counts = {};
    days.forEach(function (d) { var k = start(Date.parse(d.day)); counts[k] = (counts[k] || 0) + d.articles; });
    var out = [];
    for (var t = start(t0); t <= t1; t = next(t)) { out.push({ t: t, articles: counts[t] || 0 }); }
    return { unit: unit, buckets: out };
  }

  function bucketLabel(t, unit) {
    var iso = new Date(t).toISOString();
    return unit === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
  }

  function renderTimeline(id, days) {
    var col = document.getElementById('topic-' + id);
    if (!col) { return; }
    var box = col.querySelector('.timeline-box');
    box.textContent = '';
    if (!days || days.length === 0) { return; }
    var b = bucketsOf(days), buckets = b.buckets, unit = b.unit;
    var W = 240, H = 48, gap = buckets.length > 40 ? 0.5 : 2;
    var max = buckets.reduce(function (m, d) { return Math.max(m, d.articles); }, 1);
    var slot = W / buckets.length, bw = Math.max(1, Math.min(24, slot - gap));
    var chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, preserveAspectRatio: 'none', role: 'img',
      'aria-label': 'Stories per ' + unit, 'class': 'timeline', 'data-unit': unit, 'data-bars': String(buckets.length) });
    chart.appendChild(svg('line', { x1: 0, y1: H - 0.5, x2: W, y2: H - 0.5, 'class': 'axis' }));
    buckets.forEach(function (d, i) {
      if (d.articles === 0) { return; }
      var x = i * slot + (slot - bw) / 2;
      var h = Math.max(2, (H - 4) * d.articles / max);
      var r = svg('rect', { x: x.toFixed(1), y: (H - h).toFixed(1), width: bw.toFixed(1), height: h.toFixed(1) });
      var title = svg('title');
      title.textContent = (unit === 'day' ? '' : unit + ' of ') + bucketLabel(d.t, unit) + ': ' + d.articles + (d.articles === 1 ? ' story' : ' stories');
      r.appendChild(title);
      chart.appendChild(r);
    });
    box.appendChild(el('div', { className: 'timeline-scale', text: 'max ' + max + ' per ' + unit }));
    box.appendChild(chart);
    var first = bucketLabel(buckets[0].t, unit), last = bucketLabel(buckets[buckets.length - 1].t, unit);
    box.appendChild(el('div', { className: 'timeline-axis' }, [
      el('span', { text: first }),
      el('span', { className: 'unit', text: 'stories per ' + unit }),
      el('span', { text: buckets.length > 1 ? last : '' })
    ]));
  }

  // --- details ---

  function showStory(topic, id) {
    selected = { topic: topic, id: id };
    document.querySelectorAll('.story.selected').forEach(function (n) { n.classList.remove('selected'); });
    var li = document.querySelector('#topic-' + topic + ' .story[data-id="' + CSS.escape(id) + '"]');
    if (li) { li.classList.add('selected'); }
    getJson('/api/topics/' + encodeURIComponent(topic) + '/articles/' + encodeURIComponent(id))
      .then(renderStory).catch(showError);
  }

  function renderStory(s) {
    var a = s.article, e = s.enrichment || {}, raw = e.article || {};
    detailsBody.textContent = '';
    var title = el('h3', { text: a.title });
    var link = a.url ? el('a', { href: a.url, target: '_blank', rel: 'noopener', text: a.outlet || a.url })
                     : el('span', { text: a.outlet || 'unknown outlet' });
    detailsBody.appendChild(title);
    detailsBody.appendChild(el('div', { className: 'sub' }, [link, document.createTextNode(' · ' + when(a))]));

    detailsBody.appendChild(el('h4', { className: 'carried', text: 'Carried by ' + carried(a) }));
    var outlets = el('ul', { className: 'outlet-list' });
    s.outlets.forEach(function (o) {
      var label = (o.outlet || 'unknown outlet') + (o.kind === 'ORIGINAL' ? ' (original)' : ' (' + o.kind.toLowerCase().replace('_', ' ') + ')');
      outlets.appendChild(el('li', {}, [o.url ? el('a', { href: o.url, target: '_blank', rel: 'noopener', text: label }) : el('span', { text: label })]));
    });
    detailsBody.appendChild(outlets);

    detailsBody.appendChild(el('h4', { text: 'Evidence' }));
    var scores = a.newsTopicScores || {};
    var evRows = [];
    Object.keys(scores).forEach(function (t) {
      (scores[t].evidence || []).forEach(function (ev) {
        evRows.push(el('tr', {}, [el('td', { text: t }), el('td', { text: ev.phrase }), el('td', { text: ev.field }),
          el('td', { text: String(ev.position) }), el('td', { text: String(ev.count) }), el('td', { text: String(ev.weight) })]));
      });
    });
    if (evRows.length) {
      detailsBody.appendChild(el('table', { className: 'evidence' }, [
        el('thead', {}, [el('tr', {}, ['news topic', 'phrase', 'field', 'position', 'count', 'weight'].map(function (h) { return el('th', { text: h }); }))]),
        el('tbody', {}, evRows)]));
    } else {
      detailsBody.appendChild(el('p', { className: 'empty', text: 'No evidence recorded' }));
    }
    Object.keys(scores).forEach(function (t) {
      var p = scores[t].probability;
      detailsBody.appendChild(el('div', { className: 'sub', text: t + ': score ' + scores[t].score + (scores[t].threshold != null ? ' / threshold ' + scores[t].threshold : '') +
        ', probability ' + (p != null ? Math.round(p * 100) + '%' : 'n/a (rules only)') + (scores[t].matched ? ' (matched)' : ' (not matched)') }));
    });

    detailsBody.appendChild(el('h4', { text: 'Entities' }));
    var ents = e.entities || [];
    if (ents.length) {
      var ul = el('ul', { className: 'entities story-entities' });
      ents.forEach(function (n) { ul.appendChild(el('li', { text: n.name + ' · ' + n.type.toLowerCase() + ' ×' + n.count })); });
      detailsBody.appendChild(ul);
    } else {
      detailsBody.appendChild(el('p', { className: 'empty', text: 'No entities extracted' }));
    }

    var attributions = e.attributions || [];
    if (attributions.length) {
      detailsBody.appendChild(el('h4', { text: 'Attributions' }));
      var al = el('ul');
      attributions.forEach(function (x) { al.appendChild(el('li', { text: x.source + ' — “' + x.cue + '”' })); });
      detailsBody.appendChild(al);
    }
    if (raw.body) {
      detailsBody.appendChild(el('h4', { text: 'Text' }));
      detailsBody.appendChild(el('div', { className: 'body', text: raw.body }));
    }
    details.hidden = false;
  }

  document.getElementById('details-close').addEventListener('click', function () {
    details.hidden = true;
    selected = null;
    document.querySelectorAll('.story.selected').forEach(function (n) { n.classList.remove('selected'); });
  });

  // --- search ---

  document.getElementById('search-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var q = document.getElementById('search-input').value.trim();
    if (!q) { return; }
    getJson('/api/search?q=' + encodeURIComponent(q) + '&limit=50').then(function (res) {
      var list = document.getElementById('search-list');
      list.textContent = '';
      if (res.results.length === 0) { list.appendChild(el('li', { className: 'empty', text: 'Nothing found' })); }
      res.results.forEach(function (h) {
        var li = el('li', { className: 'story', 'data-id': h.article.id }, [
          el('span', { className: 'title', text: h.article.title }),
          el('span', { className: 'sub', text: ' · ' + h.newsTopic + ' · ' + (h.article.outlet || '') + ' · ' + when(h.article) })]);
        li.addEventListener('click', function () { showStory(h.newsTopic, h.article.id); });
        list.appendChild(li);
      });
      document.getElementById('search-results').hidden = false;
    }).catch(showError);
  });
  document.getElementById('search-close').addEventListener('click', function () {
    document.getElementById('search-results').hidden = true;
  });

  // --- live updates ---

  function refreshSoon(topic) {
    if (refreshTimers[topic]) { return; }
    refreshTimers[topic] = setTimeout(function () {
      delete refreshTimers[topic];
      getJson('/api/topics').then(function (list) {
        topics = list;
        list.forEach(function (t) { if (t.id === topic) { renderHeader(t); } });
      }).catch(showError);
      loadTopic(topic).then(function () {
        if (selected && selected.topic === topic) { showStory(selected.topic, selected.id); }
      });
    }, 100);
  }

  function connect() {
    if (!window.EventSource) { statusEl.textContent = 'no live updates'; return; }
    var source = new EventSource('/api/events');
    source.addEventListener('ready', function () {
      statusEl.textContent = 'live';
      statusEl.className = 'status live';
      // Whatever was stored before the stream opened (or while it was down) is not replayed:
      // re-read the lists now that nothing more can be missed.
      loadAll();
    });
    source.addEventListener('article', function (m) {
      var data = JSON.parse(m.data);
      fresh[data.newsTopic + '/' + data.article.id] = true;
      refreshSoon(data.newsTopic);
    });
    source.addEventListener('duplicate', function (m) {
      refreshSoon(JSON.parse(m.data).newsTopic);
    });
    source.onerror = function () {
      statusEl.textContent = 'reconnecting…';
      statusEl.className = 'status connecting';
    };
  }

  loadAll();
  connect();
})();
