import { z } from 'zod';
import { ID_MAX, tooLong } from './limits';

/** Building blocks of the route table (routes.ts and its per-feature groups). */

/** An id as every route takes it. */
export const id = z.string().min(1).max(ID_MAX, tooLong('The id', ID_MAX));

/** A route that takes nothing. */
export const none = z.undefined().or(z.object({}).strict());

/** The answer type of a route, carried by a phantom field so the table holds both sides. */
export const answer = <T>() => undefined as unknown as T;
