// The signed-in state the server reported, shared by the API client, the router and the top bar.
export const session = {
  loginRequired: false,
  signedIn: false,
  accessKeyId: null,
  /** The page to return to after signing in. */
  returnTo: '#/',
};

const listeners = [];

export function onSessionChange(listener) {
  listeners.push(listener);
}

export function updateSession(values) {
  Object.assign(session, values);
  for (const listener of listeners) listener(session);
}
