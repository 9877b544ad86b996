// The terminal's service worker: shows a pushed mail as a system notification while no tab of the web
// app is open (Web Push, RFC 8030), and keeps the terminal's shell for when the network is away.
// The push message is JSON (docs/transports.md): { type: "mail" | "hint" | "retract", mail, seq,
// from, subject, preview, importance, pushedTo, fetch, url }.

const SHELL = 'mailpush-shell-v1';
const SHELL_FILES = ['/terminal.html', '/app.css', '/js/terminal.js', '/js/api.js', '/js/mime.js', '/js/ui.js',
  '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name !== SHELL).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

// The shell from the network when it answers, else from the cache; the API never from the cache.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !SHELL_FILES.includes(url.pathname)) return;
  event.respondWith(fetch(event.request)
    .then((response) => {
      const copy = response.clone();
      caches.open(SHELL).then((cache) => cache.put(event.request, copy));
      return response;
    })
    .catch(() => caches.match(event.request)));
});

function notice(message) {
  const from = message.from || 'someone';
  if (message.type === 'hint') {
    const where = (message.pushedTo || []).join(', ');
    return { title: `Mail from ${from}`, body: where ? `${message.subject || ''} — on ${where}` : message.subject || '' };
  }
  return { title: message.subject || '(no subject)', body: [from, message.preview].filter(Boolean).join(': ') };
}

self.addEventListener('push', (event) => {
  let message;
  try {
    message = event.data ? event.data.json() : null;
  } catch {
    message = null;
  }
  if (!message || !message.mail) return;
  const tag = `mail-${message.mail}`;
  if (message.type === 'retract') {
    event.waitUntil(self.registration.getNotifications({ tag })
      .then((shown) => shown.forEach((notification) => notification.close())));
    return;
  }
  const { title, body } = notice(message);
  event.waitUntil(self.registration.showNotification(title, {
    body, tag, renotify: false, icon: '/icons/icon-192.png',
    requireInteraction: message.importance === 'high',
    data: { url: message.url || `/terminal.html#${tag}`, mail: message.mail },
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data.url, self.location.origin).href;
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
    const open = windows.find((w) => new URL(w.url).pathname === '/terminal.html');
    if (open) return open.navigate(url).then((w) => (w || open).focus());
    return self.clients.openWindow(url);
  }));
});
