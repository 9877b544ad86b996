// Activity page: recent mail, each with the decision per device and the delivery and ack times (SPEC X4).
import { api } from './api.js';
import { el, startPage, status, time } from './ui.js';

const REFRESH_MS = 3000;
const list = document.getElementById('mails');
const shown = new Map();

function deliveriesOf(mail, device) {
  return mail.deliveries.filter((d) => d.device === device && (d.kind === 'mail' || d.kind === 'hint'));
}

function delivery(d) {
  const parts = [`${d.kind} #${d.seq}`, `queued ${time(d.queuedAt)}`];
  if (d.sentAt) parts.push(`sent ${time(d.sentAt)}`);
  parts.push(d.ackedAt ? `acknowledged ${time(d.ackedAt)}` : d.status === 'failed' ? `push failed (${d.failure}); waiting for its link`
    : d.status === 'sent' ? 'not acknowledged yet' : 'waiting for the terminal');
  return parts.join(' · ');
}

function planTable(mail, decided) {
  const plan = decided.plan;
  return el('div', {},
    el('p', {}, `Decided ${time(decided.decidedAt)} by `, el('strong', {}, plan.decidedBy.description)),
    el('table', { class: 'responsive' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Device'), el('th', { scope: 'col' }, 'Got'),
        el('th', { scope: 'col' }, 'Why'), el('th', { scope: 'col' }, 'Delivery'))),
      el('tbody', {}, plan.targets.map((t) => el('tr', { 'data-device': t.device },
        el('td', {}, t.name),
        el('td', {}, el('span', { class: `badge action-${t.action}` }, t.action)),
        el('td', { class: 'reason' }, t.reason),
        el('td', { class: 'small' }, deliveriesOf(mail, t.device).map((d) => el('div', {}, delivery(d)))))))),
    el('details', {}, el('summary', {}, 'Rules tried'), el('ul', {}, plan.trail.map((line) => el('li', {}, line)))));
}

function render(mail) {
  const s = mail.summary;
  const flags = [mail.flags.seen ? 'read' : 'unread', mail.flags.flagged && 'flagged', mail.flags.deleted && 'deleted']
    .filter(Boolean).join(', ');
  return el('li', { class: `mail${mail.flags.seen ? ' seen' : ''}`, 'data-mail': mail.id },
    el('h2', {}, s.subject || '(no subject)'),
    el('p', { class: 'small muted' },
      `from ${s.from || 'unknown'} · ${time(mail.receivedAt)} · ${s.pictures} picture(s) · ${Math.round(s.size / 1024)} KiB · `,
      el('span', { class: 'flags' }, flags)),
    mail.plans.length === 0 ? el('p', { class: 'muted' }, 'Not planned yet.') : mail.plans.map((p) => planTable(mail, p)));
}

async function refresh() {
  try {
    const recent = await api('GET', '/api/mails?limit=30');
    const nodes = [];
    for (const summary of recent) {
      const key = `${summary.id}`;
      const known = shown.get(key);
      // A mail's explanation changes while it is delivered and read; fetch it until it settles.
      if (!known || !known.settled || known.seen !== summary.flags.seen) {
        const mail = await api('GET', `/api/mails/${summary.id}`);
        const settled = mail.plans.length > 0 && mail.deliveries.every((d) => d.ackedAt);
        const node = render(mail);
        if (known) known.node.replaceWith(node);
        shown.set(key, { node, settled, seen: mail.flags.seen });
      }
      nodes.push(shown.get(key).node);
    }
    list.replaceChildren(...nodes);
    if (recent.length === 0) status('No mail yet.');
    else if (document.getElementById('status').textContent === 'No mail yet.') status('');
  } catch (e) {
    status(`Could not refresh: ${e.message}`, true);
  }
}

await startPage();
await refresh();
setInterval(refresh, REFRESH_MS);
