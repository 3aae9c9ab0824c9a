// ECIF Hub operations console: plain browser JavaScript, no build step. Everything it shows comes from the
// gateway's public API with the operator's own bearer token, so it sees exactly what that token may see
// (data scope, masking) and nothing more.
'use strict';

const TOKEN_KEY = 'ecif.console.token';
const MAX_ROWS = 300;
const $ = (selector) => document.querySelector(selector);

// ---- token -------------------------------------------------------------------------------------------------

let token = sessionStorage.getItem(TOKEN_KEY) || '';

// A link like /console/#token=... (what ./hub up prints) hands the token over without it reaching any server log:
// the fragment is never sent. It is taken out of the address bar at once.
(function takeTokenFromFragment() {
  const match = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
  if (match) {
    token = decodeURIComponent(match[1]);
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', location.pathname + location.search);
  }
})();

function claims(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(payload))));
  } catch (e) {
    return null;
  }
}

function showWho() {
  const c = token ? claims(token) : null;
  $('#who').textContent = c
    ? `${c.sub || c.upn || '?'} · ${(c.groups || []).join(', ')}${c.branch ? ' · ' + c.branch : ''}`
    : 'no token: every panel needs one';
}

async function api(path, options = {}) {
  const headers = Object.assign({ Accept: 'application/json' }, options.headers || {});
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : (body && body.title) || String(body || '');
    const error = new Error(`HTTP ${response.status}: ${detail}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

// ---- small DOM helpers ------------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('data-')) node.setAttribute(key, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node[key] = value;
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function customerLink(number) {
  if (!number) return '';
  return el('a', { class: 'customer', 'data-customer': number, onclick: () => lookup(number) }, number);
}

function tierBadge(tier) {
  return tier ? el('span', { class: 'tier ' + tier }, tier) : '';
}

function definitions(pairs) {
  const dl = el('dl');
  for (const [label, value] of pairs) {
    if (value === null || value === undefined || value === '') continue;
    dl.append(el('dt', {}, label), el('dd', { 'data-field': label }, value));
  }
  return dl;
}

function money(value) {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  return Number.isFinite(n) ? n.toLocaleString('zh-CN', { maximumFractionDigits: 2 }) : String(value);
}

// Instants in the operator's own time zone (a county branch's clock), not the server's UTC.
function time(value) {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : d.toLocaleString('zh-CN', { hour12: false });
}

// ---- change stream (Server-Sent Events read with fetch, so the token travels in a header) -------------------

const stream = { controller: null, lastEventId: null, paused: false, retry: 2000, seen: new Set() };

function streamStatus(state, text) {
  const status = $('#stream-status');
  status.dataset.state = state;
  status.textContent = text;
}

function streamUrl() {
  const params = new URLSearchParams();
  const type = $('#filter-type').value;
  const branch = $('#filter-branch').value.trim();
  const tier = $('#filter-tier').value;
  if (type) params.set('type', type);
  if (branch) params.set('branch', branch);
  if (tier) params.set('tier', tier);
  const query = params.toString();
  return '/api/v1/stream/changes' + (query ? '?' + query : '');
}

function summary(eventType, data) {
  switch (eventType) {
    case 'CustomerCreated':
    case 'CustomerUpdated': {
      const a = data.attributes || {};
      const changed = data.changedAttributes ? ' (' + data.changedAttributes.join(', ') + ')' : '';
      return `${a.name || ''}${changed}`;
    }
    case 'HoldingsChanged':
      return `${(data.accounts || []).length} accounts`;
    case 'CustomersMerged':
      return `${data.retired} merged into ${data.survivor} · ${data.reason || ''}`;
    case 'CustomerSplit':
      return `${data.source} ${data.sourceCustomerId} split off as ${data.newCustomer} · ${data.reason || ''}`;
    case 'TierChanged':
      return `${data.from || '—'} → ${data.to} · ${data.reason || ''}`;
    case 'OwnershipChanged':
      return `${data.role}: ${data.from || '—'} → ${data.to || '—'} · ${data.reason || ''}`;
    case 'OwnershipEnded':
      return `${data.role || ''} ended · ${data.reason || ''}`;
    default:
      return data.kind || data.reason || '';
  }
}

function addEventRow(id, eventType, payload) {
  if (stream.seen.has(id)) return;
  stream.seen.add(id);
  const envelope = payload.event || {};
  const data = envelope.data || {};
  const customer = envelope.subject || data.customerNumber || '';
  const row = el('tr', { class: 'fresh', 'data-event-type': eventType, 'data-customer': customer },
    el('td', {}, id),
    el('td', {}, time(envelope.occurredAt)),
    el('td', {}, eventType),
    el('td', {}, customerLink(customer)),
    el('td', {}, payload.branch || ''),
    el('td', {}, tierBadge(payload.tier)),
    el('td', {}, summary(eventType, data)));
  const rows = $('#stream-rows');
  rows.prepend(row);
  while (rows.children.length > MAX_ROWS) rows.lastElementChild.remove();
}

function dispatch(block) {
  let id = null;
  let type = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
    else if (field === 'retry' && /^\d+$/.test(value)) stream.retry = Number(value);
  }
  if (id !== null) stream.lastEventId = id;
  if (data.length) {
    try {
      addEventRow(id, type, JSON.parse(data.join('\n')));
    } catch (e) {
      console.warn('Unreadable stream event', e);
    }
  }
}

async function openStream() {
  closeStream();
  if (!token || stream.paused) return;
  const controller = new AbortController();
  stream.controller = controller;
  streamStatus('connecting', 'connecting …');
  try {
    const headers = { Accept: 'text/event-stream', Authorization: 'Bearer ' + token };
    if (stream.lastEventId) headers['Last-Event-ID'] = stream.lastEventId;
    const response = await fetch(streamUrl(), { headers, signal: controller.signal, cache: 'no-store' });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      streamStatus('error', `refused: HTTP ${response.status} ${problem.detail || ''}`);
      if (response.status === 401 || response.status === 403) return;
      throw new Error('HTTP ' + response.status);
    }
    streamStatus('open', 'live');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
    throw new Error('stream ended');
  } catch (e) {
    if (controller.signal.aborted) return;
    streamStatus('error', `reconnecting (${e.message}) …`);
    setTimeout(() => { if (stream.controller === controller) openStream(); }, stream.retry);
  }
}

function closeStream() {
  if (stream.controller) stream.controller.abort();
  stream.controller = null;
}

// ---- customer lookup ----------------------------------------------------------------------------------------

function sectionState(section, name) {
  if (!section || section.status === 'AVAILABLE') return null;
  if (section.status === 'NONE') return el('p', { class: 'hint' }, `No ${name} yet.`);
  return el('p', { class: 'unavailable', 'data-unavailable': name },
    `${name}: unavailable (${section.reason || 'service down'})`);
}

function renderCustomer(section) {
  const data = section.data;
  const a = data.attributes || {};
  return [
    el('h3', {}, 'Golden record'),
    definitions([
      ['customerNumber', data.customerNumber], ['name', a.name], ['type', a.type],
      ['id', a.idNumber ? `${a.idType || ''} ${a.idNumber}` : ''], ['phone', a.phone || a.mobile],
      ['address', a.address], ['branch', a.branchCode], ['status', data.status], ['version', data.version],
      ['completeness', data.completeness !== undefined ? data.completeness + '%' : ''],
      ['quality issues', Array.isArray(data.qualityIssues) && data.qualityIssues.length
        ? data.qualityIssues.map((q) => q.code || q.flag || q.field || JSON.stringify(q)).join(', ') : '']]),
    el('h3', {}, 'Sources'),
    el('p', {}, (data.sources || []).map((s) => `${s.source} ${s.sourceCustomerId}`).join(' · ') || '—'),
    el('h3', {}, 'Holdings'),
    (data.accounts || []).length
      ? el('table', {}, el('thead', {}, el('tr', {}, ['Account', 'Product', 'Balance', 'Status'].map((h) => el('th', {}, h)))),
        el('tbody', {}, (data.accounts || []).map((h) => el('tr', {},
          el('td', {}, h.accountId), el('td', {}, h.productType), el('td', {}, money(h.balance)),
          el('td', {}, h.status || '')))))
      : el('p', { class: 'hint' }, 'No accounts.')];
}

function renderScore(section) {
  const s = section.data;
  const components = Array.isArray(s.breakdown) ? s.breakdown : (s.breakdown && s.breakdown.components) || [];
  return [
    definitions([['tier', tierBadge(s.tier)], ['since', s.tierSince], ['contribution CNY', money(s.score)],
      ['points', money(s.points)], ['model', s.modelVersion], ['why', s.tierReason]]),
    components.length ? el('table', {}, el('tbody', {}, components.map((c) => el('tr', {},
      el('td', {}, c.name), el('td', {}, money(c.contribution)), el('td', {}, money(c.points)))))) : ''];
}

function renderOwners(section) {
  const current = section.data.current || [];
  return current.length
    ? el('table', {}, el('tbody', {}, current.map((o) => el('tr', {},
      el('td', {}, o.role), el('td', { 'data-owner': o.ownerId }, o.ownerId), el('td', {}, 'since ' + time(o.since)),
      el('td', {}, o.reason || '')))))
    : el('p', { class: 'hint' }, 'No current owner.');
}

function renderVisits(section) {
  const v = section.data || {};
  const last = v.last || {};
  return definitions([['last visit', last.visitDate || last.date || ''], ['next due', v.next || ''],
    ['visits', v.count]]);
}

function renderRelationships(section) {
  const list = Array.isArray(section.data) ? section.data : section.data.relationships || [];
  return list.length
    ? el('ul', {}, list.map((r) => el('li', {}, `${r.type || r.kind || ''} ${r.relatedCustomerNumber || r.other || ''}`)))
    : el('p', { class: 'hint' }, 'None.');
}

async function lookup(number) {
  const n = String(number || '').trim();
  const view = $('#view');
  if (!n) return;
  $('#lookup-input').value = n;
  view.dataset.state = 'loading';
  view.replaceChildren(el('p', { class: 'hint' }, `Loading ${n} …`));
  const headers = {};
  if ($('#lookup-unmasked').checked) {
    headers['X-Access-Reason'] = $('#lookup-reason').value.trim();
  }
  try {
    const v = await api('/api/v1/customers/' + encodeURIComponent(n) + '/view', { headers });
    const parts = [el('h3', { class: 'view-title' }, 'Customer ', el('span', { 'data-field': 'viewCustomerNumber' },
      v.customerNumber))];
    if (v.retired) {
      parts.push(el('p', { class: 'unavailable', 'data-field': 'retired' },
        `${v.redirectedFrom} is retired; showing the survivor ${v.customerNumber}.`));
    }
    const sections = [['customer', renderCustomer], ['score', renderScore], ['owners', renderOwners],
      ['visits', renderVisits], ['relationships', renderRelationships]];
    for (const [name, render] of sections) {
      const section = v[name];
      const state = sectionState(section, name);
      if (name !== 'customer') parts.push(el('h3', {}, name[0].toUpperCase() + name.slice(1)));
      parts.push(el('div', { 'data-section': name, 'data-status': section ? section.status : 'NONE' },
        state || render(section)));
    }
    view.replaceChildren(...parts);
    view.dataset.state = 'shown';
    view.dataset.customer = v.customerNumber;
  } catch (e) {
    view.replaceChildren(el('p', { class: 'error' }, e.status === 403
      ? `${n}: not within your data scope (or no such customer).` : e.message));
    view.dataset.state = 'error';
  }
}

// ---- stewardship queue ----------------------------------------------------------------------------------------

async function loadStewardship() {
  const box = $('#stewardship');
  try {
    const tasks = await api('/api/v1/stewardship/tasks?status=OPEN&size=50');
    box.replaceChildren(tasks.length
      ? el('table', {},
        el('thead', {}, el('tr', {}, ['Task', 'Customer', 'Possible duplicate', 'Weight', 'Raised', ''].map((h) => el('th', {}, h)))),
        el('tbody', {}, tasks.map((t) => el('tr', { 'data-task': t.id },
          el('td', {}, t.id), el('td', {}, customerLink(t.customerNumber)), el('td', {}, customerLink(t.candidate)),
          el('td', {}, Number(t.totalWeight).toFixed(2)), el('td', {}, time(t.createdAt)),
          el('td', {}, el('button', { onclick: () => resolveTask(t.id, 'merge') }, 'Merge'), ' ',
            el('button', { onclick: () => resolveTask(t.id, 'keep-apart') }, 'Keep apart'))))))
      : el('p', { class: 'hint' }, 'No open tasks: nothing waits for a steward.'));
    box.dataset.state = 'loaded';
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error' }, e.status === 403
      ? 'The stewardship queue needs the STEWARD role.' : e.message));
    box.dataset.state = 'error';
  }
}

async function resolveTask(id, action) {
  const reason = prompt(`Reason for "${action}" on task ${id}:`);
  if (reason === null) return;
  const who = claims(token) || {};
  try {
    await api(`/api/v1/stewardship/tasks/${id}/${action}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ operator: who.sub || 'console', reason })
    });
  } catch (e) {
    alert(e.message);
  }
  loadStewardship();
}

// ---- imports -----------------------------------------------------------------------------------------------------

async function loadImports() {
  const box = $('#imports');
  try {
    const jobs = await api('/api/v1/imports?limit=10');
    box.replaceChildren(jobs.length ? el('div', {}, jobs.map((j) => {
      const done = j.processed + j.rejected;
      const total = Math.max(j.total, done);
      return el('div', { class: 'job', 'data-job': j.id, 'data-job-state': j.state },
        el('div', {}, `${j.source} ${j.format} · `, el('strong', {}, j.state),
          ` · ${done.toLocaleString()} of ${total ? total.toLocaleString() : '?'}`,
          j.rejected ? ` (${j.rejected} refused)` : '', j.recordsPerSecond ? ` · ${j.recordsPerSecond}/s` : ''),
        el('progress', { max: total || 1, value: j.state === 'COMPLETED' ? (total || 1) : done }),
        el('div', { class: 'meta' }, `${j.id} · started ${time(j.startedAt || j.createdAt)}`,
          j.error ? el('span', { class: 'error' }, ' · ' + j.error) : ''));
    })) : el('p', { class: 'hint' }, 'No imports yet.'));
    box.dataset.state = 'loaded';
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error' }, e.status === 403
      ? 'Imports are visible to the SYSTEM, OPS and STEWARD roles.' : e.message));
    box.dataset.state = 'error';
  }
}

// ---- wiring --------------------------------------------------------------------------------------------------------

function start() {
  showWho();
  $('#token-input').value = token;
  stream.lastEventId = null;
  stream.seen.clear();
  $('#stream-rows').replaceChildren();
  openStream();
  loadStewardship();
  loadImports();
}

$('#token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  token = $('#token-input').value.trim();
  sessionStorage.setItem(TOKEN_KEY, token);
  start();
});

$('#stream-filters').addEventListener('submit', (e) => {
  e.preventDefault();
  // New filters start from the live end: the journal's history is for resuming, not for browsing.
  stream.lastEventId = null;
  stream.seen.clear();
  $('#stream-rows').replaceChildren();
  stream.paused = false;
  $('#stream-toggle').textContent = 'Pause';
  openStream();
});

$('#stream-toggle').addEventListener('click', () => {
  stream.paused = !stream.paused;
  $('#stream-toggle').textContent = stream.paused ? 'Resume' : 'Pause';
  if (stream.paused) {
    closeStream();
    streamStatus('paused', 'paused');
  } else {
    openStream();
  }
});

$('#lookup-form').addEventListener('submit', (e) => {
  e.preventDefault();
  lookup($('#lookup-input').value);
});

$('#stewardship-refresh').addEventListener('click', loadStewardship);

setInterval(() => { if (token && !document.hidden) loadImports(); }, 2000);
setInterval(() => { if (token && !document.hidden) loadStewardship(); }, 15000);

start();
