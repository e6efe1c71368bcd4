// The group page's recommenders section (Domain dataset groups): every recommender with its use case, and the form to create one.
import { h, fill } from '../dom.js';
import { control, listAll } from '../api.js';
import { badge, table, link, reason, note } from '../ui.js';
import { href, time, isBusy, lastSegment } from '../format.js';
import { live } from '../poll.js';
import { createForm } from '../forms.js';

export function recommendersTable(recommenders) {
  return table('recommenders', [
    { label: 'Name', cell: (r) => link(r.name, href('recommenders', r.recommenderArn)) },
    { label: 'Status', cell: (r) => badge(r.status) },
    { label: '', cell: (r) => (r.status === 'ACTIVE' ? h('a', { class: 'button-link', href: href('recommenders', r.recommenderArn), 'data-testid': 'test-recommender' }, 'Test') : '') },
    { label: 'Use case', cell: (r) => lastSegment(r.recipeArn) },
    { label: 'Min requests/s', cell: (r) => String(r.recommenderConfig?.minRecommendationRequestsPerSecond ?? 1), class: 'num' },
    { label: 'Created', cell: (r) => time(r.creationDateTime), class: 'nowrap' },
    { label: 'Failure reason', cell: (r) => reason(r.failureReason), class: 'wrap' },
  ], recommenders, { empty: 'No recommenders yet. Import your data, then create one per use case.' });
}

function recommenderForm({ signal, group, onCreated }) {
  return createForm({
    title: 'Create recommender', signal, testid: 'create-recommender',
    fields: [
      { name: 'name', label: 'Name', required: true, placeholder: 'top-picks' },
      { name: 'recipeArn', label: 'Use case', type: 'select', required: true, options: [] },
      { name: 'minRecommendationRequestsPerSecond', label: 'Minimum recommendation requests per second', type: 'number', min: 1, value: 1 },
      { name: 'enableMetadataWithRecommendations', label: 'Return Items metadata with recommendations', type: 'checkbox', value: false },
    ],
    async onOpen(f) {
      const recipes = await listAll('ListRecipes', { domain: group.domain }, 'recipes');
      f.setOptions('recipeArn', recipes.map((r) => [r.recipeArn, r.name]));
    },
    async onSubmit(v, f) {
      const config = { minRecommendationRequestsPerSecond: v.minRecommendationRequestsPerSecond ?? 1 };
      if (v.enableMetadataWithRecommendations) config.enableMetadataWithRecommendations = true;
      const { recommenderArn } = await control('CreateRecommender', {
        name: v.name, datasetGroupArn: group.datasetGroupArn, recipeArn: v.recipeArn, recommenderConfig: config,
      });
      f.clear('name');
      await onCreated();
      return ['Created ', link(v.name, href('recommenders', recommenderArn)), '. It trains by itself; test it once it is ACTIVE.'];
    },
  });
}

export async function recommendersSection({ groupArn, group, signal }) {
  if (!group.domain) {
    return h('section', { class: 'card', id: 'recommenders' }, h('h2', null, 'Recommenders'),
      note('Recommenders belong to Domain dataset groups (ECOMMERCE, VIDEO_ON_DEMAND); this group is a custom one: use solutions and campaigns.', 'muted'));
  }
  const holder = h('div');
  const refresh = live(signal,
    async () => (await listAll('ListRecommenders', { datasetGroupArn: groupArn }, 'recommenders')).sort((a, b) => a.name.localeCompare(b.name)),
    (recommenders) => fill(holder, recommendersTable(recommenders)),
    (recommenders) => recommenders.some((r) => isBusy(r.status)));
  const element = h('section', { class: 'card', id: 'recommenders' },
    h('h2', null, `Recommenders (${group.domain})`), holder,
    h('div', { class: 'forms' }, recommenderForm({ signal, group, onCreated: refresh }).element));
  await refresh();
  return element;
}
