// The campaign test panel: the inputs the recipe needs, an optional filter, and the scored answer.
import { h, fill } from './dom.js';
import { control, listAll, runtime, itemMetadata, describeEach } from './api.js';
import { busy } from './router.js';
import { errorBox, note } from './ui.js';
import { lastSegment } from './format.js';
import { placeholders, filterValues } from './filter-values.js';
import { resultsView, rawToggle } from './results.js';
import { activeTracker, eventRecorder } from './event-recorder.js';

/** 'user' (GetRecommendations with userId), 'item' (with itemId) or 'ranking' (GetPersonalizedRanking). */
export async function recipeMode(recipeArn) {
  try {
    const type = (await control('DescribeRecipe', { recipeArn })).recipe?.recipeType;
    if (type === 'RELATED_ITEMS') return 'item';
    if (type === 'PERSONALIZED_RANKING') return 'ranking';
    if (type) return 'user';
  } catch (e) {
    console.warn('DescribeRecipe failed; choosing inputs by recipe name', e);
  }
  const name = lastSegment(recipeArn);
  if (/sims|similar/.test(name)) return 'item';
  if (/ranking/.test(name)) return 'ranking';
  return 'user';
}

/** The group's ACTIVE filters with their expressions (the list does not carry them). */
async function activeFilters(datasetGroupArn) {
  const all = await listAll('ListFilters', { datasetGroupArn }, 'Filters');
  return describeEach(all.filter((f) => f.status === 'ACTIVE'), async (f) => {
    const filter = (await control('DescribeFilter', { filterArn: f.filterArn })).filter;
    return { ...filter, placeholders: placeholders(filter.filterExpression) };
  });
}

function field(label, control, hint) {
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hint ? h('small', { class: 'hint' }, hint) : null);
}

function parseList(text) {
  return text.split(/[\n,]/).map((s) => s.trim()).filter((s) => s !== '');
}

/** "DEVICE=phone, LOCATION=home" -> {DEVICE: 'phone', LOCATION: 'home'}: the request's context. */
export function parseContext(text) {
  const context = {};
  for (const pair of parseList(text)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw { type: 'InvalidInput', message: `context must be FIELD=value pairs, got '${pair}'.` };
    context[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return context;
}

export async function testPanel({ campaign, version, signal }) {
  const groupArn = version.datasetGroupArn;
  const [mode, filters, tracker] = await Promise.all([recipeMode(version.recipeArn), activeFilters(groupArn),
    activeTracker(groupArn).catch((e) => { console.warn('event trackers unavailable', e); return null; })]);
  const ranking = mode === 'ranking';
  const userId = h('input', { id: 't-user', name: 'userId', type: 'text', autocomplete: 'off', placeholder: 'user id' });
  const itemId = h('input', { id: 't-item', name: 'itemId', type: 'text', autocomplete: 'off', placeholder: 'item id' });
  const inputList = h('textarea', { id: 't-list', name: 'inputList', rows: 5, spellcheck: 'false', placeholder: 'item-0001\nitem-0002\nitem-0003' });
  const context = h('input', { id: 't-context', name: 'context', type: 'text', autocomplete: 'off', placeholder: 'DEVICE=phone' });
  const numResults = h('input', { id: 't-num', name: 'numResults', type: 'number', min: 1, max: 500, step: 1, value: 25 });
  const placeholderBox = h('div', { class: 'placeholders' });
  const filterSelect = h('select', { id: 't-filter', name: 'filterArn', onchange: () => showPlaceholders() },
    h('option', { value: '' }, 'No filter'), filters.map((f) => h('option', { value: f.filterArn }, f.name)));
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'get-recommendations' }, ranking ? 'Get ranking' : 'Get recommendations');
  const output = h('div', { class: 'test-output', 'aria-live': 'polite' });
  // Events only move the answers of user-based recipes (HRNN family, ranking), not SIMS's.
  const events = tracker && mode !== 'item' ? eventRecorder({ tracker, userId: () => userId.value.trim(), ask: run, signal }) : null;

  function showPlaceholders() {
    const filter = filters.find((f) => f.filterArn === filterSelect.value);
    if (!filter) {
      fill(placeholderBox);
      return;
    }
    fill(placeholderBox,
      h('p', { class: 'expression' }, h('code', { class: 'mono' }, filter.filterExpression)),
      filter.placeholders.map((name) => field(`$${name}`,
        h('input', { id: `t-ph-${name}`, name: `filterValue-${name}`, type: 'text', autocomplete: 'off', placeholder: 'e.g. garden or garden, kitchen' }),
        'Text values are quoted for you; numbers are sent as they are.')));
  }

  function request() {
    const body = { campaignArn: campaign.campaignArn };
    if (mode === 'item') {
      if (itemId.value.trim()) body.itemId = itemId.value.trim();
    } else if (userId.value.trim()) {
      body.userId = userId.value.trim();
    }
    if (mode !== 'item' && context.value.trim()) body.context = parseContext(context.value);
    if (ranking) {
      body.inputList = parseList(inputList.value);
    } else {
      const n = Number(numResults.value);
      if (!Number.isInteger(n) || n < 1 || n > 500) throw { type: 'InvalidInput', message: 'numResults must be a whole number from 1 to 500.' };
      body.numResults = n;
    }
    const filter = filters.find((f) => f.filterArn === filterSelect.value);
    if (filter) {
      body.filterArn = filter.filterArn;
      const typed = {};
      for (const name of filter.placeholders) typed[name] = placeholderBox.querySelector(`[name="filterValue-${name}"]`).value;
      const values = filterValues(typed);
      if (Object.keys(values).length) body.filterValues = values;
    }
    return body;
  }

  /** Asks the campaign with the panel's inputs; true when an answer came back. */
  async function run() {
    let body;
    try {
      body = request();
    } catch (e) {
      fill(output, errorBox(e));
      return false;
    }
    const path = ranking ? '/personalize-ranking' : '/recommendations';
    fill(output, note('Asking the campaign…', 'muted'));
    let response;
    try {
      response = await runtime(path, body);
    } catch (e) {
      fill(output, errorBox(e), rawToggle(path, body, e.body ?? null));
      return false;
    }
    const items = response.itemList || response.personalizedRanking || [];
    let meta = { fields: [], items: {} };
    if (items.length) {
      try {
        meta = await itemMetadata(groupArn, items.map((i) => i.itemId));
      } catch (e) {
        console.warn('item metadata unavailable', e);
      }
    }
    if (!signal.aborted) fill(output, resultsView({ items, meta, ranking, path, request: body, response, rowAction: events?.button }));
    return true;
  }

  const form = h('form', {
    class: 'test-form', novalidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      submit.disabled = true;
      events?.clear();
      try {
        await busy(signal, run);
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('div', { class: 'fields' },
    mode === 'item' ? field('Item ID', itemId, 'Items similar to this one.') : field('User ID', userId, 'Any user from the Interactions data; an unknown user gets popular items.'),
    ranking ? field('Items to rank (inputList)', inputList, 'One item id per line, or comma separated.') : null,
    field('Filter', filterSelect, filters.length ? null : 'This dataset group has no ACTIVE filters.'),
    ranking ? null : field('Number of results', numResults, '1 to 500.'),
    mode === 'item' ? null : field('Context (optional)', context, 'Contextual fields of the Interactions schema, e.g. DEVICE=phone; used by the metadata recipes.'),
    events ? field('Event type', events.eventType, `What each result row's Record event button sends (PutEvents with tracker ${tracker.name}) for the user above.`) : null),
  placeholderBox,
  h('div', { class: 'actions' }, submit));

  const api = ranking ? 'GetPersonalizedRanking' : 'GetRecommendations';
  return h('section', { class: 'card test-panel', 'data-testid': 'test-panel' },
    h('h2', null, 'Test campaign'),
    note(`${api} on this campaign (recipe ${lastSegment(version.recipeArn)}).`, 'muted'),
    form, events?.slot, output);
}
