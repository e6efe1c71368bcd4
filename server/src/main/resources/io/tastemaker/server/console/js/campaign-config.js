// The campaignConfig members the campaign forms set: ranking influence, metadata in recommendations
// and following the solution's latest version.

/** Form fields for a campaign's configuration, filled from an existing one. */
export function campaignConfigFields(config = {}) {
  const influence = config.rankingInfluence || {};
  return [
    { name: 'popularity', label: 'Ranking influence: POPULARITY', type: 'number', min: 0, max: 1, step: 0.05, value: influence.POPULARITY ?? 0,
      hint: '0 to 1: how much more popular items move up.' },
    { name: 'freshness', label: 'Ranking influence: FRESHNESS', type: 'number', min: 0, max: 1, step: 0.05, value: influence.FRESHNESS ?? 0,
      hint: '0 to 1: how much newer items (Items CREATION_TIMESTAMP) move up.' },
    { name: 'enableMetadataWithRecommendations', label: 'Item metadata in recommendations (enableMetadataWithRecommendations)', type: 'checkbox',
      value: config.enableMetadataWithRecommendations === true, hint: 'Requests may then ask for Items columns (metadataColumns).' },
    { name: 'syncWithLatestSolutionVersion', label: "Follow the solution's latest version (syncWithLatestSolutionVersion)", type: 'checkbox',
      value: config.syncWithLatestSolutionVersion === true, hint: 'Deploys SolutionArn/$LATEST now and each new ACTIVE version trained in FULL mode.' },
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
