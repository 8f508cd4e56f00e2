'use strict';
// Vaktpost live view. User data is only ever put into the page with textContent.
const TEXT = {
  sv: {
    enableSound: 'Aktivera ljud', soundOn: 'Ljud på', logout: 'Logga ut', signIn: 'Logga in',
    menu: 'Meny', username: 'Användarnamn', password: 'Lösenord', sites: 'Skolor', incidents: 'Händelser',
    connectionLost: 'Live-anslutningen är bruten – visar senast kända läge och försöker återansluta …',
    NORMAL: 'Normalt läge', LOCKDOWN: 'INRYMNING', DRILL: 'INRYMNINGSÖVNING', online: 'online', offline: 'FRÅNKOPPLAD',
    lockdown: 'Starta inrymning', drill: 'Starta övning', allClear: 'Faran över', acknowledge: 'Kvittera',
    acknowledged: 'Kvitterad av', overdue: 'EJ KVITTERAD', addNote: 'Lägg till anteckning', note: 'Anteckning',
    opened: 'Öppnad', closed: 'Avslutad', newAlarm: 'NYTT LARM', confirmLockdown: 'Starta inrymning för',
    actionFailed: 'Åtgärden misslyckades', signedOut: 'Du är utloggad – logga in igen.',
    confirmAllClear: 'Ge faran över för', soundHint: 'Klicka på "Aktivera ljud" för larmsignal i webbläsaren.',
    LOCKDOWN_kind: 'Inrymning', ALARM_kind: 'Tyst larm', TAMPER_kind: 'Sabotage', PANEL_OFFLINE_kind: 'Panel frånkopplad',
    expired: 'Sessionen har gått ut. Logga in igen.',
    lastSeen: 'senast', wrongLogin: 'Fel användarnamn eller lösenord.', tooMany: 'För många försök – vänta några minuter.',
    clockOff: 'klockan går fel', clockUnsynced: 'klockan är inte synkroniserad (NTP)',
    outboxWaiting: '{n} tryckning(ar) väntar på navet', upFor: 'igång', uncertain: 'Ordningen kunde inte avgöras (panelen startade om) – låst av säkerhetsskäl, kontrollera',
    interrupted: 'Övningen avbröts av ett skarpt larm',
    notifications: 'Aviseringar', SENT: 'skickade', PENDING: 'väntar', SENDING: 'skickas', FAILED: 'misslyckade (försöker igen)',
    GAVE_UP: 'gick inte fram', CANCELLED: 'skickades inte (inaktuella)'
  },
  en: {
    enableSound: 'Enable sound', soundOn: 'Sound on', logout: 'Sign out', signIn: 'Sign in',
    menu: 'Menu', username: 'User name', password: 'Password', sites: 'Schools', incidents: 'Incidents',
    connectionLost: 'Live connection lost – showing the last known state and reconnecting …',
    NORMAL: 'Normal', LOCKDOWN: 'LOCKDOWN', DRILL: 'LOCKDOWN DRILL', online: 'online', offline: 'OFFLINE',
    lockdown: 'Start lockdown', drill: 'Start drill', allClear: 'All clear', acknowledge: 'Acknowledge',
    acknowledged: 'Acknowledged by', overdue: 'NOT ACKNOWLEDGED', addNote: 'Add note', note: 'Note',
    opened: 'Opened', closed: 'Closed', newAlarm: 'NEW ALARM', confirmLockdown: 'Start lockdown at',
    actionFailed: 'The action failed', signedOut: 'You are signed out – sign in again.',
    confirmAllClear: 'Give the all-clear at', soundHint: 'Click "Enable sound" for an audible alert.',
    LOCKDOWN_kind: 'Lockdown', ALARM_kind: 'Silent alarm', TAMPER_kind: 'Tamper', PANEL_OFFLINE_kind: 'Panel offline',
    expired: 'Your session has ended. Please sign in again.',
    lastSeen: 'last seen', wrongLogin: 'Wrong user name or password.', tooMany: 'Too many attempts – wait a few minutes.',
    clockOff: 'clock is off', clockUnsynced: 'clock not synchronised (NTP)',
    outboxWaiting: '{n} press(es) waiting for the hub', upFor: 'up', uncertain: 'Order could not be told (the panel restarted) – locked to be safe, please check',
    interrupted: 'The drill was interrupted by a real alarm',
    notifications: 'Notifications', SENT: 'sent', PENDING: 'waiting', SENDING: 'sending', FAILED: 'failed (retrying)',
    GAVE_UP: 'could not be delivered', CANCELLED: 'not sent (out of date)'
  }
};
let ESCALATE_AFTER_MS = 60_000; // replaced by the hub's setting on sign-in
// A read the hub does not answer (a frozen hub, a phone between networks) is given up after this,
// so the refreshes queued behind it go on. An action is never given up on: it may have been done.
let READ_TIMEOUT_MS = 10_000;
let CONFIG = {categories: [], statuses: []};
let lang = localStorage.getItem('vaktpost.lang') || 'sv';
let me = null;
let seen = null;
let audio = null;
let live = null;
let lastIncidents = [];
const t = key => TEXT[lang][key] || key;
const $ = id => document.getElementById(id);

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function csrf() {
  const m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : '';
}

async function api(method, path, body, retried) {
  const res = await fetch(path, {
    method, credentials: 'same-origin',
    headers: method === 'GET' ? {} : {'content-type': 'application/json', 'X-XSRF-TOKEN': csrf()},
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: method === 'GET' ? AbortSignal.timeout(READ_TIMEOUT_MS) : undefined
  });
  const data = res.headers.get('content-type')?.startsWith('application/json') ? await res.json() : null;
  if (res.status === 403 && method !== 'GET' && !retried) {
    // a CSRF token that outlived itself: fetch a fresh one (any GET hands it out) and try once more
    await fetch('/api/session', {credentials: 'same-origin'});
    return api(method, path, body, true);
  }
  if (!res.ok) throw Object.assign(new Error(data?.error || res.statusText), {status: res.status});
  if (method !== 'GET') $('failure').hidden = true;
  return data;
}

// A failed action is never silent: whatever a click could not do is shown until the next success.
window.addEventListener('unhandledrejection', ev => {
  const e = ev.reason || {};
  const box = $('failure');
  box.classList.remove('ok');
  if (e.status === 401 && me) { box.textContent = t('signedOut'); me = null; showLogin(); }
  else box.textContent = t('actionFailed') + ': ' + (e.message || String(e));
  box.hidden = false;
});

function translate() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  $('lang').textContent = lang === 'sv' ? 'English' : 'Svenska';
  if (audio) $('sound').textContent = t('soundOn');
  boardTools();
}

async function boot() {
  translate();
  const s = await api('GET', '/api/session');
  if (s.user) start(s.user);
  else if (s.pending) { showLogin(); secondStep(s.pending.secondFactor, s.pending.passkey); }
  else showLogin();
}

function showLogin() {
  for (const id of ['second-factor', 'enrol', 'recovery']) $(id).hidden = true;
  $('login').hidden = false; $('app').hidden = true; $('logout').hidden = true; $('who').textContent = '';
  $('passkey-add').hidden = true; $('push').hidden = true; $('control-room').hidden = true; $('takeover').hidden = true;
  $('admin').hidden = true; $('log').hidden = true; $('reports').hidden = true;
  $('alert').hidden = true;
  resetBoard(); resetIncidents(); lastIncidents = []; seen = null;
}

async function start(user) {
  me = user;
  for (const id of ['second-factor', 'enrol', 'recovery']) $(id).hidden = true;
  $('login').hidden = true; $('app').hidden = false; $('logout').hidden = false;
  $('passkey-add').hidden = !window.PublicKeyCredential;
  $('who').textContent = user.username + ' (' + user.role.toLowerCase() + (user.site ? ', ' + user.site : '') + ')';
  const config = await api('GET', '/api/config');
  ESCALATE_AFTER_MS = config.acknowledgeWithinSeconds * 1000;
  CONFIG = config;
  connect();
  await refresh();
  await renderAdmin();
  await renderLog();
  document.dispatchEvent(new CustomEvent('vaktpost:started'));
}

function connect() {
  if (live) live.close();
  live = new EventSource('/api/live');
  live.addEventListener('hello', () => { $('connection').hidden = true; refresh(); });
  live.addEventListener('changed', () => refresh());
  // the hub ended the stream: the password was changed, the account disabled or the token revoked
  live.addEventListener('signed-out', () => { live.close(); probe(); });
  live.onerror = () => {
    $('connection').hidden = false;
    // A refused stream (401 after a hub restart ends the session) is not retried by the browser.
    if (live.readyState === EventSource.CLOSED) setTimeout(probe, 2000);
  };
}

async function probe() {
  try {
    const s = await api('GET', '/api/session');
    if (s.user) { connect(); } else { expired(); }
  } catch (e) {
    setTimeout(probe, 2000);
  }
}

function expired() {
  if (live) live.close();
  $('connection').hidden = true;
  me = null;
  showLogin();
  $('login-error').textContent = t('expired');
}

// One refresh at a time, in the order asked: two in flight could answer out of order and paint an
// older state (a school still locked) over a newer one until the next change. Calls made while one
// runs share the one run queued after it, which reads the state after every one of those calls.
// A run that failed does not stop the ones after it.
let refreshRunning = Promise.resolve();
let refreshQueued = null;
function refresh() {
  if (!refreshQueued) {
    refreshQueued = refreshRunning.catch(() => {}).then(() => { refreshQueued = null; return refreshOnce(); });
    refreshRunning = refreshQueued;
  }
  return refreshQueued;
}

async function refreshOnce() {
  try {
    const [sites, incidents] = await Promise.all([api('GET', '/api/sites'), api('GET', '/api/incidents?limit=50')]);
    if (!me) return; // signed out meanwhile: nothing of the answer may show on the sign-in page
    lastIncidents = incidents;
    renderSites(sites, incidents);
    renderIncidents(incidents);
    if (live && live.readyState === EventSource.OPEN) $('connection').hidden = true; // after a read that failed
  } catch (e) {
    if (e.status === 401) { expired(); } else { $('connection').hidden = false; }
  }
}

function may(action, site) {
  if (!me) return false;
  if (me.role === 'ADMIN') return true;
  if (me.role === 'SECURITY') return true;
  return (action === 'lockdown' || action === 'staff') && me.site === site;
}

function button(label, name, onClick) {
  const b = el('button', null, label);
  b.type = 'button'; b.dataset.action = name; b.addEventListener('click', onClick);
  return b;
}

function beep() {
  if (!audio) return;
  const o = audio.createOscillator(); const g = audio.createGain();
  o.frequency.value = 880; o.connect(g); g.connect(audio.destination);
  g.gain.setValueAtTime(0.3, audio.currentTime); o.start(); o.stop(audio.currentTime + 0.6);
}

$('sound').addEventListener('click', () => {
  audio = audio || new (window.AudioContext || window.webkitAudioContext)();
  audio.resume(); $('sound').textContent = t('soundOn'); beep();
});
$('lang').addEventListener('click', () => {
  lang = lang === 'sv' ? 'en' : 'sv'; localStorage.setItem('vaktpost.lang', lang); translate();
  if (me) { refresh(); renderLog(); }
});
$('logout').addEventListener('click', async () => {
  if (typeof forgetDevice === 'function') await forgetDevice().catch(() => {});
  await api('POST', '/api/logout', {}); if (live) live.close(); me = null; seen = null; showLogin();
});
// On a phone the header's less urgent buttons fold away behind "Meny".
$('menu-toggle').addEventListener('click', () => {
  const open = document.querySelector('header').classList.toggle('menu-open');
  $('menu-toggle').setAttribute('aria-expanded', String(open));
});
// Escalation: an unacknowledged alarm repeats its alert and is marked overdue.
setInterval(() => { if (me && lastIncidents.length) renderIncidents(lastIncidents); }, 15_000);
// After every script of the page has run (admin.js adds its texts).
document.addEventListener('DOMContentLoaded', boot);
