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
    }
    throw e;
  }
}

export async function logout() {
  await api('DELETE', '/api/session');
  location.replace('/index.html');
}
