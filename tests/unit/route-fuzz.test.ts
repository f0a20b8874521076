import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeNames, routes, type RouteName } from '../../shared/contract/routes';
import { errorCodes } from '../../shared/domain/user-error-schema';
import type { Result } from '../../shared/contract/result';
import { HostFixture, PageSocket } from '../support/host-wire';

/**
 * Property-based fuzz of every route in the contract, sent as real frames through the socket of a
 * running browser host (its data in a temp folder, so destructive routes harm nothing): wrong types,
 * huge strings, deep nesting, prototype-pollution keys, and route names that are not strings. Every
 * frame gets an envelope: an error naming the cause (never an internal error, which would mean an
 * input slipped past validation and broke a handler), or a valid answer where the random input
 * happened to be valid. Afterwards the host still serves and no prototype was touched.
 */

type DefLike = { shape?: Record<string, unknown>; options?: unknown[] } & Record<string, unknown>;
const defOf = (schema: unknown) => (schema as { _zod?: { def?: DefLike } } | undefined)?._zod?.def;

/** Every field name the contract's input schemas know, so generated objects come near valid ones. */
function contractFieldNames(): string[] {
  const names = new Set<string>();
  const walk = (schema: unknown, depth: number): void => {
    const def = defOf(schema);
    if (!def || depth > 8) return;
    for (const [name, inner] of Object.entries(def.shape ?? {})) {
      names.add(name);
      walk(inner, depth + 1);
    }
    for (const option of def.options ?? []) walk(option, depth + 1);
    for (const field of ['innerType', 'in', 'out', 'element']) walk(def[field], depth + 1);
  };
  for (const route of Object.values(routes)) walk(route.input, 0);
  return [...names];
}

/** The top-level field sets a route's input accepts (one per union option): the keys a valid input has. */
function topLevelShapes(schema: unknown): string[][] {
  const def = defOf(schema);
  if (!def) return [];
  if (def.shape) return [Object.keys(def.shape)];
  const inner = [...(def.options ?? []), def.innerType, def.in].flatMap((s) => topLevelShapes(s));
  return inner.length > 0 ? inner : [];
}

const pollutionKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];
const key = fc.oneof(
  fc.constantFrom(...contractFieldNames()),
  fc.constantFrom(...pollutionKeys),
  fc.string({ maxLength: 12 }),
);

/** JSON text, written by hand so keys such as `__proto__` reach the wire as own keys. */
const leaf: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => JSON.stringify(s)),
  fc.string({ maxLength: 20, unit: 'binary' }).map((s) => JSON.stringify(s)),
  fc.integer().map(String),
  fc.double().map((d) => JSON.stringify(d)),
  fc.constantFrom('true', 'false', 'null', '1e999', '-0', '1e-400', '9007199254740993', '""', '"   "'),
);

/** Over every length limit of the contract (200,000 characters is the longest but the import's). */
const hugeString = fc
  .constantFrom('x'.repeat(200_001), '\u{1F600}'.repeat(100_001), ' '.repeat(250_000))
  .map((s) => JSON.stringify(s));

const { value: jsonValue } = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }).map((items) => `[${items.join(',')}]`),
  object: fc
    .array(fc.tuple(key, tie('value')), { maxLength: 6 })
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
}));

const deeplyNested = fc
  .integer({ min: 500, max: 5_000 })
  .chain((depth) =>
    fc.constantFrom(
      '['.repeat(depth) + ']'.repeat(depth),
      '{"patch":'.repeat(depth) + '1' + '}'.repeat(depth),
    ),
  );

/** Exactly the keys of one of the route's shapes (past the strict-object check), each with any value. */
function shapedInput(route: RouteName): fc.Arbitrary<string> | undefined {
  const shapes = topLevelShapes(routes[route].input).filter((shape) => shape.length > 0);
  if (shapes.length === 0) return undefined;
  const fieldValue = fc.oneof({ weight: 6, arbitrary: jsonValue }, { weight: 1, arbitrary: hugeString });
  return fc
    .constantFrom(...shapes)
    .chain((shape) => fc.tuple(...shape.map((name) => fieldValue.map((v) => `${JSON.stringify(name)}:${v}`))))
    .map((fields) => `{${fields.join(',')}}`);
}

/** An input: absent, any JSON value, a huge string alone or as a field, or something deeply nested. */
const badInput = (route: RouteName) => {
  const shaped = shapedInput(route);
  return fc.oneof(
    ...(shaped ? [{ weight: 6, arbitrary: shaped }] : []),
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 8, arbitrary: jsonValue },
    { weight: 1, arbitrary: hugeString },
    { weight: 2, arbitrary: fc.tuple(key, hugeString).map(([k, v]) => `{${JSON.stringify(k)}:${v}}`) },
    { weight: 1, arbitrary: deeplyNested },
  );
};

function expectEnvelope(result: Result<unknown>, context: string): void {
  expect(typeof result, context).toBe('object');
  if (result.ok) return;
  expect(errorCodes, context).toContain(result.error.code);
  expect(result.error.code, `${context}: ${result.error.message} ${result.error.detail ?? ''}`).not.toBe(
    'internal',
  );
  expect(result.error.message.length, context).toBeGreaterThan(0);
  expect(result.error.fix.length, context).toBeGreaterThan(0);
}

let fixture: HostFixture;
let page: PageSocket;
const prototypesBefore = [Object.prototype, Array.prototype, Function.prototype].map((p) =>
  Object.getOwnPropertyNames(p).sort(),
);

beforeAll(async () => {
  fixture = await HostFixture.start();
  page = await PageSocket.open(fixture);
});
afterAll(async () => {
  page.close();
  await fixture.close();
});

describe('every route, fuzzed through the browser host socket', () => {
  it('answers every route with an envelope whatever the input', { timeout: 120_000 }, async () => {
    for (const route of routeNames) {
      await fc.assert(
        fc.asyncProperty(badInput(route), async (input) => {
          const { result } = await page.invokeRaw(route, input);
          expectEnvelope(result, `${route} ${input?.slice(0, 200) ?? '(no input)'}`);
        }),
        { numRuns: 16 },
      );
    }
    await fixture.assertAlive();
  });

  it('answers a route name that is not in the contract, of any type, as an unknown request', async () => {
    const notARoute = fc.oneof(
      fc.string({ maxLength: 60 }).filter((s) => !Object.hasOwn(routes, s)),
      fc.constantFrom(...pollutionKeys),
      jsonValue.filter((text) => !text.startsWith('"')).map((text) => ({ raw: text })),
    );
    await fc.assert(
      fc.asyncProperty(notARoute, async (route) => {
        // A `{ raw }` route is sent as its JSON text (an object, array, number...), not as a string.
        const { result } = await (typeof route === 'string'
          ? page.invokeRaw(route)
          : page.invokeRaw(JSON.parse(route.raw) as unknown));
        expect(result).toMatchObject({
          ok: false,
          error: { code: 'invalid-input', message: /^Unknown request/ },
        });
      }),
      { numRuns: 150 },
    );
    await fixture.assertAlive();
  });

  it('left every prototype untouched', () => {
    const after = [Object.prototype, Array.prototype, Function.prototype].map((p) =>
      Object.getOwnPropertyNames(p).sort(),
    );
    expect(after).toEqual(prototypesBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
