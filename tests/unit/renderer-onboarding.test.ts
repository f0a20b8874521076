import { describe, expect, it } from 'vitest';
import type { DiscoveredServer } from '../../shared/domain/discovery';
import type { PullProgress } from '../../shared/domain/ollama-models';
import { profilePresets, type ProfileView } from '../../shared/domain/profiles';
import { AppController } from '../../renderer/src/state/app-controller';
import { initialAppState, type AppState } from '../../renderer/src/state/app-state';
import { readiness, startHint } from '../../renderer/src/state/onboarding/backend-readiness';
import {
  isFirstRun,
  noProfileReachable,
  onboardingDue,
} from '../../renderer/src/state/onboarding/onboarding-due';
import { freeProfileName } from '../../renderer/src/state/onboarding/profile-name';
import {
  modelsSummary,
  pullPercent,
  pullProgressText,
  timeLeftText,
} from '../../renderer/src/state/models/pull-format';
import { FakeApi, FakeConnection } from './renderer-fake-api';

const builtIn: ProfileView = {
  id: 'p1',
  name: 'Ollama',
  kind: 'ollama',
  baseUrl: profilePresets.ollama.baseUrl,
  params: {},
  hasApiKey: false,
  apiKeySource: 'none',
  location: 'local',
};

const state = (patch: Partial<AppState>): AppState => ({
  ...initialAppState,
  conversationsLoaded: true,
  profilesLoaded: true,
  profiles: [builtIn],
  defaultProfileId: builtIn.id,
  ...patch,
});

const status = (profileId: string, s: 'online' | 'unreachable' | 'unknown' | 'offline') => ({
  profileId,
  state: s,
  summary: '',
  checkedAt: 1,
});

describe('when the welcome screen offers itself', () => {
  it('on first run: no conversations and only the untouched built-in Ollama profile', () => {
    expect(isFirstRun(state({}))).toBe(true);
    expect(onboardingDue(state({}))).toBe(true);
    // A backend given on the command line, or one the user edited, is not the built-in default.
    expect(
      isFirstRun(state({ profiles: [{ ...builtIn, baseUrl: 'http://127.0.0.1:5000/v1', kind: 'custom' }] })),
    ).toBe(false);
    expect(isFirstRun(state({ profiles: [{ ...builtIn, defaultModel: 'llama3.2' }] }))).toBe(false);
    expect(isFirstRun(state({ profiles: [builtIn, { ...builtIn, id: 'p2', name: 'Other' }] }))).toBe(false);
    expect(
      isFirstRun(
        state({
          conversations: [{ id: 'c1', title: 'Hi', createdAt: 1, updatedAt: 1 }] as AppState['conversations'],
        }),
      ),
    ).toBe(false);
    // Not before both lists arrived.
    expect(isFirstRun(state({ conversationsLoaded: false }))).toBe(false);
  });

  it('when every profile was checked and none answers; not while one is unknown or merely offline', () => {
    const two = [builtIn, { ...builtIn, id: 'p2', name: 'Cloud', location: 'cloud' as const }];
    const down = { p1: status('p1', 'unreachable'), p2: status('p2', 'unreachable') };
    expect(noProfileReachable(state({ profiles: two, profileStatuses: down }))).toBe(true);
    expect(
      noProfileReachable(state({ profiles: two, profileStatuses: { ...down, p2: status('p2', 'offline') } })),
    ).toBe(false);
    expect(
      noProfileReachable(state({ profiles: two, profileStatuses: { p1: status('p1', 'unreachable') } })),
    ).toBe(false);
  });

  it('never over a conversation that has messages', () => {
    const open = { id: 'c1', messages: [{ id: 'm1' }] } as unknown as AppState['open'];
    const down = { p1: status('p1', 'unreachable') };
    expect(onboardingDue(state({ profileStatuses: down, selectedId: 'c1', open }))).toBe(false);
  });
});

describe('the empty state tells the truth about its backend', () => {
  it('local only once it answered, cloud never as local, unreachable with what to do', () => {
    expect(readiness({ location: 'local' }, status('p', 'online'))).toBe('ready');
    expect(readiness({ location: 'local' }, status('p', 'unknown'))).toBe('checking');
    expect(readiness({ location: 'local' }, status('p', 'unreachable'))).toBe('unreachable');
    expect(readiness({ location: 'cloud' }, status('p', 'online'))).toBe('cloud');
    expect(readiness({ location: 'cloud' }, undefined)).toBe('cloud');
    expect(readiness({ location: 'cloud' }, status('p', 'unreachable'))).toBe('unreachable');
    expect(startHint('ollama')).toContain('`ollama serve`');
  });
});

describe('pull progress and model lists in words', () => {
  const running: PullProgress = {
    pullId: 'x',
    profileId: 'p1',
    model: 'llama3.2',
    state: 'running',
    status: 'pulling 6a0746a1ec1a',
    completedBytes: 1_200_000_000,
    totalBytes: 2_000_000_000,
    bytesPerSecond: 25_000_000,
    secondsLeft: 32,
  };

  it('percent, bytes, speed and time left, with only what is known', () => {
    expect(pullPercent(running)).toBe(60);
    expect(pullProgressText(running)).toBe('60% · 1.2 GB of 2.0 GB · 25 MB/s · 32 s left');
    expect(pullProgressText({ ...running, completedBytes: undefined, totalBytes: undefined })).toBe(
      '25 MB/s · 32 s left',
    );
    expect(
      pullProgressText({
        ...running,
        status: 'pulling manifest',
        completedBytes: undefined,
        bytesPerSecond: undefined,
        secondsLeft: undefined,
      }),
    ).toBe('pulling manifest');
    expect(pullPercent({ completedBytes: 5, totalBytes: 0 })).toBeUndefined();
    expect(timeLeftText(125)).toBe('2 min 5 s left');
    expect(timeLeftText(3780)).toBe('1 h 3 min left');
  });

  it('names the models a successful test found', () => {
    expect(modelsSummary(['llama3.2'])).toBe('1 model: llama3.2');
    expect(modelsSummary(['a', 'b'])).toBe('2 models: a and b');
    const twelve = Array.from({ length: 12 }, (_, i) => String.fromCharCode(97 + i));
    expect(modelsSummary(twelve)).toBe('12 models: a, b, c and 9 more');
    expect(modelsSummary([], 4)).toBe('4 models');
  });

  it('a profile made in one click gets a name no other profile has', () => {
    expect(freeProfileName('Ollama', ['LM Studio'])).toBe('Ollama');
    expect(freeProfileName('Ollama', ['ollama'], 11500)).toBe('Ollama (port 11500)');
    expect(freeProfileName('Ollama', ['Ollama', 'Ollama (port 1)'], 1)).toBe('Ollama (port 1) 2');
    expect(freeProfileName('OpenAI', ['OpenAI'])).toBe('OpenAI 2');
  });
});

describe('pulls as events arrive', () => {
  it('keeps the final state when a late progress event arrives, and refreshes the model list once done', async () => {
    const api = new FakeApi({ 'models.list': () => ({ ok: true, value: { models: [{ id: 'llama3.2' }] } }) });
    const app = new AppController(api, new FakeConnection());
    const base = { pullId: 'a', profileId: 'p1', model: 'llama3.2', status: 'x' };
    app.models.onPull({ ...base, state: 'running', completedBytes: 1, totalBytes: 2 });
    app.models.onPull({ ...base, state: 'done' });
    app.models.onPull({ ...base, state: 'running', completedBytes: 2, totalBytes: 2 });
    expect(app.models.store.getState().pulls.a?.state).toBe('done');
    await Promise.resolve();
    expect(api.calls.filter((c) => c.route === 'models.list')).toEqual([
      { route: 'models.list', input: { profileId: 'p1' } },
    ]);
  });
});

describe('"Use this" on a found server', () => {
  it('saves a profile from the kind’s preset and makes it the default when the default does not answer', async () => {
    const created: ProfileView = {
      ...builtIn,
      id: 'p2',
      name: 'Ollama (port 11500)',
      baseUrl: 'http://127.0.0.1:11500/v1',
      defaultModel: 'llama3.2',
    };
    const api = new FakeApi({
      'profiles.create': () => ({ ok: true, value: created }),
      'profiles.setDefault': () => ({ ok: true, value: { defaultProfileId: 'p2' } as never }),
    });
    const app = new AppController(api, new FakeConnection());
    app.store.setState(state({ profileStatuses: { p1: status('p1', 'unreachable') } }));
    const server: DiscoveredServer = {
      kind: 'ollama',
      baseUrl: 'http://127.0.0.1:11500/v1',
      port: 11500,
      server: 'Ollama 0.12.3',
      models: ['llama3.2'],
    };
    const used = await app.onboarding.use(server);
    expect(used.ok).toBe(true);
    expect(api.calls.find((c) => c.route === 'profiles.create')?.input).toEqual({
      name: 'Ollama (port 11500)',
      kind: 'ollama',
      baseUrl: 'http://127.0.0.1:11500/v1',
      defaultModel: 'llama3.2',
    });
    expect(api.calls.find((c) => c.route === 'profiles.setDefault')?.input).toEqual({ id: 'p2' });
    expect(app.onboarding.store.getState().added).toEqual({ 'http://127.0.0.1:11500/v1': 'p2' });
  });

  it('leaves a default that answers alone', async () => {
    const api = new FakeApi({
      'profiles.create': () => ({ ok: true, value: { ...builtIn, id: 'p2', name: 'LM Studio' } }),
    });
    const app = new AppController(api, new FakeConnection());
    app.store.setState(state({ profileStatuses: { p1: status('p1', 'online') } }));
    await app.onboarding.use({
      kind: 'lmstudio',
      baseUrl: 'http://127.0.0.1:1234/v1',
      port: 1234,
      server: 'LM Studio',
      models: [],
    });
    expect(api.routes()).not.toContain('profiles.setDefault');
  });
});
