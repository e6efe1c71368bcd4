// A dataset group: its details and one section per kind of resource it holds, each with a create form.
import { h, fill } from '../dom.js';
import { control } from '../api.js';
import { setCrumbs } from '../layout.js';
import { badge, details, pageHeader, mono, reason, errorBox } from '../ui.js';
import { time, isBusy } from '../format.js';
import { live } from '../poll.js';
import { datasetsSection } from '../sections/datasets.js';
import { solutionsSection } from '../sections/solutions.js';
import { campaignsSection } from '../sections/campaigns.js';
import { recommendersSection } from '../sections/recommenders.js';
import { filtersSection } from '../sections/filters.js';
import { trackersSection } from '../sections/trackers.js';
import { batchSection } from '../sections/batch.js';
import { segmentsSection } from '../sections/segments.js';
import { exportsSection } from '../sections/exports.js';
import { deletionsSection } from '../sections/deletions.js';
import { attributionSection } from '../sections/attribution.js';
import { deleteAction } from '../delete.js';

const SECTIONS = [
  ['datasets', 'Datasets'], ['recommenders', 'Recommenders'], ['solutions', 'Solutions'], ['campaigns', 'Campaigns'],
  ['filters', 'Filters'], ['event-trackers', 'Event trackers'], ['batch-jobs', 'Batch inference jobs'],
  ['segment-jobs', 'Batch segment jobs'], ['exports', 'Exports'], ['deletions', 'Data deletions'], ['attribution', 'Metric attribution'],
];

/** In-page links that scroll instead of changing the hash, which the router owns. */
function jumpLinks(view) {
  return h('nav', { class: 'jump' }, SECTIONS.map(([id, label]) => h('button', {
    type: 'button', class: 'link-button', onclick: () => view.querySelector(`#${id}`)?.scrollIntoView({ behavior: 'smooth' }),
  }, label)));
}

export async function groupPage({ arg, view, signal }) {
  const summary = h('div');
  const refresh = live(signal,
    async () => (await control('DescribeDatasetGroup', { datasetGroupArn: arg })).datasetGroup,
    (g) => fill(summary, h('div', { class: 'status-row' }, badge(g.status, undefined, { 'data-testid': 'group-status' })),
      details([
        ['ARN', mono(g.datasetGroupArn)], ['Domain', g.domain || 'none (custom)'], ['Created', time(g.creationDateTime)],
        ['Updated', time(g.lastUpdatedDateTime)], ['Failure reason', g.failureReason ? reason(g.failureReason) : null],
      ])),
    (g) => isBusy(g.status));
  const group = await refresh();
  setCrumbs([group.name, '']);
  const del = deleteAction({
    signal, kind: 'dataset group', name: group.name, operation: 'DeleteDatasetGroup', input: { datasetGroupArn: arg }, parent: '#/',
    hint: 'Only an emptied group can go: delete its recommenders, event tracker, solutions (their campaigns first) and datasets beforehand. Its filters go with it.',
  });
  view.append(pageHeader('Dataset group', group.name, del.button), del.box, h('section', { class: 'card' }, summary), jumpLinks(view));
  const ctx = { groupArn: arg, group, signal };
  const sections = await Promise.all([datasetsSection, recommendersSection, solutionsSection, campaignsSection, filtersSection, trackersSection, batchSection,
    segmentsSection, exportsSection, deletionsSection, attributionSection]
    .map((section) => section(ctx).catch((e) => h('section', { class: 'card' }, errorBox(e)))));
  view.append(...sections);
}
