'use strict';
// Vaktpost service worker: shows the hub's Web Push alarms when no page is open, and opens the
// incident when tapped; "Kvittera" opens it and acknowledges it there, signed in. It caches
// nothing: an alarm console must never show a stale state as if it were live.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(self.clients.claim()));

self.addEventListener('push', event => {
  let data;
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = {title: 'Vaktpost', body: event.data ? event.data.text() : ''};
  }
  const url = '/#incident=' + encodeURIComponent(data.incident || '');
  const english = /^(EXERCISE|Silent|Lockdown|Tamper|All clear|Not ack|Drill)/.test(data.title || '');
  event.waitUntil(self.registration.showNotification(data.title || 'Vaktpost', {
    body: data.body || '',
    tag: data.tag || undefined,
    renotify: true,
    requireInteraction: true,
    timestamp: Date.parse(data.at) || Date.now(),
    icon: '/icon-192.png',
    data: {url: url, incident: data.incident || null},
    actions: data.incident ? [{action: 'ack', title: english ? 'Acknowledge' : 'Kvittera'}] : []
  }));
});

self.addEventListener('notificationclick', event => {
  event.notification.close();
  const d = event.notification.data || {};
  const url = (d.url || '/') + (event.action === 'ack' ? '&ack=1' : '');
  event.waitUntil(self.clients.matchAll({type: 'window', includeUncontrolled: true}).then(list => {
    for (const c of list) {
      if (new URL(c.url).origin === self.location.origin) {
        c.postMessage({open: url});
        return c.focus();
      }
    }
    return self.clients.openWindow(url);
  }));
});
