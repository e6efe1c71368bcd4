// The login page: an access key pair from the server's credentials file starts a console session.
import { h, fill } from '../dom.js';
import { login } from '../api.js';
import { session, updateSession } from '../session.js';
import { go } from '../router.js';
import { setCrumbs } from '../layout.js';
import { errorBox, note } from '../ui.js';

export function loginPage({ view }) {
  setCrumbs(['Sign in', '']);
  const errorSlot = h('div');
  const keyId = h('input', { id: 'login-key', name: 'accessKeyId', type: 'text', autocomplete: 'username', required: true, spellcheck: 'false' });
  const secret = h('input', { id: 'login-secret', name: 'secretAccessKey', type: 'password', autocomplete: 'current-password', required: true });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', {
    class: 'login-form', 'data-testid': 'login', novalidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      fill(errorSlot);
      button.disabled = true;
      document.body.dataset.ready = 'false';
      try {
        const answer = await login(keyId.value.trim(), secret.value);
        updateSession({ signedIn: true, accessKeyId: answer.accessKeyId || keyId.value.trim() });
        const target = session.returnTo && !session.returnTo.startsWith('#/login') ? session.returnTo : '#/';
        go(target);
      } catch (e) {
        fill(errorSlot, errorBox(e));
        document.body.dataset.ready = 'true';
      } finally {
        button.disabled = false;
      }
    },
  },
  h('h1', null, 'Sign in'),
  note('This server checks access keys. Use a key pair from its credentials file, the same one your AWS SDK or CLI signs with.', 'muted'),
  h('div', { class: 'field' }, h('label', { for: keyId.id }, 'Access key ID'), keyId),
  h('div', { class: 'field' }, h('label', { for: secret.id }, 'Secret access key'), secret),
  h('div', { class: 'actions' }, button),
  errorSlot);
  view.append(h('div', { class: 'login-card card' }, form));
  keyId.focus();
}
