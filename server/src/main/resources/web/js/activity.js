// Activity page: the story of each mail (SPEC X4) — one line of devices with what each got, how fast and
// whether it acknowledged, the mail's read state, and the reasons in plain words one click away.
// Newest first, a page at a time; filtered by device, outcome and text in the browser.
import { api } from './api.js';
import { deviceIcon } from './icons.js';
import { el, refreshTimes, startPage, status, time, when } from './ui.js';

const REFRESH_MS = 3000;
const PAGE = 20;
const list = document.getElementById('mails');
const older = document.getElementById('older');
const filter = {
  device: document.getElementById('filter-device'),
  outcome: document.getElementById('filter-outcome'),
  text: document.getElementById('filter-text'),
};
/** Every mail loaded, by id: its explanation, its node, and whether it can still change. */
const loaded = new Map();
const types = new Map(); // device id → type, for the icons
let oldest = null;

const STATE = { 'in-use': 'in use', idle: 'idle', asleep: 'asleep', off: 'off' };
const GOT = { FULL: 'mail', HINT: 'hint', NONE: 'nothing' };

function latestPlan(mail) {
  return mail.plans.length === 0 ? null : mail.plans[mail.plans.length - 1];
}

function deliveriesOf(mail, device) {
  return mail.deliveries.filter((d) => d.device === device && (d.kind === 'mail' || d.kind === 'hint'));
}

function duration(ms) {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(ms < 10000 ? 1 : 0)} s`;
  return `${Math.round(ms / 60000)} min`;
}

/** How a device's delivery went, in words: "in 3 ms, acknowledged", "push failed: 503; waiting for its link". */
function progress(mail, target) {
  const deliveries = deliveriesOf(mail, target.device);
  if (target.action === 'NONE') return { text: '', outcome: 'none' };
  if (deliveries.length === 0) return { text: 'not sent yet', outcome: 'waiting' };
  const acked = deliveries.find((d) => d.ackedAt);
  const sent = deliveries.find((d) => d.sentAt);
  const speed = sent ? `in ${duration(new Date(sent.sentAt) - new Date(mail.receivedAt))}` : '';
  if (acked) return { text: [speed, 'acknowledged'].filter(Boolean).join(', '), outcome: 'acked', at: acked.ackedAt };
  const failed = deliveries.find((d) => d.status === 'failed');
  if (failed) return { text: `push failed (${failed.failure}); waiting for its link`, outcome: 'failed' };
  if (sent) return { text: `${speed}, not acknowledged yet`, outcome: 'waiting', at: sent.sentAt };
  return { text: 'waiting for the device to connect', outcome: 'waiting' };
}

/** One device in the story line: icon, name, what it got, how it went. */
function hop(mail, target) {
  const how = progress(mail, target);
  const got = el('span', { class: `got got-${target.action}` }, GOT[target.action]);
  const line = el('li', { class: `hop hop-${target.action}`, 'data-device': target.device, 'data-outcome': how.outcome },
    deviceIcon(types.get(target.device)), el('span', { class: 'hop-name' }, target.name), ' ', got);
  if (how.text) line.append(' ', el('span', { class: `hop-how ${how.outcome}`, title: how.at ? time(how.at) : undefined }, how.text));
  return line;
}

/** The evidence part of a target's reason: "laptop: input 12 s ago; rule 2 'x'" → "input 12 s ago". */
function evidence(target) {
  const rest = target.reason.startsWith(`${target.name}: `) ? target.reason.slice(target.name.length + 2) : target.reason;
  return rest.split('; ')[0];
}

function decision(decidedBy) {
  if (decidedBy.rule) return `Rule ${decidedBy.rule}, “${decidedBy.name}”, decided.`;
  if (decidedBy.fallback === 'fail-open') {
    return 'No rule applied: every terminal that may be on gets it (the fallback).';
  }
  return 'None of your devices receives mail: it waits on the server until one does.';
}

/** Why one device got what it got, in a sentence. */
function why(plan, target, names) {
  const facts = evidence(target);
  const state = STATE[target.state];
  // "laptop was in use (input 12 s ago)", "phone was asleep", "tablet: state not known (no report yet)"
  const was = !state ? `: state not known (${facts})` : facts === state ? ` was ${state}` : ` was ${state} (${facts})`;
  const rule = plan.decidedBy.rule ? `rule ${plan.decidedBy.rule}` : null;
  if (target.reason.endsWith('receives no mail')) return `${target.name} never receives mail (it only reports where you are).`;
  if (plan.decidedBy.fallback === 'no-receiver') return `${target.name}${was}; no device can receive mail.`;
  switch (target.action) {
    case 'FULL':
      return rule ? `${target.name}${was}, and ${rule} picked it.`
        : `${target.name}${was}; no rule picked a device, so it got the mail as one that may be on (the fallback).`;
    case 'HINT':
      return `${target.name}${was}; it got a hint that the mail went to ${(target.pushedTo || []).map((d) => names.get(d) || d).join(', ')}.`;
    default:
      return rule ? `${target.name}${was}; ${rule} picked other devices.`
        : `${target.name}${was}; the fallback sends the mail only to devices that are on, or may be.`;
  }
}

function reasons(mail) {
  const decided = latestPlan(mail);
  const plan = decided.plan;
  const names = new Map(plan.targets.map((t) => [t.device, t.name]));
  return el('details', { class: 'why' },
    el('summary', {}, 'Why'),
    el('p', {}, decision(plan.decidedBy), ' ', el('span', { class: 'small muted' }, 'Decided ', when(decided.decidedAt), '.')),
    el('ul', { class: 'reasons' }, plan.targets.map((t) => el('li', { 'data-device': t.device }, why(plan, t, names)))),
    plan.trail.length === 0 ? null
      : el('div', {}, el('h3', {}, 'Rules tried'), el('ol', { class: 'trail small' }, plan.trail.map((line) => el('li', {}, line)))),
    el('div', {}, el('h3', {}, 'In the server’s words'),
      el('ul', { class: 'small muted' }, plan.targets.map((t) => el('li', { class: 'reason', 'data-device': t.device }, t.reason)))));
}

function flags(mail) {
  const words = [mail.flags.seen ? 'read' : 'unread', mail.flags.flagged && 'flagged', mail.flags.deleted && 'deleted'].filter(Boolean);
  return el('span', { class: 'flags' }, words.join(', '));
}

function render(mail) {
  const s = mail.summary;
  const decided = latestPlan(mail);
  return el('li', { class: `mail${mail.flags.seen ? ' seen' : ''}`, 'data-mail': mail.id },
    el('div', { class: 'mail-head' },
      el('h2', {}, s.subject || '(no subject)'),
      el('p', { class: 'small muted' }, `from ${s.from || 'unknown'} · `, when(mail.receivedAt), ' · ', flags(mail))),
    decided === null ? el('p', { class: 'muted' }, 'Not planned yet.')
      : el('ul', { class: 'story', 'aria-label': 'Where it went' }, decided.plan.targets.map((t) => hop(mail, t))),
    decided === null ? null : reasons(mail));
}

function settled(mail) {
  return mail.plans.length > 0 && mail.deliveries.every((d) => d.ackedAt);
}

/** Whether a mail passes the filter: of the chosen device (or any), some target with the chosen outcome, and the text. */
function passes(mail) {
  const text = filter.text.value.trim().toLowerCase();
  if (text && !`${mail.summary.subject} ${mail.summary.from}`.toLowerCase().includes(text)) return false;
  const device = filter.device.value;
  const outcome = filter.outcome.value;
  if (!device && !outcome) return true;
  const decided = latestPlan(mail);
  if (!decided) return false;
  return decided.plan.targets.some((t) => (!device || t.device === device) && (!outcome
    || (outcome === t.action)
    || (outcome === 'failed' && progress(mail, t).outcome === 'failed')
    || (outcome === 'waiting' && t.action !== 'NONE' && progress(mail, t).outcome !== 'acked')));
}

function show() {
  const nodes = [];
  let matching = 0;
  const ids = [...loaded.keys()].sort((a, b) => b - a);
  for (const id of ids) {
    const entry = loaded.get(id);
    if (passes(entry.mail)) {
      matching++;
      nodes.push(entry.node);
    }
  }
  // Only what changed moves, so that the focus (on a "Why", say) survives the refresh.
  nodes.forEach((node, i) => {
    if (list.children[i] !== node) list.insertBefore(node, list.children[i] || null);
  });
  while (list.children.length > nodes.length) list.lastElementChild.remove();
  const filtered = filter.device.value || filter.outcome.value || filter.text.value.trim();
  document.getElementById('shown').textContent = ids.length === 0 ? ''
    : filtered ? `${matching} of the ${ids.length} mails loaded match.${older.hidden ? '' : ' Show older mail to search further.'}`
      : `${ids.length} mails shown.`;
  refreshTimes(list);
}

function deviceChoices() {
  const known = new Map();
  for (const { mail } of loaded.values()) {
    const decided = latestPlan(mail);
    if (decided) decided.plan.targets.forEach((t) => known.set(t.device, t.name));
  }
  const chosen = filter.device.value;
  const have = new Set([...filter.device.options].map((o) => o.value));
  for (const [id, name] of [...known].sort((a, b) => a[1].localeCompare(b[1]))) {
    if (!have.has(id)) filter.device.append(el('option', { value: id }, name));
  }
  filter.device.value = chosen;
}

async function load(summary) {
  const known = loaded.get(summary.id);
  // A mail's story changes while it is delivered and read; fetch it again until it settles.
  if (known && known.settled && known.mail.flags.seen === summary.flags.seen && known.mail.flags.deleted === summary.flags.deleted) return;
  const mail = await api('GET', `/api/mails/${summary.id}`);
  const node = render(mail);
  // Reasons opened stay open while the story is brought up to date.
  const opened = known && known.node.querySelector('details.why[open]');
  if (opened && node.querySelector('details.why')) node.querySelector('details.why').open = true;
  loaded.set(mail.id, { mail, node, settled: settled(mail) });
}

async function page(before) {
  const path = before ? `/api/mails?limit=${PAGE}&before=${before}` : `/api/mails?limit=${PAGE}`;
  const summaries = await api('GET', path);
  await Promise.all(summaries.map(load));
  if (before || oldest === null) {
    if (summaries.length > 0) oldest = summaries[summaries.length - 1].id;
    older.hidden = summaries.length < PAGE;
  }
  return summaries;
}

async function devices() {
  try {
    for (const d of await api('GET', '/api/devices')) types.set(d.id, d.type);
  } catch {
    // Without the types the story shows every device with the browser icon; the names stay.
  }
}

async function refresh() {
  try {
    const newest = await page(null);
    deviceChoices();
    show();
    if (newest.length === 0 && loaded.size === 0) status('No mail yet.');
    else if (document.getElementById('status').textContent === 'No mail yet.' || document.getElementById('status').classList.contains('error')) status('');
  } catch (e) {
    status(`Could not refresh: ${e.message}`, true);
  }
}

older.addEventListener('click', async () => {
  older.disabled = true;
  try {
    const got = await page(oldest);
    deviceChoices();
    show();
    status(got.length === 0 ? 'No older mail.' : `${got.length} older mail${got.length === 1 ? '' : 's'} loaded.`);
  } catch (e) {
    status(`Could not load older mail: ${e.message}`, true);
  } finally {
    older.disabled = false;
  }
});
for (const control of Object.values(filter)) {
  control.addEventListener('input', show);
  control.addEventListener('change', show);
}
document.getElementById('filter').addEventListener('submit', (event) => event.preventDefault());

await startPage();
await devices();
await refresh();
setInterval(refresh, REFRESH_MS);
