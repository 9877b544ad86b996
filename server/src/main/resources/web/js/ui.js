// Small DOM helpers: elements are built with textContent only, never from HTML strings.
import { logout, requireLogin } from './api.js';

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name in node && typeof value !== 'string') node[name] = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** "12 s", "4 min", "2 h", "3 d". */
export function ago(seconds) {
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** "just now", "2 min ago", "3 h ago", "yesterday", else the date. */
export function relative(iso, now = Date.now()) {
  const seconds = (now - new Date(iso).getTime()) / 1000;
  if (seconds < 45) return 'just now';
  if (seconds < 172800 && seconds >= 86400) return 'yesterday';
  if (seconds < 86400) return `${ago(seconds)} ago`;
  return new Date(iso).toLocaleDateString();
}

/** A <time> that says how long ago, with the full time on hover; {@link refreshTimes} keeps it current. */
export function when(iso) {
  return el('time', { datetime: iso, title: time(iso), 'data-relative': '' }, relative(iso));
}

export function refreshTimes(root = document) {
  for (const node of root.querySelectorAll('time[data-relative]')) node.textContent = relative(node.dateTime);
}

/** Says something to every user, screen readers included. */
export function status(message, isError = false) {
  const node = document.getElementById('status');
  if (!node) return;
  node.textContent = message;
  node.classList.toggle('error', isError);
}

/** The common start of every page behind the login: who is logged in, and the log-out button. */
export async function startPage() {
  const me = await requireLogin();
  const who = document.getElementById('who');
  if (who) {
    who.replaceChildren(
      el('span', {}, me.user.name),
      el('button', { type: 'button', class: 'secondary', onclick: () => logout() }, 'Log out'));
  }
  return me;
}
