'use strict';
// The incidents: the alert for a new or overdue alarm, and one entry per incident naming its
// school. Live updates patch each entry in place: its summary when it changed, its checklist,
// notes and notifications as lists; the note being typed and the focus are never touched.
const incidentEls = new Map(); // id -> {li, sig, head, notify, checklist, noteList, loaded, asked, shown}

function renderIncidents(incidents) {
  alertFor(incidents);
  const list = $('incidents');
  const focused = document.activeElement;
  const ids = new Set(incidents.map(i => i.id));
  for (const [id, e] of incidentEls) if (!ids.has(id)) { e.li.remove(); incidentEls.delete(id); }
  incidents.forEach((i, index) => {
    let e = incidentEls.get(i.id);
    if (!e) { e = createIncident(i); incidentEls.set(i.id, e); }
    const sig = JSON.stringify([i, lang, siteName(i.site), lateness(i)]);
    if (e.sig !== sig) { fillHead(e, i); e.sig = sig; }
    if (me.role !== 'RECEPTION' && (!i.closedAt || !e.loaded)) { loadDetails(e, i); e.loaded = true; }
    if (list.children[index] !== e.li) list.insertBefore(e.li, list.children[index] || null);
  });
  if (focused && focused !== document.activeElement && document.contains(focused)) focused.focus({preventScroll: true});
}

/** The panel's name from the registry; "hub" is an act given in Vaktpost itself. */
function panelName(site, panel) {
  if (panel === 'hub') return t('givenAtHub');
  const s = board.sites.find(x => x.id === site);
  const p = s && s.panels.find(x => x.id === panel);
  return p ? (p.name || p.id) : panel;
}

function lateness(i) {
  return !i.closedAt && !i.acknowledgedAt && (i.kind === 'LOCKDOWN' || i.kind === 'ALARM')
    && (!!i.escalatedAt || Date.now() - Date.parse(i.openedAt) > ESCALATE_AFTER_MS);
}

/** A new alarm (or one left unacknowledged too long) sounds and shows until someone acknowledges it. */
function alertFor(all) {
  // a school's own screen never sounds or shows its silent alarm: whoever threatens the reception may see it
  const incidents = me.role === 'RECEPTION' ? all.filter(i => i.kind !== 'ALARM') : all;
  const alarming = incidents.filter(i => (i.kind === 'LOCKDOWN' || i.kind === 'ALARM') && !i.acknowledgedAt && !i.closedAt);
  if (seen === null) seen = new Set(incidents.map(i => i.id));
  const fresh = incidents.filter(i => !seen.has(i.id) && (i.kind === 'LOCKDOWN' || i.kind === 'ALARM'));
  incidents.forEach(i => seen.add(i.id));
  const overdue = alarming.filter(lateness);
  if (fresh.length || overdue.length) {
    const i = fresh[0] || overdue[0];
    const text = t('newAlarm') + ': ' + t(i.kind + '_kind') + (i.drill ? ' (' + t('DRILL') + ')' : '') + ' – ' + siteName(i.site);
    $('alert').textContent = text + (audio ? '' : ' · ' + t('soundHint'));
    $('alert').hidden = false;
    beep();
    document.dispatchEvent(new CustomEvent('vaktpost:alarm', {detail: {incident: i, text}}));
  } else if (!alarming.length) {
    $('alert').hidden = true;
    document.dispatchEvent(new CustomEvent('vaktpost:quiet'));
  }
}

function createIncident(i) {
  const li = el('li', 'incident');
  li.dataset.incident = i.id;
  const e = {li, sig: null, head: el('div', 'incident-head'), notify: el('div', 'notifications'),
    checklist: el('ul', 'checklist'), noteList: el('ul'), loaded: false, asked: 0, shown: {}}; // shown: part -> {asked, sig}
  li.append(e.head);
  if (me.role !== 'RECEPTION') {
    const notes = el('div', 'notes');
    notes.append(e.noteList, noteForm(i.id));
    li.append(e.notify, e.checklist, notes);
  }
  return e;
}

function fillHead(e, i) {
  e.li.className = 'incident' + (i.closedAt ? '' : ' open') + (lateness(i) ? ' overdue' : '');
  const parts = [el('strong', null, t(i.kind + '_kind') + (i.drill ? ' – ' + t('DRILL') : '')),
    el('div', 'where', siteName(i.site) + (i.panel ? ' / ' + panelName(i.site, i.panel) : '')),
    el('div', null, t('opened') + ' ' + new Date(i.openedAt).toLocaleString(lang)
      + (i.closedAt ? ' · ' + t('closed') + ' ' + new Date(i.closedAt).toLocaleString(lang) : ''))];
  if (i.orderUncertain) parts.push(el('div', 'uncertain', t('uncertain')));
  if (i.interruptedAt) parts.push(el('div', 'interrupted', t('interrupted')));
  if (i.acknowledgedAt) {
    parts.push(el('div', null, t('acknowledged') + ' ' + i.acknowledgedBy + ' ' + new Date(i.acknowledgedAt).toLocaleTimeString(lang)));
  } else if (me.role !== 'RECEPTION') {
    const ack = button(t('acknowledge'), 'acknowledge', async () => {
      await api('POST', '/api/incidents/' + encodeURIComponent(i.id) + '/acknowledge', {});
      await refresh();
    });
    ack.dataset.focus = 'acknowledge';
    parts.push(ack);
  }
  const hadFocus = e.head.contains(document.activeElement);
  e.head.replaceChildren(...parts);
  if (hadFocus) (e.head.querySelector('button') || e.li.querySelector('input[name=note]'))?.focus({preventScroll: true});
}

function loadDetails(e, i) {
  const base = '/api/incidents/' + encodeURIComponent(i.id);
  const asked = ++e.asked;
  // Answers can come back out of order: one asked before a tick must never undo the tick on screen.
  const newest = (part, fill) => value => {
    const shown = e.shown[part] || {asked: 0, sig: null};
    if (shown.asked > asked) return;
    const sig = JSON.stringify([value, lang]);
    e.shown[part] = {asked, sig};
    if (shown.sig !== sig) fill(value); // unchanged: not redrawn, so a click in progress stays
  };
  // a detail that cannot be read says so on the incident (a delivery failure must never go unseen)
  api('GET', base + '/notifications').then(newest('notify', ds => fillNotifications(e.notify, ds)))
    .catch(err => newest('notify', () => e.notify.replaceChildren(el('div', 'notify-error',
      t('notifications') + ': ' + t('actionFailed') + ' – ' + err.message)))({error: err.message}));
  api('GET', base + '/checklist').then(newest('checklist', items => fillChecklist(e.checklist, i, items))).catch(() => {});
  api('GET', base + '/notes').then(newest('notes', ns => e.noteList.replaceChildren(...ns.map(n =>
    el('li', null, n.author + ' ' + new Date(n.at).toLocaleTimeString(lang) + ': ' + n.text))))).catch(() => {});
}

// Who was told and how it went; a failed message is shown with its reason, never hidden.
function fillNotifications(box, ds) {
  if (!ds.length) { box.replaceChildren(); return; }
  const counts = {};
  ds.forEach(d => { counts[d.status] = (counts[d.status] || 0) + 1; });
  const failed = ds.filter(d => d.status === 'FAILED' || d.status === 'GAVE_UP');
  box.replaceChildren(el('div', failed.length ? 'notify-summary failing' : 'notify-summary',
    t('notifications') + ': ' + Object.keys(counts).map(k => counts[k] + ' ' + t(k)).join(', ')),
  ...failed.slice(0, 5).map(d => el('div', 'notify-error', d.channel + ': ' + (d.error || ''))));
}

function fillChecklist(list, incident, items) {
  const focusedItem = list.contains(document.activeElement) ? document.activeElement.dataset.item : null;
  list.replaceChildren(...items.map(item => {
    const li = el('li');
    const box = el('input'); box.type = 'checkbox'; box.checked = !!item.doneAt; box.disabled = !!item.doneAt;
    box.dataset.item = item.index;
    box.addEventListener('change', async () => {
      // a tick the hub did not take must not stay ticked on screen (an unchanged list is not redrawn)
      try { await api('POST', '/api/incidents/' + encodeURIComponent(incident.id) + '/checklist/' + item.index, {}); }
      catch (err) { box.checked = false; throw err; }
      await refresh();
    });
    const label = el('label'); label.append(box, document.createTextNode(' ' + item.text
      + (item.doneAt ? ' – ' + item.doneBy + ' ' + new Date(item.doneAt).toLocaleTimeString(lang) : '')));
    li.append(label);
    return li;
  }));
  if (focusedItem !== null && focusedItem !== undefined) list.querySelector('[data-item="' + focusedItem + '"]')?.focus();
}

/** Made once per incident: what is being typed survives every live update. */
function noteForm(id) {
  const form = el('form');
  const input = el('input'); input.name = 'note'; input.placeholder = t('note'); input.maxLength = 2000;
  input.setAttribute('aria-label', t('note'));
  form.append(input, button(t('addNote'), 'note', () => form.requestSubmit()));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    if (!input.value.trim()) return;
    await api('POST', '/api/incidents/' + encodeURIComponent(id) + '/notes', {text: input.value});
    input.value = '';
    await refresh();
  });
  return form;
}

function resetIncidents() {
  incidentEls.clear();
  $('incidents').replaceChildren();
}
