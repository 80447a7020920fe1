// OpenAPI response entries for the error statuses a route can answer, all in the one error shape.
import { errorResponseSchema } from '@parley/contracts';

export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof errorResponseSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorResponseSchema])) as Record<S, typeof errorResponseSchema>;
}
