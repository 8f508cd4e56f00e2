'use strict';
// A school's staff page: with the school's invitation link (the token is the part after '#', never
// sent in a URL), a phone subscribes to the school's lockdown alerts without an account.
const TEXT = {
  sv: {
    what: 'Få skolans larm om inrymning och övningar som aviseringar på den här telefonen. Inget konto behövs; '
      + 'skolan kan ta bort telefonen när som helst.',
    join: 'Ta emot skolans larm', leave: 'Sluta ta emot larm', joined: 'Klart. Den här telefonen får larm från ',
    left: 'Telefonen får inga fler larm från skolan.', invalid: 'Länken gäller inte (längre). Be skolan om en ny.',
    denied: 'Aviseringar är blockerade – tillåt dem för sidan i webbläsarens inställningar och försök igen.',
    unsupported: 'Den här webbläsaren kan inte ta emot larm. På iPhone: lägg först till sidan på hemskärmen.',
    failed: 'Det gick inte: ', lang: 'English'
  },
  en: {
    what: "Receive the school's lockdown and drill alerts as notifications on this phone. No account needed; "
      + 'the school can remove the phone at any time.',
    join: "Receive the school's alerts", leave: 'Stop receiving alerts', joined: 'Done. This phone receives alerts from ',
    left: 'This phone will receive no more alerts from the school.', invalid: 'This link is not valid (any more). Ask the school for a new one.',
    denied: 'Notifications are blocked – allow them for this page in the browser settings and try again.',
    unsupported: 'This browser cannot receive alerts. On an iPhone, add the page to the home screen first.',
    failed: 'That did not work: ', lang: 'Svenska'
  }
};
let lang = (navigator.language || 'sv').startsWith('sv') ? 'sv' : 'en';
const t = k => TEXT[lang][k];
const $ = id => document.getElementById(id);
const invitation = location.hash.replace(/^#/, '');
let siteName = '';

function csrf() {
  const m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : '';
}

async function post(path, body) {
  if (!csrf()) await fetch('/api/session', {credentials: 'same-origin'}); // hands out the CSRF cookie
  const res = await fetch(path, {method: 'POST', credentials: 'same-origin',
    headers: {'content-type': 'application/json', 'X-XSRF-TOKEN': csrf()}, body: JSON.stringify(body)});
  const data = res.headers.get('content-type')?.startsWith('application/json') ? await res.json() : null;
  if (!res.ok) throw Object.assign(new Error(data?.error || res.statusText), {status: res.status});
  return data;
}

function show(text) { $('result').textContent = text; }

function render() {
  document.documentElement.lang = lang;
  $('what').textContent = t('what');
  $('join').textContent = t('join');
  $('leave').textContent = t('leave');
  $('lang').textContent = t('lang');
  $('school').textContent = siteName;
}

const supported = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
const ready = supported ? navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready) : null;

async function load() {
  render();
  try {
    const inv = await post('/api/staff/invitation', {invitation});
    siteName = inv.siteName;
    render();
    if (!supported) { show(t('unsupported')); return; }
    $('join').hidden = false;
    const sub = await (await ready).pushManager.getSubscription();
    $('leave').hidden = !sub;
    window.applicationServerKey = inv.applicationServerKey;
  } catch (e) {
    show(e.status === 404 ? t('invalid') : t('failed') + e.message);
  }
}

$('join').addEventListener('click', async () => {
  try {
    if (await Notification.requestPermission() !== 'granted') { show(t('denied')); return; }
    const key = Uint8Array.from(atob(window.applicationServerKey.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));
    const sub = await (await ready).pushManager.subscribe({userVisibleOnly: true, applicationServerKey: key});
    const json = sub.toJSON();
    await post('/api/staff/devices', {invitation, endpoint: json.endpoint, keys: json.keys, label: navigator.userAgent.slice(0, 80)});
    $('leave').hidden = false;
    show(t('joined') + siteName + '.');
  } catch (e) {
    show(e.status === 404 ? t('invalid') : t('failed') + e.message);
  }
});

$('leave').addEventListener('click', async () => {
  try {
    const sub = await (await ready).pushManager.getSubscription();
    if (sub) {
      // the phone leaves even when the school has renewed or revoked the link meanwhile
      await post('/api/staff/leave', {endpoint: sub.endpoint}).catch(() => {});
      await sub.unsubscribe();
    }
    $('leave').hidden = true;
    show(t('left'));
  } catch (e) {
    show(t('failed') + e.message);
  }
});

$('lang').addEventListener('click', () => { lang = lang === 'sv' ? 'en' : 'sv'; render(); });
load();
