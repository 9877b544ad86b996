// Devices page: every terminal with its inferred state and evidence, refreshed every 2.5 s, and a strip
// of its states over the last hours, refreshed every minute.
// Cards are updated in place, so focus and an open dialog survive the refresh.
import { api } from './api.js';
import { deviceIcon } from './icons.js';
import { ago, el, startPage, status, time } from './ui.js';

const REFRESH_MS = 2500;
const HISTORY_MS = 60000;
const HISTORY_HOURS = 6;
const STATES = { 'in-use': 'in use', idle: 'idle', asleep: 'asleep', off: 'off', unknown: 'no report' };
const list = document.getElementById('devices');
const cards = new Map();
let devices = [];
let editing = null;

function capabilities(device) {
  const c = device.capabilities;
  const parts = [c.pictures ? 'pictures' : 'no pictures', c.colour ? 'colour' : 'monochrome'];
  if (c.maxMailBytes) parts.push(`mail up to ${Math.round(c.maxMailBytes / 1024)} KiB`);
  if (!(c.attachmentTypes.length === 1 && c.attachmentTypes[0] === '*/*')) parts.push(`opens ${c.attachmentTypes.join(', ')}`);
  return parts.join(', ');
}

function location(report) {
  if (!report || !report.location) return null;
  const l = report.location;
  return `location ${l.lat.toFixed(4)}, ${l.lon.toFixed(4)} (±${Math.round(l.accuracy)} m)`;
}

// A push channel as one line: "FCM · last push 10:02:03 ok" or "Web Push · failing since 10:05:00: 503".
function channel(c) {
  const name = { 'web-push': 'Web Push', unifiedpush: 'UnifiedPush', apns: 'APNs', fcm: 'FCM', sms: 'SMS', webhook: 'webhook' }[c.kind] || c.kind;
  const last = !c.lastSuccess && !c.lastFailure ? 'no push yet'
    : c.working ? `last push ${time(c.lastSuccess)} ok${c.lastFailure ? ` (failed ${time(c.lastFailure)}: ${c.failure})` : ''}`
      : `failing since ${time(c.lastFailure)}: ${c.failure}`;
  return el('li', { class: c.working ? '' : 'failing' }, `${name} · ${last}`);
}

function card(device) {
  const state = el('span', { class: 'badge' });
  const connected = el('span');
  const evidence = el('ul', { class: 'evidence', 'aria-label': 'Evidence' });
  const age = el('p', { class: 'small muted' });
  const caps = el('p', { class: 'small' });
  const channels = el('ul', { class: 'channels small', 'aria-label': 'Push channels' });
  const title = el('h2', {});
  const strip = el('div', { class: 'strip', role: 'img', 'aria-label': 'State history not loaded yet' });
  const node = el('li', { class: 'card', 'data-device': device.id },
    el('div', { class: 'card-head' }, deviceIcon(device.type), title),
    el('p', { class: 'small muted' }, `${device.type} · id ${device.id}`),
    el('p', {}, state, ' ', connected),
    evidence, age,
    el('div', { class: 'history' }, strip,
      el('div', { class: 'strip-axis small muted', 'aria-hidden': 'true' }, el('span', {}, `${HISTORY_HOURS} h ago`), el('span', {}, 'now'))),
    caps, channels,
    el('div', { class: 'row' },
      el('button', { type: 'button', class: 'secondary', onclick: () => edit(device.id) }, 'Change'),
      el('button', { type: 'button', class: 'danger', onclick: () => revoke(device.id) }, 'Revoke')));
  return { node, title, state, connected, evidence, age, caps, channels, strip };
}

function update(parts, device) {
  parts.title.textContent = device.stale ? `${device.name} (stale)` : device.name;
  parts.state.textContent = device.state.replace('-', ' ');
  parts.state.className = `badge state-${device.state}`;
  parts.connected.replaceChildren(
    el('span', { class: `dot ${device.connected ? 'on' : 'off'}`, 'aria-hidden': 'true' }),
    device.connected ? 'connected'
      : device.notConnectedFor === undefined ? 'not connected'
        : `not connected for ${ago(device.notConnectedFor)}${device.reachable ? '' : ' · unreachable'}`);
  const facts = [...device.evidence];
  const where = location(device.report);
  if (where) facts.push(where);
  parts.evidence.replaceChildren(...facts.map((fact) => el('li', {}, fact)));
  parts.age.replaceChildren(...(device.reportAge === undefined ? ['never seen: no report yet']
    : [`last seen ${device.reportAge < 45 ? 'just now' : `${ago(device.reportAge)} ago`}`]));
  parts.age.title = device.report ? `last report ${time(device.report.at)}` : '';
  parts.caps.textContent = capabilities(device);
  parts.channels.replaceChildren(...(device.channels || []).map(channel));
}

/** The strip: one cell per slot, coloured by state, each with its time span and state on hover; read out as a summary. */
function drawHistory(parts, history) {
  const cells = history.slots.map((slot, i) => {
    const end = i + 1 < history.slots.length ? history.slots[i + 1].from : history.to;
    const span = `${new Date(slot.from).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}–${
      new Date(end).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
    return el('span', { class: `cell state-${slot.state}`, title: `${span}: ${STATES[slot.state] || slot.state}` });
  });
  parts.strip.replaceChildren(...cells);
  const minutes = new Map();
  for (const slot of history.slots) minutes.set(slot.state, (minutes.get(slot.state) || 0) + history.slotSeconds / 60);
  const told = [...minutes].filter(([state]) => state !== 'unknown')
    .map(([state, m]) => `${STATES[state]} ${m >= 60 ? `${Math.round(m / 6) / 10} h` : `${m} min`}`);
  parts.strip.setAttribute('aria-label', `Last ${HISTORY_HOURS} hours: ${told.length ? told.join(', ') : 'no report'}`);
}

async function refreshHistories() {
  await Promise.all([...cards].map(async ([id, parts]) => {
    try {
      drawHistory(parts, await api('GET', `/api/devices/${encodeURIComponent(id)}/history?hours=${HISTORY_HOURS}`));
    } catch (e) {
      parts.strip.setAttribute('aria-label', `State history not available: ${e.message}`);
    }
  }));
}

async function refresh() {
  try {
    devices = await api('GET', '/api/devices');
    const seen = new Set();
    const fresh = [];
    for (const device of devices) {
      seen.add(device.id);
      let parts = cards.get(device.id);
      if (!parts) {
        parts = card(device);
        cards.set(device.id, parts);
        fresh.push(device.id);
      }
      update(parts, device);
      // The server's order (by id); a card already in its place stays put, and keeps the focus.
      const place = list.children[devices.indexOf(device)];
      if (place !== parts.node) list.insertBefore(parts.node, place || null);
    }
    for (const [id, parts] of cards) {
      if (!seen.has(id)) {
        parts.node.remove();
        cards.delete(id);
      }
    }
    if (fresh.length > 0) refreshHistories();
    document.getElementById('empty').hidden = devices.length > 0;
    const stale = devices.filter((d) => d.stale);
    const removeStale = document.getElementById('remove-stale');
    removeStale.hidden = stale.length === 0;
    removeStale.textContent = `Remove ${stale.length} stale browser${stale.length === 1 ? '' : 's'}`;
    if (document.getElementById('status').classList.contains('error')) status('');
  } catch (e) {
    status(`Could not refresh: ${e.message}`, true);
  }
}

function edit(id) {
  const device = devices.find((d) => d.id === id);
  if (!device) return;
  editing = device;
  document.getElementById('edit-name').value = device.name;
  document.getElementById('edit-pictures').checked = device.capabilities.pictures;
  document.getElementById('edit-colour').checked = device.capabilities.colour;
  document.getElementById('edit-max').value = device.capabilities.maxMailBytes || '';
  document.getElementById('edit-types').value = device.capabilities.attachmentTypes.join(', ');
  document.getElementById('edit-error').textContent = '';
  document.getElementById('edit').showModal();
}

async function save(event) {
  event.preventDefault();
  const max = document.getElementById('edit-max').value.trim();
  const capabilities = {
    pictures: document.getElementById('edit-pictures').checked,
    colour: document.getElementById('edit-colour').checked,
    attachmentTypes: document.getElementById('edit-types').value.split(',').map((t) => t.trim()).filter(Boolean),
  };
  if (max) capabilities.maxMailBytes = Number(max);
  try {
    await api('PATCH', `/api/devices/${encodeURIComponent(editing.id)}`,
      { name: document.getElementById('edit-name').value, capabilities });
    document.getElementById('edit').close();
    status(`Saved ${editing.id}.`);
    refresh();
  } catch (e) {
    document.getElementById('edit-error').textContent = e.message;
  }
}

async function revoke(id) {
  if (!confirm(`Revoke ${id}? Its token stops working and it gets no more mail.`)) return;
  try {
    await api('DELETE', `/api/devices/${encodeURIComponent(id)}`);
    status(`Revoked ${id}.`);
    refresh();
  } catch (e) {
    status(e.message, true);
  }
}

// Browsers not seen for the stale time (30 days by default): closed for good, or a profile long gone.
async function removeStale() {
  const stale = devices.filter((d) => d.stale);
  if (!confirm(`Revoke ${stale.map((d) => d.name).join(', ')}? They get no more mail.`)) return;
  try {
    for (const device of stale) await api('DELETE', `/api/devices/${encodeURIComponent(device.id)}`);
    status(`Removed ${stale.length} stale browser${stale.length === 1 ? '' : 's'}.`);
  } catch (e) {
    status(e.message, true);
  }
  refresh();
}

document.getElementById('remove-stale').addEventListener('click', removeStale);
document.getElementById('edit-form').addEventListener('submit', save);
document.getElementById('edit-cancel').addEventListener('click', () => document.getElementById('edit').close());
await startPage();
await refresh();
setInterval(refresh, REFRESH_MS);
setInterval(refreshHistories, HISTORY_MS);
