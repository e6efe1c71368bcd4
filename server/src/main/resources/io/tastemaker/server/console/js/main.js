// Boot: asks the server whether a login is needed, registers the pages and starts the router.
import { getSession, logout } from './api.js';
import { session, updateSession, onSessionChange } from './session.js';
import { page, setGuard, start, go } from './router.js';
import { renderUser, setCrumbs } from './layout.js';
import { note } from './ui.js';
import { loginPage } from './pages/login.js';
import { groupsPage } from './pages/groups.js';
import { groupPage } from './pages/group.js';
import { datasetPage } from './pages/dataset.js';
import { solutionPage } from './pages/solution.js';
import { versionPage } from './pages/version.js';
import { campaignPage } from './pages/campaign.js';
import { recommenderPage } from './pages/recommender.js';
import { filterPage } from './pages/filter.js';
import { trackerPage } from './pages/tracker.js';
import { batchJobPage } from './pages/batch-job.js';
import { segmentJobPage } from './pages/segment-job.js';

async function signOut() {
  try {
    await logout();
  } catch (e) {
    console.warn('logout failed', e);
  }
  session.returnTo = '#/';
  updateSession({ signedIn: false, accessKeyId: null });
  go('#/login');
}

onSessionChange(() => renderUser(signOut));

page('', groupsPage);
page('groups', groupPage);
page('datasets', datasetPage);
page('solutions', solutionPage);
page('versions', versionPage);
page('campaigns', campaignPage);
page('recommenders', recommenderPage);
page('filters', filterPage);
page('trackers', trackerPage);
page('batch-jobs', batchJobPage);
page('segment-jobs', segmentJobPage);
page('login', loginPage);
page('*', ({ view }) => {
  setCrumbs(['Not found', '']);
  view.append(note('There is no such page here.'), note('Go back to the dataset groups with the link above.'));
});

setGuard(({ name }) => {
  if (session.loginRequired && !session.signedIn && name !== 'login') {
    session.returnTo = location.hash || '#/';
    return '#/login';
  }
  if (name === 'login' && (!session.loginRequired || session.signedIn)) return '#/';
  return null;
});

async function boot() {
  try {
    updateSession(await getSession());
  } catch (e) {
    // Without the session endpoint the console still works against an open server.
    console.warn('session check failed', e);
    updateSession({ loginRequired: false, signedIn: false });
  }
  start();
}

boot();
