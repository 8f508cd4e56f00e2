'use strict';
// Alarms on this device (Web Push): the live view installs as an app, and the hub's notifications
// reach the phone or desktop even when no page is open. A notification's "Kvittera" opens the
// incident here and acknowledges it with the signed-in session; a refusal is shown, never hidden.
Object.assign(TEXT.sv, {
  pushEnable: 'Larm till den här enheten', pushActive: 'Larm till enheten: på',
  pushDenied: 'Aviseringar är blockerade för sidan i webbläsaren – tillåt dem i webbläsarens inställningar.',
  pushUnsupported: 'Den här webbläsaren kan inte ta emot larm (Web Push).',
  ackAsk: 'Kvittera larmet', acked: 'Larmet är kvitterat.', ackGone: 'Larmet finns inte eller syns inte för dig.'
});
Object.assign(TEXT.en, {
  pushEnable: 'Alarms to this device', pushActive: 'Alarms to this device: on',
  pushDenied: 'Notifications are blocked for this page – allow them in the browser settings.',
  pushUnsupported: 'This browser cannot receive alarms (Web Push).',
  ackAsk: 'Acknowledge the alarm', acked: 'The alarm is acknowledged.', ackGone: 'The alarm does not exist or is not yours to see.'
});

const pushSupported = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
const swReady = 'serviceWorker' in navigator
  ? navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).catch(() => null)
  : Promise.resolve(null);

function keyBytes(b64url) {
  const s = atob(b64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, c => c.charCodeAt(0));
}

function notice(text, failed) {
  const box = $('failure');
  box.textContent = text;
  box.classList.toggle('ok', !failed);
  box.hidden = false;
}

const DEVICE = 'vaktpost.device';

/** On only when this browser's subscription is a device of the signed-in user that the hub still sends to. */
async function pushState() {
  const reg = await swReady;
  const sub = reg && await reg.pushManager.getSubscription();
  const mine = JSON.parse(localStorage.getItem(DEVICE) || 'null');
  let on = false;
  if (sub && mine && mine.endpoint === sub.endpoint && mine.user === me.username && Notification.permission === 'granted') {
    const devices = await api('GET', '/api/push/devices');
    on = devices.some(d => d.id === mine.id && !d.expiredAt);
  }
  $('push').textContent = t(on ? 'pushActive' : 'pushEnable');
}

async function enablePush() {
  if (!pushSupported) { notice(t('pushUnsupported'), true); return; }
  if (await Notification.requestPermission() !== 'granted') { notice(t('pushDenied'), true); return; }
  const reg = await swReady;
  const {applicationServerKey} = await api('GET', '/api/push/key');
  const sub = await reg.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: keyBytes(applicationServerKey)});
  const json = sub.toJSON();
  const added = await api('POST', '/api/push/devices', {endpoint: json.endpoint, keys: json.keys, label: navigator.userAgent.slice(0, 80)});
  localStorage.setItem(DEVICE, JSON.stringify({id: added.id, endpoint: json.endpoint, user: me.username}));
  await pushState();
}

/** Signing out of a shared computer: it stops getting this user's alarms. */
async function forgetDevice() {
  const mine = JSON.parse(localStorage.getItem(DEVICE) || 'null');
  if (!mine || !me || mine.user !== me.username) return;
  await api('DELETE', '/api/push/devices/' + encodeURIComponent(mine.id)).catch(() => {});
  const reg = await swReady;
  const sub = reg && await reg.pushManager.getSubscription();
  if (sub && sub.endpoint === mine.endpoint) await sub.unsubscribe();
  localStorage.removeItem(DEVICE);
}

// "#incident=ID&ack=1", from a notification's Kvittera: acknowledge once signed in, then show the result.
async function ackFromLink(hash) {
  const p = new URLSearchParams((hash || '').replace(/^#/, ''));
  const id = p.get('incident');
  if (!id || p.get('ack') !== '1' || !me) return;
  history.replaceState(null, '', '/#incident=' + encodeURIComponent(id));
  if (!window.confirm(t('ackAsk') + '?')) return;
  try {
    await api('POST', '/api/incidents/' + encodeURIComponent(id) + '/acknowledge', {});
    notice(t('acked'), false);
    await refresh();
  } catch (e) {
    notice(e.status === 404 ? t('ackGone') : t('actionFailed') + ': ' + (e.message || e), true);
  }
}

$('push').addEventListener('click', () => enablePush().catch(e => notice(t('actionFailed') + ': ' + (e.message || e), true)));
document.addEventListener('vaktpost:started', () => {
  $('push').hidden = !pushSupported;
  if (pushSupported) pushState();
  ackFromLink(location.hash);
});
window.addEventListener('hashchange', () => ackFromLink(location.hash));
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.addEventListener('message', ev => {
    if (ev.data && ev.data.open) { location.hash = ev.data.open.replace(/^\/?#/, ''); }
  });
}
