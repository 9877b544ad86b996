// Tokens page: the user's personal API tokens — make one with a name and scopes (shown once, to copy),
// see when each was made and last used, revoke one (docs/web.md).
import { api } from './api.js';
import { el, startPage, status, time } from './ui.js';

const rows = document.querySelector('#tokens tbody');
const form = document.getElementById('create-form');
const shown = document.getElementById('new-token');
const value = document.getElementById('new-token-value');

function row(token) {
  return el('tr', { 'data-token': token.id },
    el('td', { class: 'name' }, token.name),
    el('td', { class: 'scopes' }, token.scopes.join(', ')),
    el('td', {}, time(token.created)),
    el('td', { class: 'last-used' }, token.lastUsed ? time(token.lastUsed) : 'never'),
    el('td', {}, el('button', { type: 'button', class: 'danger revoke', 'aria-label': `Revoke ${token.name}`,
      onclick: () => revoke(token) }, 'Revoke')));
}

async function load() {
  const tokens = await api('GET', '/api/tokens');
  rows.replaceChildren(...tokens.map(row));
  document.getElementById('tokens').hidden = tokens.length === 0;
  document.getElementById('empty').hidden = tokens.length > 0;
}

async function create(event) {
  event.preventDefault();
  const error = document.getElementById('create-error');
  const name = document.getElementById('token-name');
  const scopes = [...form.querySelectorAll('input[name=scope]:checked')].map((c) => c.value);
  error.textContent = '';
  name.removeAttribute('aria-invalid');
  if (!name.value.trim()) {
    name.setAttribute('aria-invalid', 'true');
    error.textContent = 'Give the token a name, so that you know later what uses it.';
    name.focus();
    return;
  }
  if (scopes.length === 0) {
    error.textContent = 'Choose at least one thing the token may do.';
    form.querySelector('input[name=scope]').focus();
    return;
  }
  try {
    const made = await api('POST', '/api/tokens', { name: name.value.trim(), scopes });
    value.value = made.token;
    shown.hidden = false;
    value.focus();
    value.select();
    form.reset();
    status(`Token "${made.name}" made.`);
    await load();
  } catch (e) {
    error.textContent = e.message;
  }
}

async function copy() {
  try {
    await navigator.clipboard.writeText(value.value);
  } catch {
    // Without the asynchronous clipboard (a page not served securely): copy the selection.
    value.select();
    document.execCommand('copy');
  }
  status('Token copied.');
}

async function revoke(token) {
  if (!confirm(`Revoke "${token.name}"? Scripts that use it can no longer reach the API.`)) return;
  try {
    await api('DELETE', `/api/tokens/${encodeURIComponent(token.id)}`);
    status(`Token "${token.name}" revoked.`);
    await load();
    document.getElementById('token-name').focus();
  } catch (e) {
    status(`Not revoked: ${e.message}`, true);
  }
}

form.addEventListener('submit', create);
document.getElementById('copy-token').addEventListener('click', copy);
document.getElementById('hide-token').addEventListener('click', () => {
  value.value = '';
  shown.hidden = true;
  document.getElementById('token-name').focus();
});

await startPage();
await load();
