import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens?: number;
  cost?: number;
}

/** One scripted answer of the fake OpenAI server. */
export type Reply =
  | { kind: 'json'; content: string; usage?: Usage; headers?: Record<string, string> }
  | { kind: 'stream'; chunks: string[]; usage?: Usage }
  | { kind: 'error'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'hang-up' }
  /** Reads the request and never answers. */
  | { kind: 'silent' }
  /** Sends 200 and the headers, then part of the JSON body, then nothing. */
  | { kind: 'stall-body' }
  /** Streams these chunks, then stops without ending the stream. */
  | { kind: 'stall-stream'; chunks: string[] }
  /** Any JSON body as the completion (hostile or malformed replies). */
  | { kind: 'raw'; body: unknown };

export const reply = (content: string, usage: Usage = { prompt_tokens: 10, completion_tokens: 5 }, headers?: Record<string, string>): Reply => ({ kind: 'json', content, usage, ...(headers ? { headers } : {}) });

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: { model: string; messages: { role: string; content: string }[]; max_tokens?: number; stream?: boolean; [k: string]: unknown };
  raw: string;
}

function usageJson(u: Usage) {
  return { prompt_tokens: u.prompt_tokens, completion_tokens: u.completion_tokens, total_tokens: u.prompt_tokens + u.completion_tokens, prompt_tokens_details: { cached_tokens: u.cached_tokens ?? 0 }, ...(u.cost !== undefined ? { cost: u.cost } : {}) };
}

/**
 * An HTTP server on 127.0.0.1 that speaks OpenAI's chat-completions protocol (JSON and SSE streams)
 * and answers from a script: a list consumed in order, or a function of the request.
 */
export async function startOpenAiServer(script: Reply[] | ((req: ReceivedRequest, index: number) => Reply)) {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const received: ReceivedRequest = { path: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : {}, raw };
      requests.push(received);
      const index = requests.length - 1;
      const next = typeof script === 'function' ? script(received, index) : script[index];
      if (!next) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'script exhausted' } }));
        return;
      }
      const base = { id: `chatcmpl-${index}`, created: 1_700_000_000, model: received.body.model };
      if (next.kind === 'hang-up') {
        req.socket.destroy();
        return;
      }
      if (next.kind === 'silent') return;
      if (next.kind === 'stall-body') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(`{"id":"chatcmpl-${index}","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"half`);
        return;
      }
      if (next.kind === 'raw') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(next.body));
        return;
      }
      if (next.kind === 'stall-stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        for (const piece of next.chunks) res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`);
        return;
      }
      if (next.kind === 'error') {
        res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
        res.end(JSON.stringify(next.body ?? { error: { message: `error ${next.status}`, type: 'server_error' } }));
        return;
      }
      if (next.kind === 'json') {
        res.writeHead(200, { 'content-type': 'application/json', ...next.headers });
        res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: next.content }, finish_reason: 'stop' }], ...(next.usage ? { usage: usageJson(next.usage) } : {}) }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const piece of next.chunks) {
        res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`);
      }
      res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
      if (next.usage) res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage: usageJson(next.usage) })}\n\n`);
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Stalled replies keep their sockets open: drop them so close() ends.
        server.closeAllConnections();
      }),
  };
}

/** For a test file: starts servers on demand and closes them after each test. */
export function openAiServers(): (script: Reply[] | ((req: never, index: number) => Reply)) => ReturnType<typeof startOpenAiServer> {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    while (open.length) await open.pop()!.close();
  });
  return async (script) => {
    const s = await startOpenAiServer(script as Reply[]);
    open.push(s);
    return s;
  };
}
