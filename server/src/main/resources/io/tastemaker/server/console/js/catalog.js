// Loaders several pages share: a group's solution versions and the select options built from them.
import { control, listAll, describeEach } from './api.js';
import { arnName, lastSegment } from './format.js';

/** Every solution version of a group, newest first, with its solution's name and recipe. */
export async function groupVersions(datasetGroupArn) {
  const solutions = await listAll('ListSolutions', { datasetGroupArn }, 'solutions');
  const lists = await describeEach(solutions, async (solution) =>
    (await listAll('ListSolutionVersions', { solutionArn: solution.solutionArn }, 'solutionVersions'))
      .map((v) => ({ ...v, solutionName: solution.name, recipe: lastSegment(solution.recipeArn), recipeArn: solution.recipeArn })));
  return lists.flat().sort((a, b) => (b.creationDateTime || 0) - (a.creationDateTime || 0));
}

/** Select options for the ACTIVE versions: "solution/1a2b3c4d (aws-hrnn)". */
export function versionOptions(versions) {
  const active = versions.filter((v) => v.status === 'ACTIVE');
  if (!active.length) return [['', 'No ACTIVE solution version yet']];
  return active.map((v) => [v.solutionVersionArn, `${arnName(v.solutionVersionArn)} (${v.recipe})`]);
}

/** Select options for the ACTIVE filters of a group, the first meaning "no filter". */
export async function filterOptions(datasetGroupArn) {
  const filters = await listAll('ListFilters', { datasetGroupArn }, 'Filters');
  return [['', 'No filter'], ...filters.filter((f) => f.status === 'ACTIVE').map((f) => [f.filterArn, f.name])];
}

/** A solution version in full: its dataset group and recipe place a campaign. */
export async function describeVersion(solutionVersionArn) {
  return (await control('DescribeSolutionVersion', { solutionVersionArn })).solutionVersion;
}

const recipeTypes = new Map();

/** A recipe's recipeType (USER_PERSONALIZATION, USER_SEGMENTATION...), asked once per page load; '' when unknown (AutoML). */
export function recipeTypeOf(recipeArn) {
  if (!recipeArn) return Promise.resolve('');
  if (!recipeTypes.has(recipeArn)) {
    recipeTypes.set(recipeArn, control('DescribeRecipe', { recipeArn }).then((r) => r.recipe?.recipeType || '').catch((e) => {
      recipeTypes.delete(recipeArn);
      throw e;
    }));
  }
  return recipeTypes.get(recipeArn);
}

/** The versions whose recipe is (segments = true) or is not (false) a USER_SEGMENTATION one. */
export async function bySegmentation(versions, segments) {
  const types = await Promise.all(versions.map((v) => recipeTypeOf(v.recipeArn)));
  return versions.filter((v, i) => (types[i] === 'USER_SEGMENTATION') === segments);
}
