// Keeps a piece of a page fresh: reloads it every ~2 s while anything in it is still in progress.
const INTERVAL_MS = 2000;

/**
 * Returns refresh(): loads, renders, and while busy(data) schedules itself again, until the page's
 * signal aborts. A newer refresh() (after a create, say) supersedes the pending one.
 */
export function live(signal, load, render, busy) {
  let generation = 0;
  let timer = null;
  signal.addEventListener('abort', () => clearTimeout(timer));

  async function refresh() {
    const mine = ++generation;
    clearTimeout(timer);
    const data = await load();
    if (signal.aborted || mine !== generation) return data;
    render(data);
    if (busy(data)) timer = setTimeout(() => tick(mine), INTERVAL_MS);
    return data;
  }

  async function tick(mine) {
    if (signal.aborted || mine !== generation) return;
    try {
      await refresh();
    } catch (e) {
      // A transient failure should not freeze the page; a deleted resource ends the polling.
      console.warn('polling failed', e);
      if (e.type !== 'ResourceNotFoundException' && !signal.aborted && mine + 1 === generation) {
        timer = setTimeout(() => tick(generation), INTERVAL_MS * 2);
      }
    }
  }

  return refresh;
}
