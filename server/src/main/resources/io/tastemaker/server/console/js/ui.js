// Shared page pieces: status badges, progress bars, tables, detail lists, cards, error boxes.
import { h } from './dom.js';
import { isBusy, pretty } from './format.js';

/** How far a job is, from its `progress` member when present: {fraction (0..1 or null), text}. */
export function progressOf(progress) {
  if (progress === undefined || progress === null) return null;
  if (typeof progress === 'number') {
    const fraction = progress > 1 ? progress / 100 : progress;
    return { fraction, text: `${Math.round(fraction * 100)}%` };
  }
  if (typeof progress === 'object' && typeof progress.percentDone === 'number') {
    const percent = progress.percentDone;
    return { fraction: percent / 100, text: `${percent}%${progress.message ? ` · ${progress.message}` : ''}` };
  }
  if (typeof progress === 'object') {
    const { filesDone, files, linesDone } = progress;
    const fraction = typeof progress.fraction === 'number' ? progress.fraction
      : typeof progress.percent === 'number' ? progress.percent / 100
        : files ? filesDone / files : null;
    const parts = files !== undefined ? [`${filesDone ?? 0} of ${files} file${files === 1 ? '' : 's'}`] : [];
    if (linesDone !== undefined) parts.push(`${Number(linesDone).toLocaleString()} lines`);
    if (progress.rowsDone !== undefined) parts.push(`${Number(progress.rowsDone).toLocaleString()} rows`);
    const text = parts.length ? parts.join(', ') : Object.entries(progress).map(([k, v]) => `${k} ${v}`).join(', ');
    return { fraction, text };
  }
  return { fraction: null, text: String(progress) };
}

export function progressBar(progress) {
  const p = progressOf(progress);
  const known = p && p.fraction !== null && Number.isFinite(p.fraction);
  const width = known ? `${Math.max(2, Math.min(100, p.fraction * 100)).toFixed(1)}%` : null;
  return h('span', { class: 'progress' },
    h('span', { class: ['progress-track', known ? '' : 'indeterminate'] },
      h('span', { class: 'progress-fill', style: width ? `width:${width}` : null })),
    p ? h('span', { class: 'progress-text' }, p.text) : null);
}

/** A status badge; while in progress an amber badge with a progress bar beside it. */
export function badge(status, progress, attrs = {}) {
  const kind = status === 'ACTIVE' ? 'ok' : /FAILED/.test(status || '') ? 'bad' : isBusy(status) ? 'busy' : 'neutral';
  const el = h('span', { class: ['badge', kind], ...attrs }, status || 'UNKNOWN');
  return isBusy(status) ? h('span', { class: 'status-line' }, el, progressBar(progress)) : el;
}

/**
 * A table: columns are {label, cell(row) -> node|string, class}. Rows get data-arn when rowKey is
 * given. An empty list shows a note below the (empty) table so row counts stay exact.
 */
export function table(testid, columns, rows, { empty = 'None yet.', rowAttrs } = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'grid', 'data-testid': testid },
      h('thead', null, h('tr', null, columns.map((c) => h('th', { class: c.class }, c.label)))),
      h('tbody', null, rows.map((row) => h('tr', rowAttrs ? rowAttrs(row) : null,
        columns.map((c) => h('td', { class: c.class }, c.cell(row))))))),
    rows.length ? null : h('p', { class: 'empty' }, empty));
}

/** A definition list of [label, value] pairs; pairs with undefined values are skipped. */
export function details(pairs, { columns = 1 } = {}) {
  return h('dl', { class: ['details', columns === 2 ? 'two' : ''] }, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([label, value]) => [h('dt', null, label), h('dd', null, value)]));
}

export function card(title, ...children) {
  return h('section', { class: 'card' }, title ? h('h2', null, title) : null, ...children);
}

/** The page's kind and title; actions (a Delete button, say) sit at its right. */
export function pageHeader(kind, title, ...actions) {
  return h('header', { class: 'page-header' },
    h('div', { class: 'titles' }, kind ? h('div', { class: 'kind' }, kind) : null, h('h1', null, title)),
    actions.length ? h('div', { class: 'page-actions' }, actions) : null);
}

export function link(text, hash) {
  return h('a', { href: hash }, text);
}

export function mono(text) {
  return h('code', { class: 'mono' }, text);
}

export function jsonBlock(value) {
  return h('pre', { class: 'json' }, typeof value === 'string' ? value : pretty(value));
}

/** The API's error: its type and its message, in full. */
export function errorBox(error) {
  const type = error && error.type ? error.type : 'Error';
  const message = error && error.message ? error.message : String(error);
  return h('div', { class: 'error', role: 'alert', 'data-testid': 'error' },
    h('strong', null, type), ' ', h('span', { class: 'error-message' }, message));
}

export function note(text, cls = '') {
  return h('p', { class: ['note', cls] }, text);
}

/** A failure reason shown whole, wrapping, never truncated. */
export function reason(text) {
  return text ? h('span', { class: 'reason' }, text) : '—';
}
