// The group page's filters section: filters with their expressions, created with a check as you type.
import { h, fill } from '../dom.js';
import { control, listAll, checkFilter, describeEach } from '../api.js';
import { badge, table, link, reason, mono } from '../ui.js';
import { href, time, isBusy } from '../format.js';
import { live } from '../poll.js';
import { createForm } from '../forms.js';

const CHECK_DELAY_MS = 300;

/** The expression check under the textarea: asks the server ~300 ms after the last keystroke. */
function expressionChecker(groupArn) {
  const element = h('div', { class: 'filter-check', 'data-testid': 'filter-check', 'aria-live': 'polite' });
  let timer = null;
  let sequence = 0;
  async function check(text) {
    clearTimeout(timer);
    const mine = ++sequence;
    if (!text.trim()) {
      fill(element);
      element.className = 'filter-check';
      return null;
    }
    element.className = 'filter-check pending';
    fill(element, 'Checking…');
    const answer = await checkFilter(groupArn, text);
    if (mine === sequence) {
      element.className = `filter-check ${answer.valid ? 'valid' : 'invalid'}`;
      fill(element, answer.valid ? 'Valid expression.' : answer.message || 'Invalid expression.');
    }
    return answer;
  }
  return {
    element,
    check,
    onInput(event) {
      const text = event.target.value;
      clearTimeout(timer);
      timer = setTimeout(() => check(text).catch((e) => {
        element.className = 'filter-check';
        fill(element, `Could not check the expression: ${e.message}`);
      }), CHECK_DELAY_MS);
    },
  };
}

function filterForm({ signal, groupArn, onCreated }) {
  const checker = expressionChecker(groupArn);
  return createForm({
    title: 'Create filter', signal,
    fields: [
      { name: 'name', label: 'Name', required: true, placeholder: 'only-category' },
      { name: 'filterExpression', label: 'Filter expression', type: 'textarea', rows: 3, mono: true, wide: true, required: true,
        placeholder: 'INCLUDE ItemID WHERE Items.CATEGORY IN ($CATEGORY)', onInput: checker.onInput, after: checker.element,
        hint: 'INCLUDE or EXCLUDE ItemID WHERE Items.FIELD / Interactions.EVENT_TYPE / Users.FIELD IN ("a", "b") or = $PLACEHOLDER; chain expressions with |.' },
    ],
    async onSubmit(v, f) {
      let answer = null;
      try {
        answer = await checker.check(v.filterExpression);
      } catch (e) {
        console.warn('filter check unavailable; CreateFilter checks too', e);
      }
      if (answer && !answer.valid) throw { type: 'InvalidInputException', message: answer.message || 'Invalid filter expression.' };
      const { filterArn } = await control('CreateFilter', { name: v.name, datasetGroupArn: groupArn, filterExpression: v.filterExpression });
      f.clear('name');
      await onCreated();
      return ['Created ', link(v.name, href('filters', filterArn)), '.'];
    },
  });
}

export async function filtersSection({ groupArn, signal }) {
  const holder = h('div');
  const refresh = live(signal,
    async () => describeEach(await listAll('ListFilters', { datasetGroupArn: groupArn }, 'Filters'),
      async (f) => (await control('DescribeFilter', { filterArn: f.filterArn })).filter),
    (filters) => fill(holder, table('filters', [
      { label: 'Name', cell: (f) => link(f.name, href('filters', f.filterArn)) },
      { label: 'Status', cell: (f) => badge(f.status) },
      { label: 'Expression', cell: (f) => mono(f.filterExpression), class: 'wrap' },
      { label: 'Created', cell: (f) => time(f.creationDateTime), class: 'nowrap' },
      { label: 'Failure reason', cell: (f) => reason(f.failureReason), class: 'wrap' },
    ], filters, { empty: 'No filters yet. Filters include or exclude items from recommendations.' })),
    (filters) => filters.some((f) => isBusy(f.status)));
  const element = h('section', { class: 'card', id: 'filters' },
    h('h2', null, 'Filters'), holder,
    h('div', { class: 'forms' }, filterForm({ signal, groupArn, onCreated: refresh }).element));
  await refresh();
  return element;
}
