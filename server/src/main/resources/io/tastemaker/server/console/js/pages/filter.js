// A filter: its expression, placeholders and status.
import { h, fill } from '../dom.js';
import { control } from '../api.js';
import { setCrumbs } from '../layout.js';
import { badge, details, pageHeader, mono, link, reason, card, note } from '../ui.js';
import { href, time, isBusy, arnName } from '../format.js';
import { live } from '../poll.js';
import { placeholders } from '../filter-values.js';
import { deleteAction } from '../delete.js';

export async function filterPage({ arg, view, signal }) {
  const summary = h('div');
  const refresh = live(signal,
    async () => (await control('DescribeFilter', { filterArn: arg })).filter,
    (f) => {
      const names = placeholders(f.filterExpression);
      fill(summary, details([
        ['Status', badge(f.status)], ['ARN', mono(f.filterArn)],
        ['Dataset group', link(arnName(f.datasetGroupArn), href('groups', f.datasetGroupArn))],
        ['Expression', h('pre', { class: 'json expression' }, f.filterExpression)],
        ['Placeholders', names.length ? names.map((n) => mono(`$${n} `)) : 'none'],
        ['Created', time(f.creationDateTime)], ['Updated', time(f.lastUpdatedDateTime)],
        ['Failure reason', f.failureReason ? reason(f.failureReason) : null],
      ]));
    },
    (f) => isBusy(f.status));
  const filter = await refresh();
  setCrumbs([arnName(filter.datasetGroupArn), href('groups', filter.datasetGroupArn)], [filter.name, '']);
  const del = deleteAction({ signal, kind: 'filter', name: filter.name, operation: 'DeleteFilter', input: { filterArn: arg }, parent: href('groups', filter.datasetGroupArn) });
  view.append(pageHeader('Filter', filter.name, del.button), del.box, h('section', { class: 'card' }, summary),
    card('Using it', note('Pick this filter in a campaign\'s test panel; each $PLACEHOLDER gets its own input. Text values are sent double-quoted and comma separated, as Personalize expects in filterValues.', 'muted')));
}
