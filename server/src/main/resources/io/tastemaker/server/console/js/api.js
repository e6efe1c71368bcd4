// Every HTTP call of the console: the control plane, the runtime and the console's own endpoints.
import { session, updateSession } from './session.js';

export class ApiError extends Error {
  constructor(type, message, status, body) {
    super(message);
    this.type = type;
    this.status = status;
    this.body = body;
  }
}

/**
 * The error types of a refused signature or session. They come with 400 on the control plane
 * (awsJson1_1) and 403 elsewhere, as AWS sends them, so the type, not the status, says "sign in again".
 */
const SIGN_IN_ERRORS = new Set(['MissingAuthenticationTokenException', 'UnrecognizedClientException', 'InvalidSignatureException', 'IncompleteSignatureException']);

/** The error type as AWS clients read it: "ns#Type:extra" -> "Type". */
function errorType(response, body) {
  const raw = (body && (body.__type || body.code)) || response.headers.get('x-amzn-errortype') || `HTTP ${response.status}`;
  return String(raw).split(':')[0].split('#').pop();
}

async function send(path, { contentType, headers = {}, body, method = 'POST' }) {
  const init = {
    method,
    credentials: 'same-origin',
    // The server only honours the session cookie together with this header (its CSRF guard).
    headers: { 'X-Tastemaker-Console': '1', ...headers },
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = contentType;
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError('NetworkError', `Could not reach the Tastemaker server (${e.message}).`, 0, null);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { message: text };
    }
  }
  if (!response.ok) {
    const error = new ApiError(errorType(response, data), (data && (data.message || data.Message)) || response.statusText, response.status, data);
    if ((response.status === 401 || SIGN_IN_ERRORS.has(error.type)) && session.loginRequired && path !== '/console/api/login') {
      signInAgain();
    }
    throw error;
  }
  return data || {};
}

function signInAgain() {
  if (!location.hash.startsWith('#/login')) {
    session.returnTo = location.hash || '#/';
  }
  updateSession({ signedIn: false, accessKeyId: null });
  location.hash = '#/login';
}

/** A control-plane operation (awsJson1_1): control('ListDatasetGroups', {}). */
export function control(operation, input = {}) {
  return send('/', {
    contentType: 'application/x-amz-json-1.1',
    headers: { 'X-Amz-Target': `AmazonPersonalize.${operation}` },
    body: input,
  });
}

/** Every page of a List* operation; key is the list member (ListFilters calls it "Filters"). */
export async function listAll(operation, input, key) {
  const all = [];
  let nextToken;
  do {
    const page = await control(operation, { ...input, maxResults: 100, ...(nextToken ? { nextToken } : {}) });
    all.push(...(page[key] || []));
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

/** The answer, or null when the resource was deleted meanwhile (ResourceNotFoundException). */
export async function unlessGone(promise) {
  try {
    return await promise;
  } catch (e) {
    if (e.type === 'ResourceNotFoundException') return null;
    throw e;
  }
}

/**
 * describe(x) for each listed x; deletion is asynchronous, so a listed resource may be gone by the
 * time it is described: those are left out rather than failing the whole table.
 */
export async function describeEach(list, describe) {
  const all = await Promise.all(list.map((x) => unlessGone(describe(x))));
  return all.filter((x) => x !== null && x !== undefined);
}

/** A runtime operation (restJson1): runtime('/recommendations', {...}). */
export function runtime(path, body) {
  return send(path, { contentType: 'application/json', body });
}

export function getSession() {
  return send('/console/api/session', { method: 'GET' });
}

export function login(accessKeyId, secretAccessKey) {
  return send('/console/api/login', { contentType: 'application/json', body: { accessKeyId, secretAccessKey } });
}

export function logout() {
  return send('/console/api/logout', { contentType: 'application/json', body: {} });
}

/** Item metadata for a result table: {fields: [...], items: {id: {FIELD: value}}}. */
export function itemMetadata(datasetGroupArn, itemIds) {
  return send('/console/api/items', { contentType: 'application/json', body: { datasetGroupArn, itemIds } });
}

/** {valid: true} or {valid: false, message}. */
export function checkFilter(datasetGroupArn, filterExpression) {
  return send('/console/api/check-filter', { contentType: 'application/json', body: { datasetGroupArn, filterExpression } });
}

/** A metric attribution's values per hour and source: {windowSeconds, values: [{metricName, eventType, source, windowStart, value}]}. */
export function attributionMetrics(metricAttributionArn) {
  return send('/console/api/attribution-metrics', { contentType: 'application/json', body: { metricAttributionArn } });
}
