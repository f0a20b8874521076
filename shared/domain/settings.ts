import { z } from 'zod';

/** What the renderer may know about the backend: never the key itself, only whether one is set. */
export const backendViewSchema = z.object({
  baseUrl: z.string(),
  model: z.string().optional(),
  hasApiKey: z.boolean(),
});
export type BackendView = z.infer<typeof backendViewSchema>;

export const settingsViewSchema = z.object({
  backend: backendViewSchema,
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const DEFAULT_BASE_URL = 'http://127.0.0.1:11434/v1';
