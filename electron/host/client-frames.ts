import type { RawData } from 'ws';
import type { HostServerMessage } from '../../shared/contract/api';
import { fail } from '../../shared/contract/result';
import { userError } from '../../shared/domain/errors';

/** A frame from a page: a request to run (the router judges route and input), or the answer it gets instead. */
export type ClientFrame =
  | { kind: 'invoke'; id: number; route: unknown; input: unknown }
  | { kind: 'refused'; answer: HostServerMessage };

const FIX = 'Send one JSON object per text frame: { "kind": "invoke", "id": <number>, "route", "input" }.';

const protocolError = (message: string): ClientFrame => ({
  kind: 'refused',
  answer: { kind: 'protocol-error', error: userError('invalid-input', message, FIX) },
});

/**
 * Reads one WebSocket frame without throwing. Whatever can be answered is: an unusable frame with a
 * numeric id gets an error envelope under that id (so the caller's promise settles); one without
 * gets a `protocol-error` the client can log. The route and input go to the router unchecked, which
 * validates both against the contract.
 */
export function readClientFrame(data: RawData, isBinary: boolean): ClientFrame {
  if (isBinary) return protocolError('The host got a binary frame; requests are JSON text.');
  let value: unknown;
  try {
    value = JSON.parse(rawText(data));
  } catch {
    return protocolError('The host got a frame that is not JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return protocolError('The host got a frame that is not a JSON object.');
  }
  const { kind, id, route, input } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isFinite(id)) {
    return protocolError(`The frame's id must be a number, not ${describe(id)}.`);
  }
  if (kind !== 'invoke') {
    const error = userError('invalid-input', `Unknown frame kind ${describe(kind)}.`, FIX);
    return { kind: 'refused', answer: { kind: 'result', id, result: fail(error) } };
  }
  return { kind: 'invoke', id, route, input };
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString('utf8');
}

/** A short, safe name of a value for a message: never calls the value's own methods. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'undefined' ? 'missing' : `a ${typeof value}`;
}
