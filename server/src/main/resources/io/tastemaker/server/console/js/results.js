// The test panel's answer: the ranked table with item metadata, promotions and reasons, the score
// chart and the raw JSON. Actions (GetActionRecommendations) are shown the same way, by action id.
import { h } from './dom.js';
import { scoreChart } from './charts.js';
import { note } from './ui.js';
import { pretty } from './format.js';

const MAX_FIELDS = 4;

/** Up to four metadata fields, names and titles first, timestamps last. */
export function pickFields(fields) {
  const rank = (f) => (/^(TITLE|NAME|ITEM_NAME|PRODUCT_NAME)$/i.test(f) ? 0 : /TITLE|NAME/i.test(f) ? 1 : /TIMESTAMP/i.test(f) ? 3 : 2);
  return [...(fields || [])].map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .slice(0, MAX_FIELDS).map((x) => x.f);
}

function metaCell(field, value) {
  const text = value === undefined || value === null ? '' : String(value);
  return h('td', { class: 'meta', 'data-field': field }, h('span', { class: 'ellipsis', title: text || null }, text));
}

function scoreCell(item, markUnscored) {
  if (typeof item.score === 'number') {
    return h('td', { class: 'score num', 'data-score': String(item.score), title: String(item.score) }, Number(item.score).toPrecision(4));
  }
  return h('td', { class: 'score num' }, markUnscored ? 'unscored' : '—');
}

function rowClass(item, markUnscored) {
  const classes = [];
  if (item.promotionName) classes.push('promoted');
  if (typeof item.score !== 'number') classes.push(markUnscored ? 'unscored' : 'no-score');
  return classes.length ? classes.join(' ') : null;
}

/** Why an item is there besides relevance: its promotion's name and its reasons, as tags. */
function reasonCell(item) {
  return h('td', { class: 'reason', 'data-reason': (item.reason || []).join('|') || null, 'data-promotion': item.promotionName || null },
    item.promotionName ? h('span', { class: 'tag promotion', title: 'promotionName' }, item.promotionName) : null,
    (item.reason || []).map((r) => h('span', { class: 'tag' }, r)));
}

/** The raw exchange, one click away. */
export function rawToggle(path, request, response) {
  const pre = h('pre', { class: 'json raw', 'data-testid': 'raw-json', hidden: true }, pretty({ request, response }));
  const caption = h('p', { class: 'raw-caption', hidden: true }, `POST ${path}: the request body as sent and the response body as received.`);
  const button = h('button', {
    type: 'button', class: 'link-button', 'data-testid': 'show-raw', 'aria-expanded': 'false',
    onclick: () => {
      const show = pre.hidden;
      pre.hidden = !show;
      caption.hidden = !show;
      button.textContent = show ? 'Hide raw JSON' : 'Show raw JSON';
      button.setAttribute('aria-expanded', String(show));
    },
  }, 'Show raw JSON');
  return h('div', { class: 'raw-box' }, button, caption, pre);
}

/**
 * items as returned (scored first, a ranking's unknown items last); meta from /console/api/items,
 * or the metadata columns the request asked for (meta.asked: all of them are shown); ranking marks
 * score-less items "unscored" (the model never saw them); rowAction(item), when given, fills a last
 * cell in each row (the Record event button); noun names what the rows are ('item' or 'action').
 */
export function resultsView({ items, meta, ranking, path, request, response, rowAction, noun = 'item' }) {
  const fields = meta.asked ? meta.fields : pickFields(meta.fields);
  const reasons = items.some((i) => i.promotionName || (i.reason && i.reason.length));
  const anyScore = items.some((i) => typeof i.score === 'number');
  const markUnscored = ranking || anyScore;
  const titleField = fields.find((f) => /TITLE|NAME/i.test(f));
  const chart = scoreChart(items.map((item) => ({
    itemId: item.itemId, score: item.score, label: titleField ? meta.items?.[item.itemId]?.[titleField] : undefined,
  })));
  const unscored = items.filter((i) => typeof i.score !== 'number').length;
  return h('div', { class: 'results' },
    h('div', { class: 'results-head' },
      h('h3', null, `${items.length} ${noun}${items.length === 1 ? '' : 's'}`),
      response.recommendationId ? h('span', { class: 'muted' }, 'recommendationId ', h('code', { class: 'mono' }, response.recommendationId)) : null),
    items.length ? null : note(`No ${noun}s came back. A filter may have excluded every candidate.`),
    h('div', { class: 'results-body' },
      h('div', { class: 'table-wrap' },
        h('table', { class: 'grid results-table', 'data-testid': 'results' },
          h('thead', null, h('tr', null,
            h('th', { class: 'rank num' }, 'Rank'), h('th', { class: 'item-id' }, noun === 'action' ? 'Action ID' : 'Item ID'),
            fields.map((f) => h('th', { class: 'meta', title: f }, f)),
            h('th', { class: 'score num' }, 'Score'),
            reasons ? h('th', { class: 'reason' }, 'Why') : null,
            rowAction ? h('th', { class: 'row-action' }, h('span', { class: 'visually-hidden' }, 'Actions')) : null)),
          h('tbody', null, items.map((item, i) => h('tr', { 'data-item-id': item.itemId, class: rowClass(item, markUnscored) },
            h('td', { class: 'rank num' }, String(i + 1)),
            h('td', { class: 'item-id' }, item.itemId),
            fields.map((f) => metaCell(f, meta.items?.[item.itemId]?.[f])),
            scoreCell(item, markUnscored),
            reasons ? reasonCell(item) : null,
            rowAction ? h('td', { class: 'row-action' }, rowAction(item)) : null))))),
      chart ? h('div', { class: 'chart-box' }, h('h4', null, 'Scores'), chart) : null),
    !anyScore && items.length > 0 && !ranking
      ? h('p', { class: 'note info', 'data-testid': 'no-scores' }, 'Note: this recipe returns no scores; items come in rank order.') : null,
    ranking && unscored ? note(`${unscored} item${unscored === 1 ? '' : 's'} the model never saw in training: listed last, unscored.`, 'info') : null,
    items.some((i) => i.promotionName) ? note(`${items.filter((i) => i.promotionName).length} promoted item(s), placed among the others by relevance.`, 'info') : null,
    rawToggle(path, request, response));
}
