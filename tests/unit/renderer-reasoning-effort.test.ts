import { describe, expect, it } from 'vitest';
import { profilePresets, type ProfileView } from '../../shared/domain/profiles';
import {
  buildInput,
  formFromPreset,
  formFromProfile,
} from '../../renderer/src/components/settings/profile-form';
import { parseReasoningEffort, reasoningEffortLabels } from '../../renderer/src/format/reasoning-effort';

const saved: ProfileView = {
  id: 'p1',
  name: 'Qwen on Ollama',
  kind: 'ollama',
  baseUrl: 'http://127.0.0.1:11434/v1',
  defaultModel: 'qwen3',
  params: { temperature: 0.6, reasoningEffort: 'low' },
  hasApiKey: false,
  apiKeySource: 'none',
  location: 'local',
};

describe('reasoning effort in the profile editor', () => {
  it("shows the profile's effort and sends it back with the other generation settings", () => {
    const form = formFromProfile(saved);
    expect(form.reasoningEffort).toBe('low');
    const built = buildInput({ ...form, reasoningEffort: 'none' }, { isNew: false });
    expect(built.ok && built.input.params).toEqual({ temperature: 0.6, reasoningEffort: 'none' });
  });

  it('sends nothing when left at Default, so the server decides', () => {
    const fresh = formFromPreset(profilePresets.ollama, 'Ollama');
    expect(fresh.reasoningEffort).toBe('');
    const built = buildInput(fresh, { isNew: true });
    expect(built.ok && 'reasoningEffort' in built.input.params).toBe(false);
    const cleared = buildInput({ ...formFromProfile(saved), reasoningEffort: '' }, { isNew: false });
    expect(cleared.ok && cleared.input.params).toEqual({ temperature: 0.6 });
  });

  it('reads a select value back to an effort, the empty choice to none chosen', () => {
    expect(parseReasoningEffort('high')).toBe('high');
    expect(parseReasoningEffort('')).toBeUndefined();
    expect(parseReasoningEffort('extreme')).toBeUndefined();
    expect(Object.values(reasoningEffortLabels)).toEqual(['None', 'Low', 'Medium', 'High']);
  });
});
