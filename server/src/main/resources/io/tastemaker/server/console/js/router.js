// Hash routes "#/<page>/<encoded ARN>": renders the page into a fresh view and marks the body ready.
import { h } from './dom.js';
import { errorBox } from './ui.js';

const pages = new Map();
let current = null;
let guard = () => null;

/** Registers a page: render({arg, view, signal}) may be async; the body is ready when it resolves. */
export function page(name, render) {
  pages.set(name, render);
}

/** guard(route) returns a hash to go to instead, or null. */
export function setGuard(fn) {
  guard = fn;
}

export function parse(hash) {
  const path = String(hash || '').replace(/^#\/?/, '');
  const slash = path.indexOf('/');
  const name = slash < 0 ? path : path.slice(0, slash);
  let arg = null;
  if (slash >= 0) {
    try {
      arg = decodeURIComponent(path.slice(slash + 1));
    } catch {
      arg = path.slice(slash + 1);
    }
  }
  return { name, arg };
}

/** Goes to a hash, rendering again when it is the current one (no hashchange fires then). */
export function go(hash) {
  if (location.hash === hash || (hash === '#/' && !location.hash)) render();
  else location.hash = hash;
}

/** Runs work while the body is marked not ready, so tests can wait for the answer. */
export async function busy(signal, work) {
  document.body.dataset.ready = 'false';
  try {
    return await work();
  } finally {
    if (!signal.aborted) document.body.dataset.ready = 'true';
  }
}

async function render() {
  if (current) current.controller.abort();
  const me = { controller: new AbortController() };
  current = me;
  document.body.dataset.ready = 'false';
  const route = parse(location.hash);
  const redirect = guard(route);
  if (redirect && redirect !== location.hash) {
    location.hash = redirect;
    return;
  }
  const view = h('div', { class: 'view' });
  document.getElementById('main').replaceChildren(view);
  window.scrollTo(0, 0);
  const show = pages.get(route.name) || pages.get('*');
  try {
    await show({ arg: route.arg, view, signal: me.controller.signal });
  } catch (e) {
    if (me !== current) return;
    console.error(e);
    view.append(errorBox(e));
  }
  if (me === current) document.body.dataset.ready = 'true';
}

export function start() {
  window.addEventListener('hashchange', render);
  render();
}
