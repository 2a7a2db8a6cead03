import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface User {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface StoredComment {
  id: number;
  body: string;
  path?: string;
  line?: number;
  commit_id?: string;
  user?: User;
}

/** What the workflow token (GITHUB_TOKEN) posts as; GET /user refuses it, as GitHub does for installation tokens. */
export const WORKFLOW_BOT: User = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
export const HUMAN: User = { login: 'mallory', id: 666, type: 'User' };

/** An answer forced onto the next matching request: a status with headers, or a stall (headers sent, body never). */
export type Fault = { status: number; headers?: Record<string, string>; body?: unknown } | { stall: true };

interface Options {
  readOnly?: boolean;
  /** token -> identity; `test-token` is the workflow token unless given here. A personal token answers GET /user. */
  tokens?: Record<string, User & { personal?: boolean }>;
  /** Lines GitHub does not consider part of the diff: a review or comment on them answers 422. */
  rejectLine?: (path: string, line: number) => boolean;
}

/**
 * The GitHub REST endpoints the Action uses, in memory on 127.0.0.1: the user, issue comments (list,
 * create, update), review comments (list, create, delete) and reviews (create, with line comments).
 * Lists paginate like GitHub (per_page up to 100, `Link: rel="next"`). With `readOnly`, every write
 * answers 403 as for a fork pull request's token. Like GitHub, a token with write access may edit
 * and delete anyone's comment. `fault` queues forced answers per route.
 */
export async function startGitHubServer(options: Options = {}) {
  const tokens: Record<string, User & { personal?: boolean }> = { 'test-token': WORKFLOW_BOT, ...options.tokens };
  const issueComments: StoredComment[] = [];
  const reviewComments: StoredComment[] = [];
  const calls: string[] = [];
  const faults: { route: string; fault: Fault }[] = [];
  let nextId = 1000;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      const method = req.method ?? 'GET';
      const route = `${method} ${url.pathname}`;
      calls.push(route);
      const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };
      const forced = faults.findIndex((f) => f.route === route);
      if (forced >= 0) {
        const { fault } = faults.splice(forced, 1)[0]!;
        if ('stall' in fault) return res.writeHead(200, { 'content-type': 'application/json' }); // never ends
        return send(fault.status, fault.body, fault.headers);
      }
      const user = tokens[(req.headers.authorization ?? '').replace(/^Bearer /, '')];
      if (!user) return send(401, { message: 'Bad credentials' });
      if (route === 'GET /user') return user.personal ? send(200, { login: user.login, id: user.id, type: user.type }) : send(403, { message: 'Resource not accessible by integration' });
      if (method !== 'GET' && options.readOnly) return send(403, { message: 'Resource not accessible by integration' });
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const list = (items: StoredComment[]) => {
        const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
        const page = Number(url.searchParams.get('page') ?? 1);
        const headers: Record<string, string> = {};
        if (page * perPage < items.length) {
          const next = new URL(url);
          next.searchParams.set('page', String(page + 1));
          headers.link = `<${next.href}>; rel="next"`;
        }
        send(200, items.slice((page - 1) * perPage, page * perPage), headers);
      };
      const rejected = (c: { path: string; line: number }) => options.rejectLine?.(c.path, c.line) === true;
      const unprocessable = { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] };
      let m: RegExpExecArray | null;
      if (/^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/.test(url.pathname)) {
        if (method === 'GET') return list(issueComments);
        const c = { id: nextId++, body: String(body.body), user };
        issueComments.push(c);
        return send(201, c);
      }
      if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname)) && method === 'PATCH') {
        const c = issueComments.find((x) => x.id === Number(m![1]));
        if (!c) return send(404, { message: 'Not Found' });
        c.body = String(body.body);
        return send(200, c);
      }
      if (/^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/comments$/.test(url.pathname)) {
        if (method === 'GET') return list(reviewComments);
        const c = body as { path: string; line: number; body: string };
        if (rejected(c)) return send(422, unprocessable);
        const stored = { id: nextId++, body: c.body, path: c.path, line: c.line, commit_id: String(body.commit_id), user };
        reviewComments.push(stored);
        return send(201, stored);
      }
      if (/^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/reviews$/.test(url.pathname) && method === 'POST') {
        const comments = (body.comments ?? []) as { path: string; line: number; body: string }[];
        if (comments.some(rejected)) return send(422, unprocessable);
        for (const c of comments) reviewComments.push({ id: nextId++, body: c.body, path: c.path, line: c.line, commit_id: String(body.commit_id), user });
        return send(200, { id: nextId++ });
      }
      if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/comments\/(\d+)$/.exec(url.pathname)) && method === 'DELETE') {
        const i = reviewComments.findIndex((x) => x.id === Number(m![1]));
        if (i < 0) return send(404, { message: 'Not Found' });
        reviewComments.splice(i, 1);
        return send(204);
      }
      send(404, { message: `no route for ${route}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    issueComments,
    reviewComments,
    calls,
    /** Forces the answer of the next request to `route` ("POST /repos/acme/shop/issues/7/comments"). */
    fault: (route: string, fault: Fault, times = 1) => {
      for (let i = 0; i < times; i++) faults.push({ route, fault });
    },
    newId: () => nextId++,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
