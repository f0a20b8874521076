import { describe, expect, it } from 'vitest';
import { profilePresets, type ProfileStatus, type ProfileView } from '../../shared/domain/profiles';
import {
  buildInput,
  fieldId,
  formFromPreset,
  formFromProfile,
  uniqueName,
  withKind,
  type ProfileForm,
} from '../../renderer/src/components/settings/profile-form';
import { formatBytes, modelDetails, modelLabel } from '../../renderer/src/format/model-info';
import { statusGlyph, statusText, statusTone } from '../../renderer/src/format/profile-status';

const saved: ProfileView = {
  id: 'p1',
  name: 'Local Ollama',
  kind: 'ollama',
  baseUrl: 'http://127.0.0.1:11434/v1',
  defaultModel: 'llama3.2:1b',
  params: { temperature: 0.7, maxTokens: 512 },
  hasApiKey: true,
  apiKeySource: 'saved',
  location: 'local',
};

const form = (patch: Partial<ProfileForm> = {}): ProfileForm => ({ ...formFromProfile(saved), ...patch });
const params = (patch: Partial<ProfileForm['params']>): ProfileForm['params'] => ({
  ...formFromProfile(saved).params,
  ...patch,
});

describe('profile form → contract input', () => {
  it('round-trips a saved profile, leaving the untouched key out and the URL normalised', () => {
    const built = buildInput(form({ baseUrl: ' http://127.0.0.1:11434/v1/chat/completions/ ' }), {
      isNew: false,
    });
    expect(built).toEqual({
      ok: true,
      input: {
        name: 'Local Ollama',
        kind: 'ollama',
        baseUrl: 'http://127.0.0.1:11434/v1',
        defaultModel: 'llama3.2:1b',
        params: { temperature: 0.7, maxTokens: 512 },
      },
    });
    expect(built.ok && 'apiKey' in built.input).toBe(false);
  });

  it('sends a typed key, null to remove one, and null to clear a saved default model', () => {
    const typed = buildInput(form({ key: { mode: 'set', value: ' sk-abc ' }, defaultModel: '' }), {
      isNew: false,
    });
    expect(typed.ok && typed.input.apiKey).toBe('sk-abc');
    expect(typed.ok && typed.input.defaultModel).toBeNull();
    const removed = buildInput(form({ key: { mode: 'remove' } }), { isNew: false });
    expect(removed.ok && removed.input.apiKey).toBeNull();
    const fresh = buildInput(formFromPreset(profilePresets.ollama, 'Ollama'), { isNew: true });
    expect(fresh.ok && 'defaultModel' in fresh.input).toBe(false);
    expect(fresh.ok && 'apiKey' in fresh.input).toBe(false);
  });

  it('reports each bad field under the name main uses, with the schema’s words', () => {
    const built = buildInput(
      form({
        name: '  ',
        baseUrl: 'ftp://example.com',
        key: { mode: 'set', value: 'sk-one two' },
        params: params({ temperature: '5', topP: 'abc' }),
      }),
      { isNew: false },
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.fields.name).toBe('Give the profile a name.');
    expect(built.fields.baseUrl).toMatch(/scheme "ftp" is not supported/);
    expect(built.fields.apiKey).toMatch(/spaces or line breaks/);
    expect(built.fields['params.temperature']).toBe('Temperature is at most 2.');
    expect(built.fields['params.topP']).toBe('Top P must be a number.');
  });

  it('treats a number the browser could not read as an error, not as "default"', () => {
    const built = buildInput(form({ params: params({ temperature: '' }) }), {
      isNew: false,
      badInput: new Set(['temperature']),
    });
    expect(built).toEqual({ ok: false, fields: { 'params.temperature': 'Temperature must be a number.' } });
  });

  it('rejects a malformed URL and whole-number fields with fractions', () => {
    const built = buildInput(form({ baseUrl: 'http://exa mple', params: params({ maxTokens: '1.5' }) }), {
      isNew: false,
    });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.fields.baseUrl).toMatch(/is not a URL/);
    expect(built.fields['params.maxTokens']).toBe('Max tokens must be a whole number.');
  });
});

describe('profile form helpers', () => {
  it('names a new profile after its preset, numbered when taken', () => {
    expect(uniqueName('Ollama', ['OpenAI'])).toBe('Ollama');
    expect(uniqueName('Ollama', ['ollama', 'Ollama 2'])).toBe('Ollama 3');
  });

  it('brings the preset URL along when the kind changes, unless the user typed one', () => {
    const fromPreset = formFromPreset(profilePresets.ollama, 'X');
    expect(withKind(fromPreset, 'litellm').baseUrl).toBe(profilePresets.litellm.baseUrl);
    const typed = { ...fromPreset, baseUrl: 'http://gpu-box:8000/v1' };
    expect(withKind(typed, 'openai').baseUrl).toBe('http://gpu-box:8000/v1');
    // Custom has no URL of its own: the previous one stays.
    expect(withKind(fromPreset, 'custom').baseUrl).toBe(profilePresets.ollama.baseUrl);
  });

  it('starts a saved profile with its key kept and its numbers as text', () => {
    const f = formFromProfile(saved);
    expect(f.key).toEqual({ mode: 'keep' });
    expect(f.params).toEqual({ temperature: '0.7', topP: '', maxTokens: '512', contextLength: '' });
    expect(formFromProfile({ ...saved, hasApiKey: false, apiKeySource: 'none' }).key).toEqual({
      mode: 'set',
      value: '',
    });
    expect(fieldId('params.topP')).toBe('profile-params-topP');
  });
});

describe('status and model wording', () => {
  const status = (state: ProfileStatus['state'], summary = ''): ProfileStatus => ({
    profileId: 'p1',
    state,
    summary,
    checkedAt: 1,
  });

  it('says where a profile stands', () => {
    expect(statusText(status('online', '3 models · 12 ms'))).toBe('Online · 3 models · 12 ms');
    expect(statusText(status('offline'))).toBe('Offline — will reconnect');
    expect(statusText(status('unreachable', 'Connection refused.'))).toBe(
      'Not reachable — Connection refused.',
    );
    expect(statusText(status('error', 'The key was rejected.'))).toBe('The key was rejected.');
    expect(statusText(undefined)).toBe('Not checked yet');
    expect(statusTone(status('unreachable'))).toBe('problem');
    expect(statusGlyph(status('online'))).toBe('●');
  });

  it('describes Ollama models like `ollama list` does', () => {
    expect(formatBytes(1_234_567_890)).toBe('1.2 GB');
    expect(formatBytes(274_000_000)).toBe('274 MB');
    const model = { id: 'llama3.2:1b', sizeBytes: 1_234_567_890, quantization: 'Q4_K_M', loaded: true };
    expect(modelDetails(model)).toBe('1.2 GB · Q4_K_M · loaded');
    expect(modelLabel(model)).toBe('llama3.2:1b — 1.2 GB · Q4_K_M · loaded');
    expect(modelLabel({ id: 'gpt-4o-mini' })).toBe('gpt-4o-mini');
  });
});
