'use strict';
// The schools' board: most severe first (a real lockdown or silent alarm, then drills, then tamper
// and offline panels, then the rest), searchable and filterable, each school's detail opened on
// demand (all open when there are only a few). A live update rebuilds only the schools whose state
// changed, moves a card only when the order changed, and gives the focus back where it was.
Object.assign(TEXT.sv, {
  searchSchool: 'Sök skola', filterAll: 'Alla skolor', filterAlarm: 'Larm och inrymning',
  filterTrouble: 'Sabotage, frånkopplade paneler', filterNormal: 'Normalt läge', panelsOnline: 'paneler online',
  showDetail: 'Visa detaljer', boardSummary: '{a} med larm · {t} med fel · {n} normalt', noMatch: 'Ingen skola matchar.',
  staffAlerts: 'Personalens larm i mobilen', staffNew: 'Ny inbjudningslänk', staffRevoke: 'Återkalla länken',
  staffNone: 'Ingen telefon är ansluten.', staffHint: 'Dela länken eller QR-koden med skolans personal; den visas bara nu. '
    + 'En ny länk gör den gamla ogiltig.', staffActive: 'Aktiv länk skapad', staffNoLink: 'Ingen aktiv länk.',
  removeDevice: 'Ta bort', openAlarm: 'OKVITTERAT LARM', tamperOpen: 'SABOTAGE', givenAtHub: 'startad i Vaktpost'
});
Object.assign(TEXT.en, {
  searchSchool: 'Search school', filterAll: 'All schools', filterAlarm: 'Alarm and lockdown',
  filterTrouble: 'Tamper, offline panels', filterNormal: 'Normal', panelsOnline: 'panels online',
  showDetail: 'Show details', boardSummary: '{a} alarming · {t} with faults · {n} normal', noMatch: 'No school matches.',
  staffAlerts: "Staff alerts on phones", staffNew: 'New invitation link', staffRevoke: 'Revoke the link',
  staffNone: 'No phone has joined.', staffHint: "Share the link or QR code with the school's staff; it is shown only now. "
    + 'A new link makes the old one invalid.', staffActive: 'Active link made', staffNoLink: 'No active link.',
  removeDevice: 'Remove', openAlarm: 'UNACKNOWLEDGED ALARM', tamperOpen: 'TAMPER', givenAtHub: 'given in Vaktpost'
});

const board = {els: new Map(), sigs: new Map(), open: new Set(), staff: new Map(), filter: 'all', query: '', sites: []};

function siteName(id) {
  const s = board.sites.find(x => x.id === id);
  return s ? (s.name || s.id) : id;
}

/** 0: real lockdown or unacknowledged silent alarm; 1: drill; 2: tamper, offline or skewed panels; 3: normal. */
function severity(s, alarm, tamper) {
  if ((s.mode === 'LOCKDOWN' && !s.drill) || alarm.has(s.id)) return 0;
  if (s.mode === 'LOCKDOWN') return 1;
  if (tamper.has(s.id) || s.panels.some(p => !p.online || p.clockSkewed || p.clockSynced === false)) return 2;
  return 3;
}

function renderSites(sites, incidents) {
  board.sites = sites;
  const unanswered = kind => new Set(incidents.filter(i => i.kind === kind && !i.closedAt && !i.acknowledgedAt).map(i => i.site));
  const alarm = me.role === 'RECEPTION' ? new Set() : unanswered('ALARM'); // never flag a silent alarm on its own school's screen
  const tamper = unanswered('TAMPER');
  const few = sites.length <= 6;
  const ranked = sites.map(s => ({s, sev: severity(s, alarm, tamper)}))
    .sort((a, b) => a.sev - b.sev || (a.s.name || a.s.id).localeCompare(b.s.name || b.s.id, lang));
  const box = $('sites');
  const focused = document.activeElement;
  const focusKey = focused && focused.dataset ? focused.dataset.focus : null;
  const live = new Set(sites.map(s => s.id));
  for (const [id, card] of board.els) if (!live.has(id)) { card.remove(); board.els.delete(id); board.sigs.delete(id); }
  ranked.forEach(({s, sev}, index) => {
    const open = few || board.open.has(s.id);
    let card = board.els.get(s.id);
    if (!card) { card = el('article'); board.els.set(s.id, card); }
    const sig = JSON.stringify([s, sev, open, lang, me.username, alarm.has(s.id), tamper.has(s.id)]);
    if (board.sigs.get(s.id) !== sig) {
      const hadFocus = card.contains(focused);
      fillSite(card, s, sev, open, alarm.has(s.id), tamper.has(s.id));
      board.sigs.set(s.id, sig);
      if (hadFocus && focusKey) card.querySelector('[data-focus="' + focusKey + '"]')?.focus({preventScroll: true});
    }
    card.hidden = !matches(s, sev);
    if (box.children[index] !== card) box.insertBefore(card, box.children[index] || null);
  });
  if (focused && focused !== document.activeElement && document.contains(focused)) focused.focus({preventScroll: true});
  const count = n => ranked.filter(r => r.sev === n).length;
  $('board-summary').textContent = t('boardSummary').replace('{a}', count(0) + count(1)).replace('{t}', count(2))
    .replace('{n}', count(3));
  $('board-empty').hidden = ranked.some(r => matches(r.s, r.sev));
  $('board-tools').hidden = sites.length <= 1;
}

function matches(s, sev) {
  const q = board.query.trim().toLocaleLowerCase(lang);
  if (q && !(s.name || '').toLocaleLowerCase(lang).includes(q) && !s.id.includes(q)) return false;
  return board.filter === 'all' || (board.filter === 'alarm' && sev <= 1) || (board.filter === 'trouble' && sev === 2)
    || (board.filter === 'normal' && sev === 3);
}

function fillSite(card, s, sev, open, alarm, tamper) {
  const mode = s.mode === 'LOCKDOWN' ? (s.drill ? 'DRILL' : 'LOCKDOWN') : 'NORMAL';
  card.className = 'site ' + mode.toLowerCase() + ' sev' + sev + (open ? ' open' : '');
  card.dataset.site = s.id;
  const online = s.panels.filter(p => p.online).length;
  const head = el('button', 'site-head');
  head.type = 'button'; head.dataset.focus = 'toggle';
  head.setAttribute('aria-expanded', String(open));
  head.title = t('showDetail');
  head.append(el('h3', null, s.name || s.id), el('span', 'mode', t(mode)),
    el('span', 'summary', online + '/' + s.panels.length + ' ' + t('panelsOnline')));
  if (alarm) head.append(el('span', 'flag alarm', t('openAlarm')));
  if (tamper) head.append(el('span', 'flag', t('tamperOpen')));
  head.addEventListener('click', () => {
    if (board.open.has(s.id)) board.open.delete(s.id); else board.open.add(s.id);
    board.sigs.delete(s.id);
    renderSites(board.sites, lastIncidents);
  });
  const parts = [head];
  if (open) parts.push(panelList(s), siteActions(s), ...(may('staff', s.id) ? [staffBox(s)] : []));
  card.replaceChildren(...parts);
}

/** "3 d 4 h", "2 h 5 min", "40 s": how long a panel has run, as it last said. */
function uptime(seconds) {
  const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60);
  if (d > 0) return d + ' d ' + h + ' h';
  if (h > 0) return h + ' h ' + m + ' min';
  return m > 0 ? m + ' min' : seconds + ' s';
}

function panelList(s) {
  const panels = el('ul', 'panels');
  s.panels.forEach(p => {
    const li = el('li', 'panel' + (p.online ? '' : ' offline'), (p.name || p.id) + ' – ' + t(p.online ? 'online' : 'offline'));
    if (p.lastSeen) li.title = t('lastSeen') + ' ' + new Date(p.lastSeen).toLocaleString(lang);
    if (p.clockSkewed) {
      li.classList.add('clock-skewed');
      li.append(el('span', 'clock', ' – ' + t('clockOff') + ' ' + offset(p.clockOffsetMs)));
    }
    if (p.clockSynced === false) li.append(el('span', 'clock', ' – ' + t('clockUnsynced')));
    if (p.outbox > 0) li.append(el('span', 'outbox', ' – ' + t('outboxWaiting').replace('{n}', p.outbox)));
    if (p.version) li.append(el('span', 'panel-health', ' · ' + p.version + ' · ' + t('upFor') + ' ' + uptime(p.uptimeS)));
    panels.append(li);
  });
  return panels;
}

function siteActions(s) {
  const actions = el('div', 'actions');
  if (s.mode === 'NORMAL' && may('lockdown', s.id)) actions.append(button(t('lockdown'), 'lockdown', () => act(s, 'lockdown', false)));
  if (s.mode === 'NORMAL' && me.role !== 'RECEPTION') actions.append(button(t('drill'), 'drill', () => act(s, 'lockdown', true)));
  if (s.mode === 'LOCKDOWN' && me.role !== 'RECEPTION') actions.append(button(t('allClear'), 'all-clear', () => act(s, 'all-clear')));
  actions.querySelectorAll('button').forEach(b => { b.dataset.focus = b.dataset.action; });
  return actions;
}

/** A panel clock's offset from the hub's, e.g. "−2 h 0 min" or "+56 år" for a clock in the far past or future. */
function offset(ms) {
  if (ms === null || ms === undefined) return '';
  const sign = ms < 0 ? '−' : '+';
  const min = Math.round(Math.abs(ms) / 60000);
  if (min >= 60 * 24 * 365) return sign + Math.floor(min / (60 * 24 * 365)) + (lang === 'sv' ? ' år' : ' years');
  if (min >= 60 * 24) return sign + Math.floor(min / (60 * 24)) + (lang === 'sv' ? ' d' : ' days');
  return sign + Math.floor(min / 60) + ' h ' + (min % 60) + ' min';
}

async function act(site, what, drill) {
  const question = (what === 'all-clear' ? t('confirmAllClear') : t('confirmLockdown')) + ' ' + (site.name || site.id) + '?';
  if (!window.confirm(question)) return;
  await api('POST', '/api/sites/' + encodeURIComponent(site.id) + '/' + what, drill ? {drill: true} : {});
  await refresh();
}

/** The school's staff alerts: kept across re-renders, so an open box and a shown link survive live updates. */
function staffBox(s) {
  let box = board.staff.get(s.id);
  if (box) return box;
  box = el('details', 'staff');
  const summary = el('summary', null, t('staffAlerts'));
  const body = el('div');
  box.append(summary, body);
  box.addEventListener('toggle', () => { if (box.open) loadStaff(s, body); });
  board.staff.set(s.id, box);
  return box;
}

async function loadStaff(s, body) {
  const base = '/api/sites/' + encodeURIComponent(s.id) + '/staff';
  const info = await api('GET', base);
  const status = el('p', null, info.invitation
    ? t('staffActive') + ' ' + new Date(info.invitation.createdAt).toLocaleString(lang) : t('staffNoLink'));
  const shown = el('div', 'staff-link');
  const make = button(t('staffNew'), 'staff-new', async () => {
    const made = await api('POST', base + '/invitation', {});
    const link = el('a', null, made.link); link.href = made.link;
    const qr = el('img', 'qr'); qr.alt = made.link;
    qr.src = 'data:image/svg+xml;base64,' + btoa(made.qrSvg);
    shown.replaceChildren(el('p', null, t('staffHint')), link, qr);
  });
  const revoke = button(t('staffRevoke'), 'staff-revoke', async () => { await api('DELETE', base + '/invitation'); loadStaff(s, body); });
  const list = el('ul', 'devices');
  info.devices.forEach(d => {
    const li = el('li', null, (d.label || d.id) + ' · ' + new Date(d.createdAt).toLocaleDateString(lang));
    li.append(button(t('removeDevice'), 'staff-remove', async () => {
      await api('DELETE', base + '/devices/' + encodeURIComponent(d.id)); loadStaff(s, body);
    }));
    list.append(li);
  });
  if (!info.devices.length) list.append(el('li', null, t('staffNone')));
  body.replaceChildren(status, make, revoke, shown, list);
}

$('site-search').addEventListener('input', ev => { board.query = ev.target.value; renderSites(board.sites, lastIncidents); });
$('site-filter').addEventListener('change', ev => { board.filter = ev.target.value; renderSites(board.sites, lastIncidents); });
/** Signed out or another user: nothing of the last board stays. */
function resetBoard() {
  board.els.clear(); board.sigs.clear(); board.staff.clear(); board.open.clear();
  $('sites').replaceChildren();
}

/** The search and filter in the page's language (called by translate). */
function boardTools() {
  const filter = $('site-filter');
  filter.replaceChildren(...['all', 'alarm', 'trouble', 'normal'].map(v => {
    const o = el('option', null, t('filter' + v[0].toUpperCase() + v.slice(1))); o.value = v; return o;
  }));
  filter.value = board.filter;
  filter.setAttribute('aria-label', t('filterAll'));
  $('site-search').placeholder = t('searchSchool');
  $('site-search').setAttribute('aria-label', t('searchSchool'));
}
