'use strict';
// Administration in the live view: add users, stop and restart their access. Shown to admins
// only; the hub checks the role again on every request. User data only ever goes in via textContent.
Object.assign(TEXT.sv, {
  users: 'Användare', addUser: 'Lägg till användare', role: 'Roll', site: 'Skola', disable: 'Stäng av',
  enable: 'Aktivera', disabled: 'avstängd', active: 'aktiv', added: 'Användaren är tillagd.',
  exists: 'Det användarnamnet finns redan.', invalid: 'Kontrollera uppgifterna',
  reception: 'Reception', security: 'Säkerhetsenhet', admin: 'Administratör'
});
Object.assign(TEXT.en, {
  users: 'Users', addUser: 'Add user', role: 'Role', site: 'School', disable: 'Disable',
  enable: 'Enable', disabled: 'disabled', active: 'active', added: 'The user was added.',
  exists: 'That user name is taken.', invalid: 'Please check the details',
  reception: 'Reception', security: 'Security unit', admin: 'Administrator'
});

async function renderAdmin() {
  const box = $('admin');
  box.hidden = !me || me.role !== 'ADMIN';
  if (box.hidden) return;
  const [users, sites] = await Promise.all([api('GET', '/api/users'), api('GET', '/api/sites')]);
  $('users').replaceChildren(...users.map(u => {
    const li = el('li', 'user' + (u.disabled ? ' disabled' : ''), u.username + ' – ' + t(u.role.toLowerCase())
      + (u.site ? ', ' + u.site : '') + ' – ' + t(u.disabled ? 'disabled' : 'active') + ' ');
    li.dataset.user = u.username;
    if (u.username !== me.username) {
      const what = u.disabled ? 'enable' : 'disable';
      li.append(button(t(what), what, async () => {
        await api('POST', '/api/users/' + encodeURIComponent(u.username) + '/disabled', {disabled: !u.disabled});
        await renderAdmin();
      }));
      li.append(button(t('resetFactor'), 'reset-factor', async () => {
        try {
          await api('POST', '/api/users/' + encodeURIComponent(u.username) + '/second-factor/reset', {});
          $('admin-msg').textContent = t('factorReset');
        } catch (e) {
          $('admin-msg').textContent = e.message;
        }
      }));
    }
    return li;
  }));
  const select = document.querySelector('#add-user select[name=site]');
  select.replaceChildren(...sites.map(s => { const o = el('option', null, s.name || s.id); o.value = s.id; return o; }));
}

$('add-user').addEventListener('submit', async ev => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  const body = {username: f.get('username'), role: f.get('role'), password: f.get('password')};
  if (body.role === 'reception') body.site = f.get('site');
  try {
    await api('POST', '/api/users', body);
    ev.target.reset();
    $('admin-msg').textContent = t('added');
    await renderAdmin();
  } catch (e) {
    $('admin-msg').textContent = e.status === 409 ? t('exists') : t('invalid') + ': ' + e.message;
  }
});
