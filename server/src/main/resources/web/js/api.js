// The JSON API, as every page uses it: errors become exceptions with the server's message.
let csrfToken = null;

export class ApiError extends Error {
  constructor(status, message, path) {
    super(message);
    this.status = status;
    this.path = path;
  }
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, (json && json.message) || response.statusText, json && json.path);
  }
  return json;
}

/** Logs in; the answer carries the CSRF token for later changes. */
export async function login(user, password) {
  const me = await api('POST', '/api/session', { user, password });
  csrfToken = me.csrfToken;
  return me;
}

/** Who is logged in; sends the visitor to the login page when nobody is. */
export async function requireLogin() {
  try {
    const me = await api('GET', '/api/me');
    csrfToken = me.csrfToken;
    return me;
  } catch (e) {
    if (e.status === 401) {
      location.replace('/index.html?next=' + encodeURIComponent(location.pathname));
      // The page goes no further, and quietly: it is being replaced by the login.
      return new Promise(() => {});
    }
    throw e;
  }
}

/**
 * Logs out. The browser keeps nothing of a terminal past the session (docs/web.md): its device token,
 * the mails it showed, its push subscription and notices go; only the browser's device id stays, so
 * that enrolling it again after the next login renews the same device.
 */
export async function logout() {
  try {
    await api('DELETE', '/api/session');
  } finally {
    await forgetTerminal();
    location.replace('/index.html');
  }
}

async function forgetTerminal() {
  for (const key of Object.keys(localStorage)) {
    const keptId = key.endsWith('.id') && /^browser-[0-9a-f]{10}$/.test(localStorage.getItem(key) || '');
    if (key.startsWith('mailpush.terminal.') && !keptId) localStorage.removeItem(key);
  }
  try {
    const registration = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration() : null;
    if (!registration) return;
    // Pushed notices would go on showing mail to whoever uses the browser next.
    const subscription = registration.pushManager ? await registration.pushManager.getSubscription() : null;
    if (subscription) await subscription.unsubscribe();
    for (const notice of await registration.getNotifications()) notice.close();
  } catch {
    // A browser without these has nothing of them to forget.
  }
}
