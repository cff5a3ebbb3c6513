import { vi } from 'vitest';

export function json(status: number, body?: unknown): Response {
  if (body === undefined) return new Response(null, { status });
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

type Responder = (request: Request, match: RegExpMatchArray) => Response | Promise<Response>;

interface Route {
  method: string;
  path: RegExp | string;
  respond: Responder | Response;
}

/**
 * Replaces fetch with a small router over the app's API paths. Unknown
 * requests answer 404 so a test never reaches the network. Returns the spy.
 */
export function mockApi(routes: Route[]) {
  const spy = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url);
    for (const route of routes) {
      if (route.method !== request.method) continue;
      const pattern = typeof route.path === 'string' ? new RegExp(`^${escape(route.path)}$`) : route.path;
      const match = url.pathname.match(pattern);
      if (!match) continue;
      const response = typeof route.respond === 'function' ? await route.respond(request.clone(), match) : route.respond;
      return response.clone();
    }
    return json(404, { detail: `No mock for ${request.method} ${url.pathname}` });
  });
  vi.stubGlobal('fetch', spy);
  return spy;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The requests fetch received, as Request objects. */
export function requestsOf(spy: ReturnType<typeof mockApi>): Request[] {
  return spy.mock.calls.map(([input]) => input as Request);
}
