// The page frame: breadcrumb and the signed-in user with "Sign out" in the top bar.
import { h, fill } from './dom.js';
import { session } from './session.js';

/** crumbs: [label, hash] pairs; the last one is the current page and is not a link. */
export function setCrumbs(...crumbs) {
  const nav = document.getElementById('crumbs');
  const all = [['Dataset groups', '#/'], ...crumbs];
  fill(nav, all.map(([label, hash], i) => {
    const last = i === all.length - 1;
    return h('span', { class: 'crumb' }, last ? h('span', { 'aria-current': 'page' }, label) : h('a', { href: hash }, label));
  }));
  document.title = `${all[all.length - 1][0]} · Tastemaker console`;
}

export function renderUser(onSignOut) {
  const box = document.getElementById('user');
  if (!session.signedIn) {
    fill(box);
    return;
  }
  fill(box,
    h('span', { class: 'who', title: 'Signed in with this access key' }, session.accessKeyId || 'signed in'),
    h('a', { href: '#/login', class: 'sign-out', 'data-testid': 'sign-out', onclick: (e) => { e.preventDefault(); onSignOut(); } }, 'Sign out'));
}
