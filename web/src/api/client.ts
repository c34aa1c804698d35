// The one way the app reaches the API: openapi-fetch over the types generated from the API's OpenAPI document
// (schema.d.ts, `npm run web:api-types`), with the signed-in person's access token on every request.
import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, apiErrorOf, apiErrorOfBody } from './problem';
import type { paths } from './schema';

let accessToken: () => string | undefined = () => undefined;

/** The session tells the client where the current token is; it changes on every silent renewal. */
export function useAccessTokenFrom(source: () => string | undefined): void {
  accessToken = source;
}

const bearer: Middleware = {
  onRequest({ request }) {
    const token = accessToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
};

// JSON only: a route that also answers CSV (the product list) is downloaded with fetchWithToken.
export const api = createClient<paths, `${string}/json`>({ baseUrl: window.location.origin });
api.use(bearer);

/** openapi-fetch's answer, turned into the data or a thrown ApiError for TanStack Query to hold. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  // openapi-fetch has read the body already: the problem is its parsed `error`.
  if (!response.ok) throw apiErrorOfBody(response.status, error);
  if (data === undefined) throw new ApiError(response.status, null);
  return data;
}

/** For a download (CSV): the raw response, with the same token and the same refusals. */
export async function fetchWithToken(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = accessToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) throw await apiErrorOf(response);
  return response;
}
