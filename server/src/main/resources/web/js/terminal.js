// The browser as a terminal (SPEC T1–T4, M7, X6): enrolled as a device of the logged-in user, it speaks
// the terminal link (docs/protocol.md) over a WebSocket: reports input activity and, if allowed, its
// location; answers probes; shows pushed mail and hints; syncs read and delete with the other terminals.
import { api, ApiError } from './api.js';
import { base64Bytes, readMessage, sanitise } from './mime.js';
import { el, startPage, status, time } from './ui.js';

const MIN_STATE_GAP_MS = 5000;   // state on change, but not more often than this (X7)
const REFRESH_INPUT_MS = 60000;  // input keeps the report fresh at most this often
const IDLE_AFTER_MS = 30000;     // input after this long a pause is a change worth telling at once
const KEEP_MAILS = 30;

let me;
let storageKey;
let terminal;          // { device, name, token, lastAck, pictures }
let socket = null;
let heartbeat = null;
let retryMs = 1000;
let lastInput = Date.now();
let lastSentAt = 0;
let lastSentInput = 0;
let stateTimer = null;
let position = null;
let queue = Promise.resolve();
const inbox = new Map();          // mail id → { entry, node }
const notifications = new Map();  // mail id → Notification

function save() {
  localStorage.setItem(storageKey, JSON.stringify(terminal));
}

function saveInbox() {
  // Pictures stay in memory only: they would fill the browser's storage.
  const kept = [...inbox.values()].slice(-KEEP_MAILS).map((m) => ({ ...m.entry, pictures: undefined, attachments: undefined }));
  localStorage.setItem(`${storageKey}.inbox`, JSON.stringify(kept));
}

function guessType() {
  const coarse = matchMedia('(pointer: coarse)').matches;
  const small = Math.min(screen.width, screen.height);
  if (coarse && small < 600) return 'phone';
  if (coarse) return 'tablet';
  return 'browser';
}

function guessName() {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chromium'
    : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  const platform = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || '';
  return `${browser}${platform ? ' on ' + platform : ''}`.slice(0, 100);
}

// One device per browser profile, not one per visit: the id is drawn once and kept, even when the
// terminal is revoked or forgotten, so that enrolling again renews the same device.
function browserId() {
  const key = `${storageKey}.id`;
  let id = localStorage.getItem(key);
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(5));
    id = 'browser-' + [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    localStorage.setItem(key, id);
  }
  return id;
}

// ---- enrolment

function showEnrol() {
  document.getElementById('terminal').hidden = true;
  document.getElementById('enrol').hidden = false;
  document.getElementById('enrol-name').value = guessName();
  document.getElementById('enrol-type').value = guessType();
  document.getElementById('enrol-colour').checked = screen.colorDepth >= 8;
}

async function enrol(event) {
  event.preventDefault();
  const type = document.getElementById('enrol-type').value;
  const pictures = document.getElementById('enrol-pictures').checked;
  const device = {
    id: browserId(), type, name: document.getElementById('enrol-name').value.trim() || guessName(),
    capabilities: { pictures, colour: document.getElementById('enrol-colour').checked },
  };
  try {
    const enrolled = await api('POST', '/api/devices', device);
    terminal = { device: enrolled.device.id, name: enrolled.device.name, token: enrolled.token, lastAck: 0, pictures };
    save();
    status(`Enrolled as ${terminal.name}.`);
    start();
  } catch (e) {
    status(e.message, true);
  }
}

async function forget() {
  if (!confirm('Revoke this terminal? It gets no more mail.')) return;
  try {
    await api('DELETE', `/api/devices/${encodeURIComponent(terminal.device)}`);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) {
      status(e.message, true);
      return;
    }
  }
  stop();
  localStorage.removeItem(storageKey);
  localStorage.removeItem(`${storageKey}.inbox`);
  inbox.clear();
  document.getElementById('inbox').replaceChildren();
  status('This browser is no longer a terminal.');
  showEnrol();
}

// ---- the link

function link(state, connected) {
  document.getElementById('link-state').textContent = state;
  document.getElementById('link-dot').className = `dot ${connected ? 'on' : 'off'}`;
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  socket = new WebSocket(`${scheme}//${location.host}/api/link`);
  link('connecting…', false);
  socket.addEventListener('open', () => send({ type: 'hello', v: 1, token: terminal.token, lastAck: terminal.lastAck }));
  socket.addEventListener('message', (event) => {
    let message;
    try { message = JSON.parse(event.data); } catch { return; }
    // One message at a time, in order: acknowledgements are cumulative.
    queue = queue.then(() => receive(message)).catch((e) => status(e.message, true));
  });
  socket.addEventListener('close', (event) => {
    clearInterval(heartbeat);
    link('not connected', false);
    if (!terminal) return;
    if (event.code === 1008 && event.reason === 'unauthorized') {
      status('The server no longer knows this terminal; enrol it again.', true);
      localStorage.removeItem(storageKey);
      terminal = null;
      showEnrol();
      return;
    }
    setTimeout(() => { if (terminal && (!socket || socket.readyState === WebSocket.CLOSED)) connect(); }, retryMs);
    retryMs = Math.min(retryMs * 2, 30000);
  });
}

function stop() {
  const s = socket;
  socket = null;
  terminal = null;
  clearInterval(heartbeat);
  if (s) s.close(1000, 'bye');
}

function ack(seq) {
  if (seq > terminal.lastAck) {
    terminal.lastAck = seq;
    save();
  }
  send({ type: 'ack', seq });
}

/** "PT10M" → milliseconds (hours, minutes, seconds only: what the server sends). */
function duration(iso) {
  const m = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(iso || '');
  if (!m) return 600000;
  return ((Number(m[1] || 0) * 60 + Number(m[2] || 0)) * 60 + Number(m[3] || 0)) * 1000;
}

async function receive(message) {
  const seq = message.seq;
  if (seq !== undefined && seq <= terminal.lastAck) {
    ack(seq); // a re-send of something already shown
    return;
  }
  switch (message.type) {
    case 'welcome':
      retryMs = 1000;
      link(`connected as ${message.device}`, true);
      clearInterval(heartbeat);
      heartbeat = setInterval(() => sendState(), Math.max(10000, duration(message.heartbeat)));
      sendState();
      break;
    case 'mail':
      await showMail(message);
      break;
    case 'hint':
      showHint(message);
      break;
    case 'flags':
      applyFlags(message.mail, message);
      break;
    case 'retract':
      retract(message.mail);
      break;
    case 'policy':
      status('Your push policy changed.');
      break;
    case 'probe':
      send({ type: 'probe.reply', probe: message.probe, report: report() });
      break;
    case 'error':
      status(`The server refused a message: ${message.message}`, true);
      break;
    default:
      break;
  }
  if (seq !== undefined) ack(seq);
}

// ---- usage reports (SPEC T1–T3, T5)

function report() {
  const r = { at: new Date().toISOString(), power: 'on', lastInput: new Date(lastInput).toISOString() };
  if (position) r.location = position;
  return r;
}

function sendState() {
  clearTimeout(stateTimer);
  stateTimer = null;
  lastSentAt = Date.now();
  lastSentInput = lastInput;
  send({ type: 'state', report: report() });
  document.getElementById('report-state').textContent =
    `Reported ${time(new Date(lastSentAt).toISOString())}: last input ${time(new Date(lastInput).toISOString())}`
    + (position ? ', with location' : '') + '.';
}

/** Sends the state soon: at once when the last report is old enough, else when it is. */
function stateChanged() {
  if (stateTimer) return;
  const wait = Math.max(0, lastSentAt + MIN_STATE_GAP_MS - Date.now());
  stateTimer = setTimeout(sendState, wait);
}

function input() {
  const now = Date.now();
  const pausedBefore = now - lastInput > IDLE_AFTER_MS;
  lastInput = now;
  if (pausedBefore || now - lastSentInput > REFRESH_INPUT_MS) stateChanged();
}

for (const type of ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel']) {
  addEventListener(type, input, { passive: true });
}
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') lastInput = Date.now();
  stateChanged();
});
addEventListener('focus', () => { lastInput = Date.now(); stateChanged(); });
addEventListener('blur', stateChanged);

function shareLocation() {
  if (!navigator.geolocation) {
    status('This browser cannot tell its location.', true);
    return;
  }
  navigator.geolocation.watchPosition((p) => {
    position = { lat: p.coords.latitude, lon: p.coords.longitude, accuracy: p.coords.accuracy };
    localStorage.setItem(`${storageKey}.location`, 'yes');
    stateChanged();
  }, (e) => status(`No location: ${e.message}`, true), { enableHighAccuracy: false, maximumAge: 60000 });
}

// ---- mail

function notify(mailId, title, body) {
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  const n = new Notification(title, { body, tag: `mail-${mailId}` });
  notifications.set(mailId, n);
  n.addEventListener('click', () => { focus(); n.close(); });
}

function render(entry) {
  const s = entry.summary;
  const body = [];
  if (entry.kind === 'hint') {
    body.push(el('p', {}, entry.text));
  } else {
    if (entry.html) {
      body.push(el('div', { class: 'html-body' }, sanitise(entry.html)));
    } else {
      body.push(el('p', { class: 'body' }, entry.text || s.preview || ''));
    }
    for (const picture of entry.pictures || []) {
      const url = URL.createObjectURL(new Blob([picture.bytes], { type: picture.type }));
      body.push(el('img', { src: url, alt: picture.filename || 'picture' }));
    }
    for (const attachment of entry.attachments || []) {
      // As bytes of no type: saved as a file when followed, never shown as a page of this origin.
      const url = URL.createObjectURL(new Blob([attachment.bytes], { type: 'application/octet-stream' }));
      const name = attachment.filename || 'attachment';
      body.push(el('p', { class: 'attachment small' }, el('a', { href: url, download: name, type: 'application/octet-stream' }, `Save ${name}`),
        ` (${attachment.type})`));
    }
    if (entry.fetchFailed) body.push(el('p', { class: 'error' }, entry.fetchFailed));
  }
  const flags = entry.flags || {};
  const node = el('li', { class: `mail${entry.kind === 'hint' ? ' hint' : ''}${flags.seen ? ' seen' : ''}`, 'data-mail': entry.mail },
    el('h3', {}, s.subject || '(no subject)'),
    el('p', { class: 'small muted' }, `${entry.kind === 'hint' ? 'Hint · ' : ''}from ${s.from || 'unknown'}`,
      entry.receivedAt ? ` · ${time(entry.receivedAt)}` : '', ' · ', el('span', { class: 'flag-state' }, flags.seen ? 'read' : 'unread')),
    body,
    entry.kind === 'mail' ? el('div', { class: 'row' },
      el('button', { type: 'button', class: 'secondary mark-read', disabled: Boolean(flags.seen), onclick: () => markRead(entry.mail) },
        flags.seen ? 'Read' : 'Mark read'),
      el('button', { type: 'button', class: 'danger', onclick: () => remove(entry.mail) }, 'Delete')) : null);
  return node;
}

function place(entry) {
  const known = inbox.get(entry.mail);
  // A mail that arrives after its hint replaces the hint; a hint never replaces a mail.
  if (known && known.entry.kind === 'mail' && entry.kind === 'hint') return;
  const node = render(entry);
  if (known) known.node.replaceWith(node);
  else document.getElementById('inbox').prepend(node);
  inbox.set(entry.mail, { entry, node });
  document.getElementById('inbox-empty').hidden = true;
}

async function showMail(message) {
  const entry = { kind: 'mail', mail: message.mail, summary: message.summary, receivedAt: message.receivedAt, flags: message.flags };
  let bytes = null;
  if (message.raw) {
    bytes = base64Bytes(message.raw);
  } else if (message.fetch) {
    try {
      const response = await fetch(message.fetch, { headers: { Authorization: `Bearer ${terminal.token}` } });
      if (!response.ok) throw new Error(`${response.status}`);
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (e) {
      entry.fetchFailed = `The mail could not be fetched (${e.message}).`;
    }
  }
  if (bytes) {
    const parts = readMessage(bytes);
    entry.text = parts.text;
    entry.html = parts.text ? null : parts.html; // plain text when there is one: the safest form
    if (terminal.pictures !== false) entry.pictures = parts.pictures;
    entry.attachments = parts.attachments;
  }
  place(entry);
  saveInbox();
  if (!message.flags.seen) notify(message.mail, message.summary.subject || 'New mail', `from ${message.summary.from}`);
}

function showHint(message) {
  place({ kind: 'hint', mail: message.mail, summary: message.summary, text: message.text, flags: {} });
  saveInbox();
  notify(message.mail, 'Mail elsewhere', message.text);
}

function applyFlags(mailId, flags) {
  const known = inbox.get(mailId);
  if (!known) return;
  if (flags.deleted) {
    known.node.remove();
    inbox.delete(mailId);
  } else {
    known.entry.flags = { seen: flags.seen, flagged: flags.flagged, deleted: flags.deleted };
    place(known.entry);
  }
  saveInbox();
}

function retract(mailId) {
  const n = notifications.get(mailId);
  if (n) n.close();
  notifications.delete(mailId);
  const known = inbox.get(mailId);
  if (known && known.entry.kind === 'hint') {
    known.node.remove();
    inbox.delete(mailId);
    saveInbox();
  }
}

function markRead(mailId) {
  send({ type: 'flags', mail: mailId, seen: true });
  retract(mailId);
  applyFlags(mailId, { ...(inbox.get(mailId)?.entry.flags || {}), seen: true });
  status('Marked read on every terminal.');
}

function remove(mailId) {
  send({ type: 'flags', mail: mailId, deleted: true });
  retract(mailId);
  applyFlags(mailId, { deleted: true });
  status('Deleted on every terminal.');
}

// ---- start

// ---- Web Push: mail reaches this browser while no tab is open (docs/transports.md)

function base64UrlBytes(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

const pushable = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

// Subscribes this browser with the server's VAPID key and hands the subscription to the server, which
// keeps it as the terminal's push channel; done again on every start, as a push service may renew it.
async function subscribePush() {
  const registration = await navigator.serviceWorker.ready;
  let subscription = await registration.pushManager.getSubscription();
  if (!subscription) {
    const { publicKey } = await api('GET', '/api/push/vapid-key');
    subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true, applicationServerKey: base64UrlBytes(publicKey),
    });
  }
  await api('POST', `/api/devices/${encodeURIComponent(terminal.device)}/push-channels`,
    { kind: 'web-push', ...subscription.toJSON() });
}

async function allowNotifications(event) {
  const answer = await Notification.requestPermission();
  event.target.hidden = answer !== 'default';
  if (answer !== 'granted') {
    status('Notifications stay off.');
    return;
  }
  if (!pushable) {
    status('Notifications on while this page is open; this browser cannot receive mail with the page closed.');
    return;
  }
  try {
    await subscribePush();
    status('Notifications on, also while this page is closed.');
  } catch (e) {
    status(`Notifications on while this page is open; push with the page closed failed: ${e.message}`, true);
  }
}

function start() {
  document.getElementById('enrol').hidden = true;
  document.getElementById('terminal').hidden = false;
  document.getElementById('device-name').textContent = `${terminal.name} (${terminal.device})`;
  const notificationsButton = document.getElementById('allow-notifications');
  notificationsButton.hidden = !('Notification' in window) || Notification.permission !== 'default';
  if (localStorage.getItem(`${storageKey}.location`) === 'yes') shareLocation();
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js')
      .then(() => (pushable && Notification.permission === 'granted' ? subscribePush() : null))
      .catch((e) => status(`Push with the page closed is off: ${e.message}`, true));
  }
  connect();
}

document.getElementById('enrol-form').addEventListener('submit', enrol);
document.getElementById('forget').addEventListener('click', forget);
document.getElementById('share-location').addEventListener('click', shareLocation);
document.getElementById('allow-notifications').addEventListener('click', allowNotifications);

me = await startPage();
storageKey = `mailpush.terminal.${me.user.id}`;
terminal = JSON.parse(localStorage.getItem(storageKey) || 'null');
for (const entry of JSON.parse(localStorage.getItem(`${storageKey}.inbox`) || '[]')) place(entry);
if (terminal) {
  try {
    await api('GET', `/api/devices/${encodeURIComponent(terminal.device)}`);
    start();
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      localStorage.removeItem(storageKey);
      terminal = null;
      status('This browser was a terminal that has since been revoked; enrol it again.');
      showEnrol();
    } else {
      status(e.message, true);
    }
  }
} else {
  showEnrol();
}
