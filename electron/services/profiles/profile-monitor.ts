import type { ConnectionReport, ProfileStatus } from '../../../shared/domain/profiles';
import { defaultNetworkProbe, type BackendTarget, type NetworkProbe } from '../backends/backend-target';
import { testConnection } from '../backends/connection-test';

export interface MonitoredProfile {
  id: string;
  target: BackendTarget;
  location: 'local' | 'cloud';
}

export interface ProfileMonitorDeps {
  /** The profiles as they are now; asked on every round, so edits and removals are seen. */
  profiles: () => MonitoredProfile[];
  /** Called only when a profile's state or summary changes. */
  emit: (status: ProfileStatus) => void;
  /** Between full rounds. Default 30 s. */
  intervalMs?: number;
  network?: NetworkProbe;
  fetch?: typeof fetch;
  /** Epoch milliseconds. */
  now?: () => number;
  /** How often the network probe is read (no traffic). Default 5 s. */
  networkPollMs?: number;
  /** Per check. Default 5 s. */
  timeoutMs?: number;
  /**
   * The target to check, key included, read just before each check (so keys need not sit in the
   * profile list). Default: the profile's own `target`.
   */
  resolveTarget?: (profile: MonitoredProfile) => Promise<BackendTarget> | BackendTarget;
}

const OFFLINE_SUMMARY = 'Offline — will reconnect by itself';

interface Batch {
  all: boolean;
  ids: Set<string>;
  done: (() => void)[];
}

interface Known {
  status: ProfileStatus;
  /** What must change for an emit: the state and the summary without the latency, which always moves. */
  signature: string;
}

/**
 * Background status of every profile: a cheap `GET /models` per profile every interval, one at a
 * time, never overlapping. A cloud profile is not asked while the machine is offline and is checked
 * again as soon as the network probe says it is back, so it recovers by itself.
 */
export class ProfileMonitor {
  readonly #deps: ProfileMonitorDeps;
  readonly #network: NetworkProbe;
  readonly #now: () => number;
  readonly #known = new Map<string, Known>();
  #started = false;
  /** Bumped by start and stop, so a round that outlives a stop schedules nothing. */
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #poll: ReturnType<typeof setInterval> | undefined;
  #online = true;
  #abort = new AbortController();
  #queued: Batch | undefined;
  #busy = false;

  constructor(deps: ProfileMonitorDeps) {
    this.#deps = deps;
    this.#network = deps.network ?? defaultNetworkProbe;
    this.#now = deps.now ?? Date.now;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    const generation = ++this.#generation;
    this.#online = this.#network.isOnline();
    this.#poll = setInterval(() => this.#pollNetwork(), this.#deps.networkPollMs ?? 5_000);
    this.#poll.unref?.();
    void this.#round(generation);
  }

  stop(): void {
    if (!this.#started) return;
    this.#started = false;
    this.#generation++;
    clearTimeout(this.#timer);
    clearInterval(this.#poll);
    this.#timer = undefined;
    this.#poll = undefined;
    // In-flight checks are cut off and their results dropped; later explicit checks still work.
    this.#abort.abort();
    this.#abort = new AbortController();
  }

  statuses(): ProfileStatus[] {
    const profiles = this.#deps.profiles();
    this.#prune(profiles);
    return profiles.map(
      (p) =>
        this.#known.get(p.id)?.status ?? {
          profileId: p.id,
          state: 'unknown',
          summary: 'Not checked yet.',
          checkedAt: 0,
        },
    );
  }

  /** Checks one profile, or all, after whatever check is running; resolves when done. */
  checkNow(profileId?: string): Promise<void> {
    return this.#enqueue(profileId === undefined ? undefined : [profileId]);
  }

  #enqueue(ids: string[] | undefined): Promise<void> {
    const batch = (this.#queued ??= { all: false, ids: new Set(), done: [] });
    if (ids === undefined) batch.all = true;
    else for (const id of ids) batch.ids.add(id);
    const done = new Promise<void>((resolve) => batch.done.push(resolve));
    void this.#drain();
    return done;
  }

  /** The only place checks run: one batch after another, one profile after another. */
  async #drain(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      while (this.#queued) {
        const batch = this.#queued;
        this.#queued = undefined;
        try {
          await this.#run(batch);
        } finally {
          for (const resolve of batch.done) resolve();
        }
      }
    } finally {
      this.#busy = false;
    }
  }

  async #run(batch: Batch): Promise<void> {
    const profiles = this.#deps.profiles();
    this.#prune(profiles);
    // A stop() aborts this one: the rest of the batch is skipped and nothing it learnt is kept.
    const { signal } = this.#abort;
    for (const profile of profiles) {
      if (signal.aborted) return;
      if (!batch.all && !batch.ids.has(profile.id)) continue;
      const result = await this.#check(profile, signal);
      if (signal.aborted) return;
      // Removed while it was being checked: it has no status any more.
      if (!this.#deps.profiles().some((p) => p.id === profile.id)) continue;
      this.#record(result);
    }
  }

  async #round(generation: number): Promise<void> {
    await this.checkNow();
    if (generation !== this.#generation) return;
    this.#timer = setTimeout(() => void this.#round(generation), this.#deps.intervalMs ?? 30_000);
    this.#timer.unref?.();
  }

  #pollNetwork(): void {
    const online = this.#network.isOnline();
    if (online === this.#online) return;
    this.#online = online;
    const profiles = this.#deps.profiles();
    // Going offline: cloud profiles show it at once (no request is sent). Coming back: they and
    // anything that could not be reached are checked right away instead of at the next round.
    const ids = profiles
      .filter((p) => {
        if (p.location === 'cloud') return true;
        const state = this.#known.get(p.id)?.status.state;
        return online && (state === 'offline' || state === 'unreachable');
      })
      .map((p) => p.id);
    if (ids.length > 0) void this.#enqueue(ids);
  }

  async #check(profile: MonitoredProfile, signal: AbortSignal): Promise<Known> {
    const checkedAt = () => this.#now();
    if (profile.location === 'cloud' && !this.#network.isOnline()) {
      return this.#status(profile.id, 'offline', OFFLINE_SUMMARY, OFFLINE_SUMMARY, checkedAt());
    }
    let report: ConnectionReport;
    try {
      const target = this.#deps.resolveTarget ? await this.#deps.resolveTarget(profile) : profile.target;
      if (signal.aborted) throw signal.reason;
      report = await testConnection(
        { ...target, profileId: profile.id },
        {
          network: this.#network,
          now: this.#now,
          timeoutMs: this.#deps.timeoutMs ?? 5_000,
          diagnostics: false,
          signal,
          ...(this.#deps.fetch ? { fetch: this.#deps.fetch } : {}),
        },
      );
    } catch (error) {
      const message = `The check failed: ${error instanceof Error ? error.message : String(error)}`;
      return this.#status(profile.id, 'error', message, message, checkedAt());
    }
    return this.#fromReport(profile.id, report);
  }

  #fromReport(profileId: string, report: ConnectionReport): Known {
    const cause = report.error?.message ?? 'The check failed.';
    switch (report.outcome) {
      case 'ok': {
        const count = report.modelCount ?? 0;
        const models = `${count} ${count === 1 ? 'model' : 'models'}`;
        const summary = report.latencyMs === undefined ? models : `${models} · ${report.latencyMs} ms`;
        return this.#status(profileId, 'online', summary, models, report.checkedAt);
      }
      case 'offline':
        return this.#status(profileId, 'offline', OFFLINE_SUMMARY, OFFLINE_SUMMARY, report.checkedAt);
      case 'refused':
      case 'dns':
      case 'timeout':
        return this.#status(profileId, 'unreachable', cause, cause, report.checkedAt);
      default:
        return this.#status(profileId, 'error', cause, cause, report.checkedAt);
    }
  }

  #status(
    profileId: string,
    state: ProfileStatus['state'],
    summary: string,
    signatureSummary: string,
    checkedAt: number,
  ): Known {
    return { status: { profileId, state, summary, checkedAt }, signature: `${state}\n${signatureSummary}` };
  }

  #record(next: Known): void {
    const previous = this.#known.get(next.status.profileId);
    this.#known.set(next.status.profileId, next);
    if (previous?.signature === next.signature) return;
    try {
      this.#deps.emit(next.status);
    } catch {
      // A failing listener must not stop the checks.
    }
  }

  #prune(profiles: MonitoredProfile[]): void {
    const ids = new Set(profiles.map((p) => p.id));
    for (const id of this.#known.keys()) if (!ids.has(id)) this.#known.delete(id);
  }
}
