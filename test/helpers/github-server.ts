import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredComment {
  id: number;
  body: string;
  path?: string;
  line?: number;
  commit_id?: string;
}

/**
 * The GitHub REST endpoints the Action uses, in memory on 127.0.0.1: issue comments (list, create,
 * update), review comments (list, delete) and reviews (create, with line comments). With
 * `readOnly`, every write answers 403 as for a fork pull request's token.
 */
export async function startGitHubServer(options: { readOnly?: boolean } = {}) {
  const issueComments: StoredComment[] = [];
  const reviewComments: StoredComment[] = [];
  const calls: string[] = [];
  let nextId = 1000;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const method = req.method ?? 'GET';
      calls.push(`${method} ${url.pathname}`);
      const send = (status: number, body?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };
      if (req.headers.authorization !== 'Bearer test-token') return send(401, { message: 'Bad credentials' });
      if (method !== 'GET' && options.readOnly) return send(403, { message: 'Resource not accessible by integration' });
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      let m: RegExpExecArray | null;
      if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname))) {
        if (method === 'GET') {
          const page = Number(url.searchParams.get('page') ?? 1);
          return send(200, page === 1 ? issueComments : []);
        }
        const c = { id: nextId++, body: String(body.body) };
        issueComments.push(c);
        return send(201, c);
      }
      if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname)) && method === 'PATCH') {
        const c = issueComments.find((x) => x.id === Number(m![1]));
        if (!c) return send(404, { message: 'Not Found' });
        c.body = String(body.body);
        return send(200, c);
      }
      if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/comments$/.exec(url.pathname)) && method === 'GET') {
        return send(200, Number(url.searchParams.get('page') ?? 1) === 1 ? reviewComments : []);
      }
      if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/reviews$/.exec(url.pathname)) && method === 'POST') {
        for (const c of (body.comments ?? []) as { path: string; line: number; body: string }[]) reviewComments.push({ id: nextId++, body: c.body, path: c.path, line: c.line, commit_id: String(body.commit_id) });
        return send(200, { id: nextId++ });
      }
      if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/comments\/(\d+)$/.exec(url.pathname)) && method === 'DELETE') {
        const i = reviewComments.findIndex((x) => x.id === Number(m![1]));
        if (i < 0) return send(404, { message: 'Not Found' });
        reviewComments.splice(i, 1);
        return send(204);
      }
      send(404, { message: `no route for ${method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, issueComments, reviewComments, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}
