// The group page's solutions section: each solution with its recipe and latest version, train and create.
import { h, fill } from '../dom.js';
import { control, listAll, describeEach } from '../api.js';
import { badge, table, link, errorBox } from '../ui.js';
import { href, time, isBusy, lastSegment, hours } from '../format.js';
import { live } from '../poll.js';
import { createForm } from '../forms.js';
import { busy } from '../router.js';

async function load(groupArn) {
  const solutions = await listAll('ListSolutions', { datasetGroupArn: groupArn }, 'solutions');
  return describeEach(solutions, async (s) => {
    const versions = await listAll('ListSolutionVersions', { solutionArn: s.solutionArn }, 'solutionVersions');
    versions.sort((a, b) => (b.creationDateTime || 0) - (a.creationDateTime || 0));
    const latest = versions[0] ? (await control('DescribeSolutionVersion', { solutionVersionArn: versions[0].solutionVersionArn })).solutionVersion : null;
    return { ...s, versions, latest };
  });
}

/** The typed JSON object as Personalize's string-to-string map; null when nothing was typed. */
export function parseHyperparameters(text) {
  if (!text || !text.trim()) return null;
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw { type: 'InvalidInput', message: `Hyperparameters must be a JSON object: ${e.message}` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw { type: 'InvalidInput', message: 'Hyperparameters must be a JSON object such as {"epochs": "5"}.' };
  }
  return Object.fromEntries(Object.entries(parsed).map(([name, value]) => [name, String(value)]));
}

function solutionForm({ signal, groupArn, onCreated }) {
  return createForm({
    title: 'Create solution', signal,
    fields: [
      { name: 'name', label: 'Name', required: true, placeholder: 'shop-hrnn' },
      { name: 'recipeArn', label: 'Recipe', type: 'select', options: [] },
      { name: 'eventType', label: 'Event type (optional)', placeholder: 'all event types', hint: 'Train only on interactions of this type.' },
      { name: 'performHPO', label: 'Tune hyperparameters (performHPO)', type: 'checkbox' },
      { name: 'performAutoML', label: 'Pick the best HRNN recipe (performAutoML)', type: 'checkbox' },
      { name: 'hyperparameters', label: 'Hyperparameters (optional)', type: 'textarea', rows: 3, mono: true, wide: true, placeholder: '{"hidden_dimension": "64", "epochs": "5"}',
        hint: 'JSON object of algorithmHyperParameters; DescribeRecipe lists each recipe\'s names, defaults and ranges.' },
    ],
    async onOpen(f) {
      const recipes = await listAll('ListRecipes', {}, 'recipes');
      // Sorted by name, aws-hrnn comes first and is the default.
      // Domain use cases are for recommenders, not solutions.
      f.setOptions('recipeArn', recipes.filter((r) => !r.domain).sort((a, b) => a.name.localeCompare(b.name)).map((r) => [r.recipeArn, r.name]));
    },
    async onSubmit(v, f) {
      const input = { name: v.name, datasetGroupArn: groupArn, performHPO: v.performHPO };
      if (v.performAutoML) input.performAutoML = true;
      else input.recipeArn = v.recipeArn;
      if (v.eventType) input.eventType = v.eventType;
      const hyperparameters = parseHyperparameters(v.hyperparameters);
      if (hyperparameters) input.solutionConfig = { algorithmHyperParameters: hyperparameters };
      const { solutionArn } = await control('CreateSolution', input);
      f.clear('name', 'eventType', 'hyperparameters');
      await onCreated();
      return ['Created ', link(v.name, href('solutions', solutionArn)), '. Train a version with the Train button once it is ACTIVE.'];
    },
  });
}

function trainButton(solution, signal, refresh, showError) {
  const training = solution.versions.some((v) => isBusy(v.status));
  return h('button', {
    type: 'button', class: 'small', 'data-testid': 'train', disabled: solution.status !== 'ACTIVE' || training,
    title: training ? 'A version is training' : 'CreateSolutionVersion (FULL)',
    onclick: async (e) => {
      e.target.disabled = true;
      try {
        await busy(signal, async () => {
          await control('CreateSolutionVersion', { solutionArn: solution.solutionArn });
          await refresh();
        });
      } catch (err) {
        showError(err);
        e.target.disabled = false;
      }
    },
  }, 'Train');
}

export async function solutionsSection({ groupArn, signal }) {
  const holder = h('div');
  const errorSlot = h('div');
  const showError = (e) => fill(errorSlot, errorBox(e));
  const refresh = live(signal, () => load(groupArn), (solutions) => fill(holder, table('solutions', [
    { label: 'Name', cell: (s) => link(s.name, href('solutions', s.solutionArn)) },
    { label: 'Recipe', cell: (s) => lastSegment(s.recipeArn) || (s.latest && lastSegment(s.latest.recipeArn)) || 'AutoML' },
    { label: 'Status', cell: (s) => badge(s.status) },
    { label: 'Versions', cell: (s) => String(s.versions.length), class: 'num' },
    { label: 'Latest version', cell: (s) => (s.latest ? h('span', { class: 'stack' },
      link(lastSegment(s.latest.solutionVersionArn), href('versions', s.latest.solutionVersionArn)), badge(s.latest.status, s.latest.progress)) : '—') },
    { label: 'Training time (h)', cell: (s) => (s.latest ? hours(s.latest.trainingHours) : '—'), class: 'nowrap' },
    { label: 'Created', cell: (s) => time(s.creationDateTime), class: 'nowrap' },
    { label: '', cell: (s) => trainButton(s, signal, refresh, showError) },
  ], solutions, { empty: 'No solutions yet. A solution is a recipe trained on this group\'s data.' })),
  (solutions) => solutions.some((s) => isBusy(s.status) || s.versions.some((v) => isBusy(v.status))));

  const element = h('section', { class: 'card', id: 'solutions' },
    h('h2', null, 'Solutions'), holder, errorSlot,
    h('div', { class: 'forms' }, solutionForm({ signal, groupArn, onCreated: refresh }).element));
  await refresh();
  return element;
}
