'use strict';
// Signing in: the password, then (for roles that need it, or anyone enrolled) a code from an
// authenticator app or a recovery code; someone who must have a second factor and has none
// enrols one first. The hub decides every step; the page only shows the one it is told.
Object.assign(TEXT.sv, {
  secondFactor: 'Tvåstegsverifiering', code: 'Kod',
  secondFactorHint: 'Skriv koden från din autentiseringsapp (eller en oanvänd reservkod).',
  verify: 'Verifiera', wrongCode: 'Fel kod – använd den senaste koden i appen.',
  enrolTitle: 'Aktivera tvåstegsverifiering',
  enrolHint: 'Din roll loggar in med två steg. Skanna QR-koden med en autentiseringsapp och skriv koden den visar.',
  enrolSecret: 'Eller skriv in nyckeln:', enrolConfirm: 'Aktivera',
  enrolWrong: 'Koden stämmer inte – kontrollera att telefonens tid är rätt och skriv den senaste koden.',
  recoveryTitle: 'Reservkoder', continue: 'Fortsätt',
  recoveryHint: 'Spara koderna på ett säkert ställe. Varje kod fungerar en gång om telefonen försvinner. De visas bara nu.',
  recoveryLeft: 'Reservkod använd. Kvar:', resetFactor: 'Återställ tvåstegsverifiering',
  factorReset: 'Tvåstegsverifieringen är återställd; användaren aktiverar den igen vid nästa inloggning.',
  usePasskey: 'Använd nyckel (passkey)', addPasskey: 'Lägg till nyckel (passkey)',
  passkeyAdded: 'Nyckeln är tillagd. Du kan logga in med den i stället för koden.',
  passkeyFailed: 'Nyckeln kunde inte användas'
});
Object.assign(TEXT.en, {
  secondFactor: 'Two-step verification', code: 'Code',
  secondFactorHint: 'Type the code from your authenticator app (or an unused recovery code).',
  verify: 'Verify', wrongCode: 'Wrong code – use the newest code in the app.',
  enrolTitle: 'Set up two-step verification',
  enrolHint: 'Your role signs in with two steps. Scan the QR code with an authenticator app and type the code it shows.',
  enrolSecret: 'Or type the key:', enrolConfirm: 'Turn on',
  enrolWrong: 'The code does not match – check that the phone\'s time is right and type the newest code.',
  recoveryTitle: 'Recovery codes', continue: 'Continue',
  recoveryHint: 'Keep these codes somewhere safe. Each works once if the phone is lost. They are shown only now.',
  recoveryLeft: 'Recovery code used. Left:', resetFactor: 'Reset two-step verification',
  factorReset: 'Two-step verification was reset; the user sets it up again at their next sign-in.',
  usePasskey: 'Use a passkey', addPasskey: 'Add a passkey',
  passkeyAdded: 'The passkey was added. You can sign in with it instead of the code.',
  passkeyFailed: 'The passkey could not be used'
});

// WebAuthn's binary fields travel as base64url.
const b64u = {
  enc: buf => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
  dec: s => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - s.length % 4) % 4)),
    c => c.charCodeAt(0))
};

/** Shows the step the hub asked for after the password: 'verify' or 'enrol'. */
async function secondStep(need, passkey) {
  $('login').hidden = true;
  if (need === 'verify') {
    $('second-factor').hidden = false;
    $('passkey-use').hidden = !(passkey && window.PublicKeyCredential);
    $('second-factor').elements.code.focus();
    return;
  }
  const e = await api('GET', '/api/second-factor/enrolment');
  $('enrol-secret').textContent = e.secret.replace(/(.{4})/g, '$1 ').trim();
  $('enrol-qr').src = e.qr + '?t=' + Date.now();
  $('enrol').hidden = false;
  $('enrol').elements.code.focus();
}

$('login').addEventListener('submit', async ev => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  try {
    const r = await api('POST', '/api/login', {username: f.get('username'), password: f.get('password')});
    $('login-error').textContent = '';
    ev.target.reset();
    if (r.secondFactor) {
      // the password was right: a failure from here on is not a wrong password, and says what it is
      try { await secondStep(r.secondFactor, r.passkey); } catch (e) { showLogin(); $('login-error').textContent = e.message; }
      return;
    }
    const s = await api('GET', '/api/session');
    start(s.user);
  } catch (e) {
    $('login-error').textContent = e.status === 429 ? t('tooMany') : t('wrongLogin');
  }
});

$('second-factor').addEventListener('submit', async ev => {
  ev.preventDefault();
  const code = new FormData(ev.target).get('code');
  try {
    const r = await api('POST', '/api/login/second-factor', {code});
    ev.target.reset();
    $('second-factor-error').textContent = '';
    await api('GET', '/api/session'); // the signed-in session's CSRF cookie
    if (r.recoveryCodesLeft !== undefined) {
      $('failure').textContent = t('recoveryLeft') + ' ' + r.recoveryCodesLeft;
      $('failure').hidden = false;
    }
    start(r.user);
  } catch (e) {
    if (e.status === 401 && !/code/.test(e.message)) { showLogin(); $('login-error').textContent = t('expired'); return; }
    $('second-factor-error').textContent = e.status === 429 ? t('tooMany') : t('wrongCode');
  }
});

$('enrol').addEventListener('submit', async ev => {
  ev.preventDefault();
  const code = new FormData(ev.target).get('code');
  try {
    const r = await api('POST', '/api/second-factor/enrolment', {code});
    ev.target.reset();
    $('enrol-error').textContent = '';
    $('enrol').hidden = true;
    $('recovery-codes').replaceChildren(...r.recoveryCodes.map(c => el('li', null, c)));
    $('recovery').hidden = false;
    $('recovery-done').onclick = async () => {
      $('recovery-codes').replaceChildren();
      await api('GET', '/api/session');
      start(r.user);
    };
  } catch (e) {
    // the 5 minutes after the password ran out: back to the password, saying so
    if (e.status === 401) { showLogin(); $('login-error').textContent = t('expired'); return; }
    $('enrol-error').textContent = e.status === 429 ? t('tooMany') : t('enrolWrong');
  }
});

$('passkey-use').addEventListener('click', async () => {
  try {
    const o = await api('POST', '/api/login/passkey/options', {});
    const cred = await navigator.credentials.get({publicKey: {
      challenge: b64u.dec(o.challenge), rpId: o.rpId, timeout: o.timeout, userVerification: o.userVerification,
      allowCredentials: o.allowCredentials.map(c => ({type: c.type, id: b64u.dec(c.id)}))}});
    const r = await api('POST', '/api/login/passkey', {
      id: b64u.enc(cred.rawId), clientDataJSON: b64u.enc(cred.response.clientDataJSON),
      authenticatorData: b64u.enc(cred.response.authenticatorData), signature: b64u.enc(cred.response.signature),
      userHandle: cred.response.userHandle ? b64u.enc(cred.response.userHandle) : null});
    $('second-factor-error').textContent = '';
    await api('GET', '/api/session');
    start(r.user);
  } catch (e) {
    $('second-factor-error').textContent = t('passkeyFailed') + ': ' + (e.message || e);
  }
});

$('passkey-add').addEventListener('click', async () => {
  const o = await api('POST', '/api/second-factor/passkeys/options', {});
  const cred = await navigator.credentials.create({publicKey: {
    challenge: b64u.dec(o.challenge), rp: o.rp, timeout: o.timeout, attestation: o.attestation,
    user: {id: b64u.dec(o.user.id), name: o.user.name, displayName: o.user.displayName},
    pubKeyCredParams: o.pubKeyCredParams, authenticatorSelection: o.authenticatorSelection,
    excludeCredentials: o.excludeCredentials.map(c => ({type: c.type, id: b64u.dec(c.id)}))}});
  await api('POST', '/api/second-factor/passkeys', {
    clientDataJSON: b64u.enc(cred.response.clientDataJSON), attestationObject: b64u.enc(cred.response.attestationObject),
    label: navigator.platform || 'passkey'});
  await api('GET', '/api/session');
  $('failure').hidden = true;
  $('passkey-add').textContent = t('passkeyAdded');
  setTimeout(() => { $('passkey-add').textContent = t('addPasskey'); }, 8000);
});
