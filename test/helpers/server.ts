// A tiny loopback HTTP server for unit tests: routes map a path to a handler.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLoopback } from '../../fixtures/listen.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export async function serve(routes: Record<string, Handler>): Promise<{ port: number; url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.headers.host} ${req.url}`);
    const h = routes[req.url ?? '/'] ?? routes['*'];
    if (h) h(req, res);
    else res.writeHead(404).end('not found');
  });
  return { ...(await listenLoopback(server)), hits };
}

export const html = (body: string, type = 'text/html; charset=utf-8'): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': type }).end(body);
};
