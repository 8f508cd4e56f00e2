'use strict';
// Control-room mode, for a screen on a dedicated account through a shift (a session lasts 8 h): an
// alarm takes over the whole screen with sound until someone acknowledges it, the screen is kept
// awake, and a lost live link is said plainly, with the time it was lost, in large type.
Object.assign(TEXT.sv, {
  controlRoom: 'Kontrollrumsläge', controlRoomOn: 'Kontrollrumsläge: på', takeoverShow: 'Visa översikten',
  linkLostSince: 'LIVE-LÄNKEN ÄR BRUTEN sedan {t}. Nya larm syns inte på den här skärmen. Kontrollera nätverket.',
  updated: 'Senast uppdaterad', openedAt: 'Larmet kom'
});
Object.assign(TEXT.en, {
  controlRoom: 'Control-room mode', controlRoomOn: 'Control-room mode: on', takeoverShow: 'Show the overview',
  linkLostSince: 'THE LIVE LINK IS LOST since {t}. New alarms will not show on this screen. Check the network.',
  updated: 'Last updated', openedAt: 'Alarm raised'
});

const control = {on: localStorage.getItem('vaktpost.controlRoom') === '1', lock: null, repeat: null, lostAt: null, dismissed: null};

function applyControlRoom() {
  document.body.classList.toggle('control-room', control.on);
  $('control-room').setAttribute('aria-pressed', String(control.on));
  $('control-room').textContent = t(control.on ? 'controlRoomOn' : 'controlRoom');
  if (control.on && 'wakeLock' in navigator && !control.lock) {
    navigator.wakeLock.request('screen').then(l => { control.lock = l; l.addEventListener('release', () => { control.lock = null; }); })
      .catch(() => {});
  }
  if (!control.on) hideTakeover();
}

function hideTakeover() {
  $('takeover').hidden = true;
  clearInterval(control.repeat);
  control.repeat = null;
}

document.addEventListener('vaktpost:alarm', ev => {
  if (!control.on) return;
  const i = ev.detail.incident;
  if (control.dismissed === i.id && !$('takeover').hidden) return;
  $('takeover-text').textContent = ev.detail.text;
  $('takeover-when').textContent = t('openedAt') + ' ' + new Date(i.openedAt).toLocaleTimeString(lang);
  $('takeover-ack').hidden = me.role === 'RECEPTION';
  $('takeover-ack').onclick = async () => {
    await api('POST', '/api/incidents/' + encodeURIComponent(i.id) + '/acknowledge', {});
    hideTakeover();
    await refresh();
  };
  $('takeover-show').onclick = () => { control.dismissed = i.id; hideTakeover(); };
  if ($('takeover').hidden && control.dismissed !== i.id) {
    $('takeover').hidden = false;
    $('takeover-ack').hidden ? $('takeover-show').focus() : $('takeover-ack').focus();
    control.repeat = setInterval(beep, 2000);
  }
});
document.addEventListener('vaktpost:quiet', hideTakeover);

// The live link: the banner says since when it is lost; it is cleared by the next good refresh.
new MutationObserver(() => {
  const lost = !$('connection').hidden;
  if (lost && !control.lostAt) control.lostAt = new Date();
  if (!lost) control.lostAt = null;
}).observe($('connection'), {attributes: true, attributeFilter: ['hidden']});
setInterval(() => {
  if (control.lostAt) $('connection').textContent = t('linkLostSince').replace('{t}', control.lostAt.toLocaleTimeString(lang));
}, 1000);

$('control-room').addEventListener('click', () => {
  control.on = !control.on;
  localStorage.setItem('vaktpost.controlRoom', control.on ? '1' : '0');
  if (control.on && !audio) $('sound').click(); // this click is the gesture a browser wants before it plays sound
  applyControlRoom();
});
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible' && control.on) applyControlRoom(); });
document.addEventListener('vaktpost:started', () => {
  $('control-room').hidden = me.role === 'RECEPTION'; // the security unit's screens, not a school's
  if (me.role === 'RECEPTION') { control.on = false; }
  applyControlRoom();
});
