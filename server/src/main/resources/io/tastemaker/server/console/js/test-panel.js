// The campaign test panel: the inputs the recipe needs, an optional filter, promotion and metadata
// columns, and the scored answer.
import { h, fill } from './dom.js';
import { control, listAll, runtime, itemMetadata, describeEach } from './api.js';
import { busy } from './router.js';
import { errorBox, note } from './ui.js';
import { lastSegment } from './format.js';
import { placeholders, filterValues } from './filter-values.js';
import { resultsView, rawToggle } from './results.js';
import { activeTracker, eventRecorder } from './event-recorder.js';

/**
 * 'user' (GetRecommendations with userId), 'item' (with itemId), 'ranking' (GetPersonalizedRanking)
 * or 'actions' (GetActionRecommendations, aws-next-best-action).
 */
export async function recipeMode(recipeArn) {
  try {
    const type = (await control('DescribeRecipe', { recipeArn })).recipe?.recipeType;
    if (type === 'RELATED_ITEMS') return 'item';
    if (type === 'PERSONALIZED_RANKING') return 'ranking';
    if (type === 'PERSONALIZED_ACTIONS') return 'actions';
    if (type) return 'user';
  } catch (e) {
    console.warn('DescribeRecipe failed; choosing inputs by recipe name', e);
  }
  const name = lastSegment(recipeArn);
  if (/sims|similar/.test(name)) return 'item';
  if (/ranking/.test(name)) return 'ranking';
  if (/next-best-action/.test(name)) return 'actions';
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

/** The Items dataset's columns, for metadata columns; empty without an Items dataset. */
async function itemsColumns(datasetGroupArn) {
  const datasets = await listAll('ListDatasets', { datasetGroupArn }, 'datasets');
  const items = datasets.find((d) => d.datasetType?.toUpperCase() === 'ITEMS');
  if (!items) return [];
  const dataset = (await control('DescribeDataset', { datasetArn: items.datasetArn })).dataset;
  const schema = (await control('DescribeSchema', { schemaArn: dataset.schemaArn })).schema;
  return (JSON.parse(schema.schema).fields || []).map((f) => f.name).filter((name) => name !== 'ITEM_ID');
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

/** Inputs for a filter's placeholders, named prefix-NAME, with the expression shown. */
function placeholderInputs(box, filter, prefix) {
  if (!filter) {
    fill(box);
    return;
  }
  fill(box,
    h('p', { class: 'expression' }, h('code', { class: 'mono' }, filter.filterExpression)),
    filter.placeholders.map((name) => field(`$${name}`,
      h('input', { id: `t-${prefix}-${name}`, name: `${prefix}-${name}`, type: 'text', autocomplete: 'off', placeholder: 'e.g. garden or garden, kitchen' }),
      'Text values are quoted for you; numbers are sent as they are.')));
}

/** The filterValues typed into a filter's placeholder inputs. */
function typedValues(box, filter, prefix) {
  const typed = {};
  for (const name of filter.placeholders) typed[name] = box.querySelector(`[name="${prefix}-${name}"]`).value;
  return filterValues(typed);
}

export async function testPanel({ campaign, version, signal }) {
  const groupArn = version.datasetGroupArn;
  // A recommender (Domain dataset group) is tested like a campaign, by its recommenderArn.
  const recommender = Boolean(campaign.recommenderArn);
  const target = recommender ? 'recommender' : 'campaign';
  const metadataEnabled = (campaign.campaignConfig ?? campaign.recommenderConfig)?.enableMetadataWithRecommendations === true;
  const [mode, filters, tracker, columns] = await Promise.all([recipeMode(version.recipeArn), activeFilters(groupArn),
    activeTracker(groupArn).catch((e) => { console.warn('event trackers unavailable', e); return null; }),
    metadataEnabled ? itemsColumns(groupArn).catch((e) => { console.warn('Items columns unavailable', e); return []; }) : []]);
  const ranking = mode === 'ranking';
  // Actions are asked for by user only: no context, promotion, metadata columns or item events.
  const actions = mode === 'actions';
  const maxResults = actions ? 100 : 500;
  const userId = h('input', { id: 't-user', name: 'userId', type: 'text', autocomplete: 'off', placeholder: 'user id' });
  const itemId = h('input', { id: 't-item', name: 'itemId', type: 'text', autocomplete: 'off', placeholder: 'item id' });
  const inputList = h('textarea', { id: 't-list', name: 'inputList', rows: 5, spellcheck: 'false', placeholder: 'item-0001\nitem-0002\nitem-0003' });
  const context = h('input', { id: 't-context', name: 'context', type: 'text', autocomplete: 'off', placeholder: 'DEVICE=phone' });
  const numResults = h('input', { id: 't-num', name: 'numResults', type: 'number', min: 1, max: maxResults, step: 1, value: actions ? 5 : 25 });
  const placeholderBox = h('div', { class: 'placeholders' });
  const filterSelect = h('select', { id: 't-filter', name: 'filterArn', onchange: () => showPlaceholders() },
    h('option', { value: '' }, 'No filter'), filters.map((f) => h('option', { value: f.filterArn }, f.name)));
  // A promotion (GetRecommendations only): its name, share and filter with its own placeholders.
  const promoName = h('input', { id: 't-promo-name', name: 'promotionName', type: 'text', autocomplete: 'off', value: 'promotion' });
  const promoPercent = h('input', { id: 't-promo-percent', name: 'percentPromotedItems', type: 'number', min: 1, max: 100, step: 1, value: 20 });
  const promoBox = h('div', { class: 'placeholders' });
  const promoFilter = h('select', { id: 't-promo-filter', name: 'promotionFilterArn', onchange: () => placeholderInputs(promoBox, filterOf(promoFilter), 'promoValue') },
    h('option', { value: '' }, 'No promotion'), filters.map((f) => h('option', { value: f.filterArn }, f.name)));
  const columnBoxes = columns.map((name) => h('label', { class: 'check inline' },
    h('input', { type: 'checkbox', name: 'metadataColumn', value: name }), h('span', null, name)));
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'get-recommendations' },
    ranking ? 'Get ranking' : actions ? 'Get action recommendations' : 'Get recommendations');
  const output = h('div', { class: 'test-output', 'aria-live': 'polite' });
  // Events only move the answers of user-based recipes (HRNN family, ranking), not SIMS's.
  const events = tracker && mode !== 'item' && !actions ? eventRecorder({ tracker, userId: () => userId.value.trim(), ask: run, signal }) : null;

  function filterOf(select) {
    return filters.find((f) => f.filterArn === select.value);
  }

  function showPlaceholders() {
    placeholderInputs(placeholderBox, filterOf(filterSelect), 'filterValue');
  }

  function chosenColumns() {
    return columnBoxes.map((label) => label.querySelector('input')).filter((box) => box.checked).map((box) => box.value);
  }

  function request() {
    const body = recommender ? { recommenderArn: campaign.recommenderArn } : { campaignArn: campaign.campaignArn };
    if (mode === 'item') {
      if (itemId.value.trim()) body.itemId = itemId.value.trim();
      // Some related-items use cases leave out the user's own items, so they take a userId too.
      if (recommender && userId.value.trim()) body.userId = userId.value.trim();
    } else if (userId.value.trim()) {
      body.userId = userId.value.trim();
    }
    if (mode !== 'item' && !actions && context.value.trim()) body.context = parseContext(context.value);
    if (ranking) {
      body.inputList = parseList(inputList.value);
    } else {
      const n = Number(numResults.value);
      if (!Number.isInteger(n) || n < 1 || n > maxResults) throw { type: 'InvalidInput', message: `numResults must be a whole number from 1 to ${maxResults}.` };
      body.numResults = n;
    }
    const filter = filterOf(filterSelect);
    if (filter) {
      body.filterArn = filter.filterArn;
      const values = typedValues(placeholderBox, filter, 'filterValue');
      if (Object.keys(values).length) body.filterValues = values;
    }
    const promotion = ranking || actions ? null : filterOf(promoFilter);
    if (promotion) {
      const percent = Number(promoPercent.value);
      if (!Number.isInteger(percent) || percent < 1 || percent > 100) throw { type: 'InvalidInput', message: 'percentPromotedItems must be a whole number from 1 to 100.' };
      const promo = { name: promoName.value.trim(), percentPromotedItems: percent, filterArn: promotion.filterArn };
      const values = typedValues(promoBox, promotion, 'promoValue');
      if (Object.keys(values).length) promo.filterValues = values;
      body.promotions = [promo];
    }
    const chosen = chosenColumns();
    if (chosen.length) body.metadataColumns = { ITEMS: chosen };
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
    const path = ranking ? '/personalize-ranking' : actions ? '/action-recommendations' : '/recommendations';
    fill(output, note(`Asking the ${target}…`, 'muted'));
    let response;
    try {
      response = await runtime(path, body);
    } catch (e) {
      fill(output, errorBox(e), rawToggle(path, body, e.body ?? null));
      return false;
    }
    const items = actions ? (response.actionList || []).map((a) => ({ itemId: a.actionId, score: a.score }))
      : response.itemList || response.personalizedRanking || [];
    let meta = { fields: [], items: {} };
    if (actions) {
      // Actions have no Items metadata.
    } else if (body.metadataColumns) {
      // The columns asked for, as the campaign returned them.
      meta = { fields: body.metadataColumns.ITEMS, items: Object.fromEntries(items.map((i) => [i.itemId, i.metadata || {}])), asked: true };
    } else if (items.length) {
      try {
        meta = await itemMetadata(groupArn, items.map((i) => i.itemId));
      } catch (e) {
        console.warn('item metadata unavailable', e);
      }
    }
    if (!signal.aborted) fill(output, resultsView({ items, meta, ranking, path, request: body, response, rowAction: events?.button, noun: actions ? 'action' : 'item' }));
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
    mode === 'item' ? field('Item ID', itemId, 'Items similar to this one.')
      : actions ? field('User ID', userId, 'The user whose next best actions you want; one without action interactions is scored from their items.')
        : field('User ID', userId, 'Any user from the Interactions data; an unknown user gets popular items.'),
    mode === 'item' && recommender ? field('User ID', userId, 'Use cases that leave out the user\'s own items need it.') : null,
    ranking ? field('Items to rank (inputList)', inputList, 'One item id per line, or comma separated.') : null,
    field('Filter', filterSelect, filters.length ? null : 'This dataset group has no ACTIVE filters.'),
    ranking ? null : field('Number of results', numResults, `1 to ${maxResults}.`),
    mode === 'item' || actions ? null : field('Context (optional)', context, 'Contextual fields of the Interactions schema, e.g. DEVICE=phone; used by the metadata recipes.'),
    events ? field('Event type', events.eventType, `What each result row's Record event button sends (PutEvents with tracker ${tracker.name}) for the user above.`) : null),
  placeholderBox,
  ranking || actions ? null : h('details', { class: 'promotion', 'data-testid': 'promotion' }, h('summary', null, 'Promotion (optional)'),
    h('div', { class: 'fields' },
      field('Promotion filter', promoFilter, 'The share of the answer this filter admits; the request\'s filter governs the rest.'),
      field('Percent promoted items', promoPercent, '1 to 100, of the number of results.'),
      field('Promotion name', promoName, 'Each promoted item carries it as promotionName.')),
    promoBox),
  metadataEnabled && !actions ? h('fieldset', { class: 'columns', 'data-testid': 'metadata-columns' }, h('legend', null, 'Items columns to return (metadataColumns)'),
    columnBoxes.length ? columnBoxes : note('The dataset group has no Items columns.', 'muted'),
    h('small', { class: 'hint' }, 'Up to 10 columns, and at most 50 results, with metadata.')) : null,
  h('div', { class: 'actions' }, submit));

  const api = ranking ? 'GetPersonalizedRanking' : actions ? 'GetActionRecommendations' : 'GetRecommendations';
  return h('section', { class: 'card test-panel', 'data-testid': 'test-panel' },
    h('h2', null, `Test ${target}`),
    note(`${api} on this ${target} (${recommender ? 'use case' : 'recipe'} ${lastSegment(version.recipeArn)}).`, 'muted'),
    form, events?.slot, output);
}
