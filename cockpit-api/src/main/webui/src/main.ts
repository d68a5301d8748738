import './style.css';
import { ActivityFeed } from './activity';
import { Actions } from './actions';
import { Inspector } from './inspector';
import { ApiError, login, logout, me } from './api';
import { renderFleet, tickTtls } from './fleet';
import { LiveFleet } from './live';
import { LogsView } from './logs';
import { PerfView } from './perf';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

async function start(): Promise<void> {
  try {
    const who = await me();
    showApp(who.operator);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) showLogin();
    else throw e;
  }
}

function showLogin(): void {
  $('app').hidden = true;
  $('login').hidden = false;
  $('login-form').onsubmit = async (ev) => {
    ev.preventDefault();
    $('login-error').textContent = '';
    try {
      const who = await login($<HTMLInputElement>('login-user').value, $<HTMLInputElement>('login-password').value);
      showApp(who.operator);
    } catch (e) {
      $('login-error').textContent = (e as Error).message;
    }
  };
}

function showApp(operator: string): void {
  $('login').hidden = true;
  $('app').hidden = false;
  $('operator').textContent = operator;
  const fleet = new LiveFleet();
  // The end-to-end test reads the seq bookkeeping from here (and forces a gap).
  (window as unknown as { booFleet: LiveFleet }).booFleet = fleet;
  const feed = new ActivityFeed($('feed'), $('feed-spacer'), $('activity-count'), $('detail'), {
    host: $('f-host'), model: $('f-model'), source: $('f-source'), status: $('f-status'),
  }, new Inspector($('inspector')));
  const perf = new PerfView($('perf-note'));
  const logs = new LogsView(fleet, {
    host: $('l-host'), source: $('l-source'), search: $('l-search'), count: $('log-count'),
    live: $('log-live'), notice: $('log-notice'), scroller: $('log'), spacer: $('log-spacer'),
  });
  const actions = new Actions($('hosts'), $<HTMLDialogElement>('takeover'), $('action-notice'));
  let range = '1h';
  let perfPicked = false;
  const perfHost = $<HTMLSelectElement>('p-host');

  fleet.onConn((s) => {
    const chip = $('conn');
    chip.textContent = s === 'live' ? 'live' : s === 'reconnecting' ? 'reconnecting…' : 'connecting…';
    chip.className = `chip ${s === 'live' ? 'green' : 'amber'}`;
  });
  let snapshotsSeen = 0;
  fleet.onChange((host, delta) => {
    // A snapshot after the first means frames were skipped: activity is not in a snapshot.
    if (!delta && ++snapshotsSeen > 1) void feed.loadRecent();
    const swap = delta && delta.event === 'model.transition' && (delta.data as { swap?: boolean }).swap
      ? { host: delta.host, model: String((delta.data as { modelId?: string }).modelId) } : undefined;
    if (!delta || delta.type === 'control_fleet' || delta.type === 'control_perf' || delta.type === 'control_job') renderFleet(fleet, $('hosts'), swap);
    else if (delta.event === 'activity.recorded') tickTtls(fleet, $('hosts'));
    logs.onChange(delta);
    if (delta) {
      feed.onDelta(delta);
      actions.onDelta(delta);
    }
    if (!host || ![...perfHost.options].some((o) => o.value === host)) {
      for (const id of fleet.hosts.keys()) if (![...perfHost.options].some((o) => o.value === id)) perfHost.add(new Option(id, id));
      // Start on a host that is up rather than the first name.
      const up = [...fleet.hosts.values()].find((h) => h.liveness === 'CONNECTED');
      if (up && !perfPicked) perfHost.value = up.hostId;
    }
  });
  setInterval(() => renderFleet(fleet, $('hosts')), 15_000); // "last seen" ages
  setInterval(() => tickTtls(fleet, $('hosts')), 1_000); // one timer for every TTL countdown

  for (const b of document.querySelectorAll<HTMLButtonElement>('.tab')) {
    b.onclick = () => {
      document.querySelectorAll('.tab').forEach((x) => x.classList.toggle('active', x === b));
      for (const t of ['fleet', 'activity', 'perf', 'logs']) $(`tab-${t}`).hidden = t !== b.dataset.tab;
      if (b.dataset.tab === 'perf') void perf.show(perfHost.value, range);
      if (b.dataset.tab === 'logs') void logs.show();
      else logs.hide();
    };
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('.range')) {
    b.onclick = () => {
      range = b.dataset.range!;
      document.querySelectorAll('.range').forEach((x) => x.classList.toggle('active', x === b));
      void perf.show(perfHost.value, range);
    };
  }
  perfHost.onchange = () => {
    perfPicked = true;
    void perf.show(perfHost.value, range);
  };
  $('logout').onclick = async () => {
    fleet.stop();
    await logout();
    location.reload();
  };
  fleet.connect();
  void feed.loadRecent();
}

void start();
