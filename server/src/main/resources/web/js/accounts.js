// Accounts page: the user's upstream mailboxes (IMAP, POP3) with what each one's watcher is doing and its
// last error; add one, try its login first or later, remove one (docs/web.md). Refreshed every 3 s.
import { api } from './api.js';
import { el, startPage, status, time } from './ui.js';

const list = document.getElementById('accounts');
const form = document.getElementById('add-form');
const value = (id) => document.getElementById(id).value.trim();
const PORTS = { imap: { implicit: 993, starttls: 143, none: 143 }, pop3: { implicit: 995, starttls: 110, none: 110 } };
let shown = '';

/** What the watcher is doing, in words: [a class for its colour, the sentence]. */
function watcherWords(watcher) {
  if (!watcher) return ['off', 'Not watched.'];
  switch (watcher.status) {
    case 'connecting': return ['idle', `Connecting (since ${time(watcher.since)}).`];
    case 'idle': return ['in-use', `Watching: the server tells mailpush of new mail at once (since ${time(watcher.since)}).`];
    case 'polling': return ['in-use', `Watching: it asks for new mail again at ${time(watcher.nextPoll)}.`];
    case 'failed': return ['bad', `Failing: ${watcher.reason}. Next try at ${time(watcher.nextAttempt)}.`];
    case 'gave-up': return ['bad', `Gave up after ${watcher.attempts} failed attempts in a row: ${watcher.reason}.`
      + ' Remove the mailbox and add it again to try once more.'];
    case 'paused': return ['idle', `Paused: ${watcher.reason}. Tries again at ${time(watcher.nextAttempt)}.`];
    case 'stopped': return ['off', 'Stopped.'];
    default: return ['unknown', watcher.status];
  }
}

function watcherLine(account) {
  const [kind, words] = watcherWords(account.watcher);
  return el('p', { class: `watcher watcher-${kind}`, 'data-status': account.watcher ? account.watcher.status : 'none' }, words);
}

function card(account) {
  const label = `${account.username} at ${account.host}`;
  return el('li', { class: 'card', 'data-account': account.id },
    el('h3', {}, label),
    el('p', { class: 'muted small' }, `${account.protocol.toUpperCase()}, ${account.host}:${account.port}, `
      + `${account.tls === 'none' ? 'no TLS' : account.tls === 'starttls' ? 'STARTTLS' : 'TLS'}, folder ${account.folder}`),
    watcherLine(account),
    el('p', { class: 'test-result', role: 'status', 'aria-live': 'polite' }),
    el('div', { class: 'row' },
      el('button', { type: 'button', class: 'secondary test', 'aria-label': `Test the connection of ${label}`,
        onclick: (event) => testAdded(account, event.target) }, 'Test the connection'),
      el('button', { type: 'button', class: 'danger remove', 'aria-label': `Remove ${label}`,
        onclick: () => remove(account, label) }, 'Remove')));
}

async function load() {
  const accounts = await api('GET', '/api/accounts');
  const ids = accounts.map((a) => a.id).join(',');
  if (ids !== shown) {
    // Other accounts: draw the list again. Otherwise only the watchers' lines, so focus and results stay.
    list.replaceChildren(...accounts.map(card));
    shown = ids;
  } else {
    for (const account of accounts) {
      const line = list.querySelector(`li[data-account="${account.id}"] .watcher`);
      const [, words] = watcherWords(account.watcher);
      if (line && line.textContent !== words) line.replaceWith(watcherLine(account));
    }
  }
  list.hidden = accounts.length === 0;
  document.getElementById('empty').hidden = accounts.length > 0;
}

function described() {
  const account = {
    protocol: value('account-protocol'), host: value('account-host'), tls: value('account-tls'),
    username: value('account-username'), password: document.getElementById('account-password').value,
    folder: value('account-folder') || 'INBOX',
  };
  if (value('account-port')) account.port = Number(value('account-port'));
  if (account.tls === 'none' && document.getElementById('account-insecure').checked) account.insecure = true;
  return account;
}

/** The first required field left empty, marked as such; null when all are filled. */
function missing() {
  let first = null;
  for (const id of ['account-host', 'account-username', 'account-password']) {
    const input = document.getElementById(id);
    const empty = !input.value.trim();
    if (empty) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
    if (empty && !first) first = input;
  }
  return first;
}

function refuse(message, field) {
  const error = document.getElementById('add-error');
  error.textContent = message;
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', 'add-error');
    field.focus();
  }
}

async function testNew() {
  const result = document.getElementById('test-result');
  document.getElementById('add-error').textContent = '';
  const field = missing();
  if (field) { refuse(`Fill in the ${field.closest('label').firstChild.textContent.trim().toLowerCase()} first.`, field); return; }
  result.textContent = 'Trying to log in…';
  result.classList.remove('error', 'ok');
  try {
    const answer = await api('POST', '/api/accounts/test', described());
    result.textContent = answer.message;
    result.classList.add(answer.ok ? 'ok' : 'error');
  } catch (e) {
    result.textContent = e.message;
    result.classList.add('error');
  }
}

async function testAdded(account, button) {
  const result = button.closest('li').querySelector('.test-result');
  result.textContent = 'Trying to log in…';
  result.classList.remove('error', 'ok');
  try {
    const answer = await api('POST', `/api/accounts/${account.id}/test`);
    result.textContent = answer.message;
    result.classList.add(answer.ok ? 'ok' : 'error');
  } catch (e) {
    result.textContent = e.message;
    result.classList.add('error');
  }
}

async function add(event) {
  event.preventDefault();
  document.getElementById('add-error').textContent = '';
  document.getElementById('test-result').textContent = '';
  const field = missing();
  if (field) { refuse(`Fill in the ${field.closest('label').firstChild.textContent.trim().toLowerCase()}.`, field); return; }
  try {
    const added = await api('POST', '/api/accounts', described());
    form.reset();
    toggleInsecure();
    status(`Added ${added.username} at ${added.host}; mailpush watches it now.`);
    await load();
  } catch (e) {
    const fields = { host: 'account-host', port: 'account-port', username: 'account-username', password: 'account-password',
      folder: 'account-folder', tls: 'account-tls' };
    refuse(e.message, e.path && fields[e.path] ? document.getElementById(fields[e.path]) : null);
  }
}

async function remove(account, label) {
  if (!confirm(`Remove ${label}? mailpush stops watching it; the mail already pushed stays.`)) return;
  try {
    await api('DELETE', `/api/accounts/${account.id}`);
    status(`Removed ${label}.`);
    await load();
    document.getElementById('account-host').focus();
  } catch (e) {
    status(`Not removed: ${e.message}`, true);
  }
}

function toggleInsecure() {
  const protocol = value('account-protocol');
  const tls = value('account-tls');
  document.getElementById('insecure-row').hidden = tls !== 'none';
  document.getElementById('account-port').placeholder = String(PORTS[protocol][tls]);
}

form.addEventListener('submit', add);
form.addEventListener('input', (event) => {
  if (event.target.value) event.target.removeAttribute('aria-invalid');
});
document.getElementById('account-tls').addEventListener('change', toggleInsecure);
document.getElementById('account-protocol').addEventListener('change', toggleInsecure);
document.getElementById('test-new').addEventListener('click', testNew);

await startPage();
toggleInsecure();
await load();
setInterval(() => load().catch((e) => status(e.message, true)), 3000);
