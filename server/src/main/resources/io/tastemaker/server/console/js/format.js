// Pure formatting helpers: ARNs to names and links, times, durations, statuses.

/** The part of an ARN after the resource type: "dataset-group/shop" -> "shop", "solution/s/1a2b" -> "s/1a2b". */
export function arnName(arn) {
  if (!arn) return '';
  const resource = String(arn).split(':').slice(5).join(':');
  const slash = resource.indexOf('/');
  return slash < 0 ? resource : resource.slice(slash + 1);
}

/** The last path segment of an ARN: a solution version's id, a recipe's name. */
export function lastSegment(arn) {
  return arn ? String(arn).slice(String(arn).lastIndexOf('/') + 1) : '';
}

/** The account id inside an ARN, used to prefill role ARNs. */
export function accountOf(arn) {
  return String(arn || '').split(':')[4] || '000000000000';
}

export function href(page, arn) {
  return `#/${page}/${encodeURIComponent(arn)}`;
}

const pad = (n) => String(n).padStart(2, '0');

/** Epoch seconds as local "YYYY-MM-DD HH:MM:SS". */
export function time(epochSeconds) {
  if (epochSeconds === undefined || epochSeconds === null) return '—';
  const d = new Date(Number(epochSeconds) * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** trainingHours as given plus a readable duration. */
export function hours(value) {
  if (value === undefined || value === null) return '—';
  const seconds = Number(value) * 3600;
  const readable = seconds < 60 ? `${seconds.toFixed(1)} s`
    : seconds < 3600 ? `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
      : `${(seconds / 3600).toFixed(2)} h`;
  return `${Number(value).toPrecision(4)} (${readable})`;
}

export function metric(value) {
  return value === undefined || value === null ? '—' : Number(value).toFixed(4);
}

/** True while a status says work is under way (CREATE PENDING, DELETE IN_PROGRESS, CREATE STOPPING...). */
export function isBusy(status) {
  return /PENDING|IN_PROGRESS|STOPPING/.test(status || '');
}

export function pretty(value) {
  return JSON.stringify(value, null, 2);
}

const TYPE_ORDER = ['INTERACTIONS', 'ITEMS', 'USERS'];

/** Datasets in the usual order: Interactions, Items, Users, then anything newer. */
export function byDatasetType(datasets) {
  const rank = (d) => (TYPE_ORDER.indexOf(String(d.datasetType).toUpperCase()) + 1) || TYPE_ORDER.length + 1;
  return [...datasets].sort((a, b) => rank(a) - rank(b));
}
