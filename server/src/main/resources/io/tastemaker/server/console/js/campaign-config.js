// The campaignConfig members the campaign forms set: ranking influence, metadata in recommendations,
// following the solution's latest version, and exploration (aws-user-personalization).

/** Form fields for a campaign's configuration, filled from an existing one. */
export function campaignConfigFields(config = {}) {
  const influence = config.rankingInfluence || {};
  const exploration = config.itemExplorationConfig || {};
  return [
    { name: 'popularity', label: 'Ranking influence: POPULARITY', type: 'number', min: 0, max: 1, step: 0.05, value: influence.POPULARITY ?? 0,
      hint: '0 to 1: how much more popular items move up.' },
    { name: 'freshness', label: 'Ranking influence: FRESHNESS', type: 'number', min: 0, max: 1, step: 0.05, value: influence.FRESHNESS ?? 0,
      hint: '0 to 1: how much newer items (Items CREATION_TIMESTAMP) move up.' },
    { name: 'enableMetadataWithRecommendations', label: 'Item metadata in recommendations (enableMetadataWithRecommendations)', type: 'checkbox',
      value: config.enableMetadataWithRecommendations === true, hint: 'Requests may then ask for Items columns (metadataColumns).' },
    { name: 'syncWithLatestSolutionVersion', label: "Follow the solution's latest version (syncWithLatestSolutionVersion)", type: 'checkbox',
      value: config.syncWithLatestSolutionVersion === true, hint: 'Deploys SolutionArn/$LATEST now and each new ACTIVE version trained in FULL mode.' },
    { name: 'explorationWeight', label: 'Exploration weight (itemExplorationConfig.explorationWeight)', type: 'number', min: 0, max: 1, step: 0.05,
      value: exploration.explorationWeight ?? '', hint: 'aws-user-personalization: 0 to 1, the share of slots that explore new items; blank for the solution\'s default (0.3).' },
    { name: 'explorationItemAgeCutOff', label: 'Exploration item age cut-off, days (itemExplorationConfig.explorationItemAgeCutOff)', type: 'number', min: 0,
      step: 1, value: exploration.explorationItemAgeCutOff ?? '', hint: 'Items first seen at most this many days before the latest interaction may be explored; blank for 30.' },
  ];
}

/** The campaignConfig the form's values ask for; keeps the members the form does not show. */
export function campaignConfigOf(values, previous = {}) {
  const config = { ...previous };
  const influence = {};
  if (values.popularity) influence.POPULARITY = values.popularity;
  if (values.freshness) influence.FRESHNESS = values.freshness;
  if (Object.keys(influence).length) config.rankingInfluence = influence;
  else delete config.rankingInfluence;
  const exploration = {};
  if (values.explorationWeight !== undefined) exploration.explorationWeight = String(values.explorationWeight);
  if (values.explorationItemAgeCutOff !== undefined) exploration.explorationItemAgeCutOff = String(values.explorationItemAgeCutOff);
  if (Object.keys(exploration).length) config.itemExplorationConfig = exploration;
  else delete config.itemExplorationConfig;
  for (const flag of ['enableMetadataWithRecommendations', 'syncWithLatestSolutionVersion']) {
    if (values[flag] === true) config[flag] = true;
    else delete config[flag];
  }
  return config;
}

/** The solutionVersionArn to send: the version, or its solution's $LATEST when the campaign follows it. */
export function deployedVersion(solutionVersionArn, values) {
  if (!values.syncWithLatestSolutionVersion) return solutionVersionArn;
  return `${solutionVersionArn.slice(0, solutionVersionArn.lastIndexOf('/'))}/$LATEST`;
}
