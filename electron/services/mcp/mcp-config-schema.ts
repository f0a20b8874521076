import { z } from 'zod';

/**
 * The saved form of MCP servers (`<data>/mcp-servers.json`). Environment and header values are
 * ciphertext from the app's SecretBox, never plain text; per-tool switches live with their server.
 */
const cipherValues = z.record(z.string(), z.string());

export const storedTransportSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('stdio'),
    command: z.string().min(1),
    args: z.array(z.string()),
    env: cipherValues,
    cwd: z.string().optional(),
  }),
  z.object({ kind: z.enum(['http', 'sse']), url: z.string().min(1), headers: cipherValues }),
]);
export type StoredTransport = z.infer<typeof storedTransportSchema>;

export const storedToolPrefsSchema = z.object({
  enabled: z.boolean().optional(),
  alwaysAllowed: z.boolean().optional(),
});
export type StoredToolPrefs = z.infer<typeof storedToolPrefsSchema>;

export const storedServerSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  enabled: z.boolean(),
  transport: storedTransportSchema,
  timeoutSeconds: z.number().int().positive().optional(),
  tools: z.record(z.string(), storedToolPrefsSchema),
});
export type StoredServer = z.infer<typeof storedServerSchema>;

/** Each server on its own: one damaged entry does not take the others with it. */
export function parseStoredServers(data: unknown): { value: StoredServer[]; damaged: string[] } {
  if (!Array.isArray(data)) return { value: [], damaged: data === undefined ? [] : ['servers'] };
  const value: StoredServer[] = [];
  const damaged: string[] = [];
  data.forEach((entry: unknown, index) => {
    const parsed = storedServerSchema.safeParse(entry);
    if (parsed.success) value.push(parsed.data);
    else damaged.push(`server ${index + 1}`);
  });
  return { value, damaged };
}
