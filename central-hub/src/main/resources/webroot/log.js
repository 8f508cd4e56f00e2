'use strict';
// The incident log, the reports and the action plan in the web view. The hub decides every right
// again; the page only hides what the role cannot use. User data only ever goes in via textContent.
Object.assign(TEXT.sv, {
  log: 'Händelselogg', from: 'Från', to: 'Till', category: 'Kategori', status: 'Status', theme: 'Tema',
  themes: 'Teman (kommaseparerade)', overdueOnly: 'Bara försenade uppföljningar', search: 'Sök',
  exportCsv: 'Exportera CSV', when: 'Tidpunkt', step: 'Steg', followUp: 'Uppföljning', register: 'Registrera händelse',
  severity: 'Allvarlighet', description: 'Beskrivning (inga namn)', registered: 'Händelsen är registrerad.',
  all: 'Alla', reports: 'Rapporter', reportKind: 'Rapport', yearly: 'Årlig uppföljning av säkerhetsarbetet',
  weekly: 'Veckosammanställning (fredag)', year: 'År', weekEnding: 'Veckans sista dag', language: 'Språk',
  openHtml: 'Öppna (utskriftsvänlig)', downloadPdf: 'Ladda ned PDF', downloadCsv: 'Ladda ned CSV (zip)',
  plan: 'Uppföljning av handlingsplan', unit: 'Enhet', focus: 'Fokusområde', activity: 'Aktivitet', goal: 'Mål',
  followUpText: 'Uppföljning', addRow: 'Lägg till rad', save: 'Spara', remove: 'Ta bort', organisation: 'Hela organisationen',
  saved: 'Sparat.', drillMark: 'övning'
});
Object.assign(TEXT.en, {
  log: 'Incident log', from: 'From', to: 'To', category: 'Category', status: 'Status', theme: 'Theme',
  themes: 'Themes (comma separated)', overdueOnly: 'Overdue follow-ups only', search: 'Search',
  exportCsv: 'Export CSV', when: 'Time', step: 'Step', followUp: 'Follow-up', register: 'Register incident',
  severity: 'Severity', description: 'Description (no names)', registered: 'The incident was registered.',
  all: 'All', reports: 'Reports', reportKind: 'Report', yearly: 'Yearly follow-up of the safety work',
  weekly: 'Weekly summary (Friday)', year: 'Year', weekEnding: 'Last day of the week', language: 'Language',
  openHtml: 'Open (printable)', downloadPdf: 'Download PDF', downloadCsv: 'Download CSV (zip)',
  plan: 'Action plan follow-up', unit: 'Unit', focus: 'Focus area', activity: 'Activity', goal: 'Goal',
  followUpText: 'Follow-up', addRow: 'Add row', save: 'Save', remove: 'Remove', organisation: 'Whole organisation',
  saved: 'Saved.', drillMark: 'drill'
});

let logSites = [];
const label = item => item[lang] || item.id;
const option = (value, text) => { const o = el('option', null, text); o.value = value; return o; };

function fillSelect(select, options, withAll) {
  const keep = select.value;
  select.replaceChildren(...(withAll ? [option('', t('all'))] : []), ...options);
  if ([...select.options].some(o => o.value === keep)) select.value = keep;
}

function localDate(d) {
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

async function renderLog() {
  const shown = !!me;
  $('log').hidden = !shown; $('reports').hidden = !shown;
  if (!shown) return;
  logSites = await api('GET', '/api/sites');
  const siteOptions = () => logSites.map(s => option(s.id, s.name || s.id));
  fillSelect(document.querySelector('#log-filter [name=site]'), siteOptions(), me.role !== 'RECEPTION');
  fillSelect(document.querySelector('#register [name=site]'), siteOptions(), false);
  fillSelect(document.querySelector('#report-form [name=site]'), siteOptions(), me.role !== 'RECEPTION');
  fillSelect(document.querySelector('#log-filter [name=category]'), CONFIG.categories.map(c => option(c.id, label(c))), true);
  fillSelect(document.querySelector('#register [name=category]'),
    CONFIG.categories.filter(c => c.manual).map(c => option(c.id, label(c))), false);
  fillSelect(document.querySelector('#log-filter [name=status]'), CONFIG.statuses.map(s => option(s.id, label(s))), true);
  const form = $('report-form');
  if (!form.year.value) form.year.value = new Date().getFullYear() - 1;
  if (!form.weekEnding.value) {
    const d = new Date(); d.setDate(d.getDate() - ((d.getDay() + 2) % 7)); // the latest Friday
    form.weekEnding.value = localDate(d);
  }
  form.lang.value = lang;
  reportLinks();
  $('plan-add').hidden = me.role !== 'ADMIN';
  fillSelect(document.querySelector('#plan-add [name=site]'), [option('', t('organisation')), ...siteOptions()], false);
  await Promise.all([searchLog(), renderPlan()]);
}

function filterQuery() {
  const f = new FormData($('log-filter'));
  const q = new URLSearchParams();
  for (const k of ['site', 'from', 'to', 'category', 'status', 'theme']) if (f.get(k)) q.set(k, f.get(k));
  if (f.get('overdue')) q.set('overdue', 'true');
  q.set('lang', lang);
  return q;
}

async function searchLog() {
  const q = filterQuery();
  $('log-csv').href = '/api/log.csv?' + q;
  q.set('limit', '200');
  const rows = await api('GET', '/api/log?' + q);
  const today = localDate(new Date());
  const cat = id => label(CONFIG.categories.find(c => c.id === id) || {id});
  const status = id => label(CONFIG.statuses.find(s => s.id === id) || {id});
  $('log-table').tBodies[0].replaceChildren(...rows.map(r => {
    const tr = el('tr', r.followUpOn && r.followUpOn < today && r.status !== 'CLOSED' ? 'overdue' : null);
    tr.dataset.id = r.id;
    const site = logSites.find(s => s.id === r.site);
    for (const v of [new Date(r.openedAt).toLocaleString(lang), site ? site.name : r.site,
      cat(r.category) + (r.drill ? ' (' + t('drillMark') + ')' : ''), status(r.status), r.ladderStep ?? '',
      r.followUpOn ?? '', (r.themes || []).join(', ')]) tr.append(el('td', null, v));
    return tr;
  }));
}

function reportLinks() {
  const f = new FormData($('report-form'));
  const kind = f.get('kind');
  const q = new URLSearchParams();
  if (kind === 'yearly') q.set('year', f.get('year')); else q.set('weekEnding', f.get('weekEnding'));
  if (f.get('site')) q.set('site', f.get('site'));
  q.set('lang', f.get('lang'));
  const base = '/api/reports/' + kind + '?' + q;
  $('report-html').href = base + '&format=html';
  $('report-pdf').href = base + '&format=pdf';
  $('report-csv').href = base + '&format=csv';
  $('report-form').year.closest('label').hidden = kind !== 'yearly';
  $('report-form').weekEnding.closest('label').hidden = kind !== 'weekly';
}

// Only the newest call draws: an older answer that arrives late (page load, a change of year and
// an added row each render) must not replace the rows, and what was typed into them, with stale ones.
let planRenders = 0;
async function renderPlan() {
  const mine = ++planRenders;
  const year = $('report-form').year.value;
  const rows = await api('GET', '/api/action-plan?year=' + encodeURIComponent(year));
  if (mine !== planRenders) return;
  $('plan-table').tBodies[0].replaceChildren(...rows.map(p => {
    const tr = el('tr');
    tr.dataset.id = p.id;
    const site = logSites.find(s => s.id === p.site);
    tr.append(el('td', null, p.site ? (site ? site.name : p.site) : t('organisation')), el('td', null, p.focusArea),
      el('td', null, p.activity), el('td', null, p.goal));
    const follow = el('td');
    const actions = el('td');
    if (me.role === 'ADMIN') {
      const input = el('input');
      input.name = 'followUp'; input.value = p.followUp; input.maxLength = 2000;
      follow.append(input);
      actions.append(button(t('save'), 'save-plan', async () => {
        await api('POST', '/api/action-plan/' + p.id, {...p, followUp: input.value});
        $('plan-msg').textContent = t('saved');
      }), button(t('remove'), 'remove-plan', async () => {
        await api('DELETE', '/api/action-plan/' + p.id); await renderPlan();
      }));
    } else {
      follow.textContent = p.followUp;
    }
    tr.append(follow, actions);
    return tr;
  }));
}

$('log-filter').addEventListener('submit', ev => { ev.preventDefault(); searchLog(); });
$('report-form').addEventListener('change', ev => { reportLinks(); if (ev.target.name === 'year') renderPlan(); });
$('register').addEventListener('submit', async ev => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  const themes = String(f.get('themes') || '').split(',').map(s => s.trim()).filter(Boolean);
  try {
    await api('POST', '/api/log', {site: f.get('site'), category: f.get('category'), severity: Number(f.get('severity')),
      step: Number(f.get('step')), description: f.get('description'), themes});
    ev.target.description.value = ''; ev.target.themes.value = '';
    $('register-msg').textContent = t('registered');
    await searchLog();
  } catch (e) {
    $('register-msg').textContent = e.message;
  }
});
$('plan-add').addEventListener('submit', async ev => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  try {
    await api('POST', '/api/action-plan', {year: Number($('report-form').year.value), site: f.get('site') || null,
      focusArea: f.get('focusArea'), activity: f.get('activity'), goal: f.get('goal'), followUp: f.get('followUp')});
    ev.target.reset();
    await renderPlan();
  } catch (e) {
    $('plan-msg').textContent = e.message;
  }
});
