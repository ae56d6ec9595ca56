/**
 * A TCP relay in front of the test RTSP server that notes the wall time of the first media packet it passes to
 * any client: the first RTP packet interleaved in the RTSP connection (`$`, channel, length), after the text
 * replies to OPTIONS, DESCRIBE, SETUP and PLAY. The engine reads RTSP over TCP, so every media byte it gets
 * passes here; the relay adds a copy in this process and nothing else.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface RtspRelay {
  port: number;
  /** performance.now() when the first media packet went to a client; null until then. */
  firstMediaAt(): number | null;
  close(): Promise<void>;
}

/** Skips whole RTSP replies; `media` once an interleaved packet (`$`) starts what is left. */
function scanForMedia(buf: Buffer): { media: boolean; rest: Buffer } {
  let rest = buf;
  for (;;) {
    if (rest.length === 0) return { media: false, rest };
    if (rest[0] === 0x24) return { media: true, rest };
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return { media: false, rest };
    const length = Number(/content-length:\s*(\d+)/i.exec(rest.subarray(0, end).toString('latin1'))?.[1] ?? 0);
    const total = end + 4 + length;
    if (rest.length < total) return { media: false, rest };
    rest = rest.subarray(total);
  }
}

export function startRtspRelay(targetPort: number): Promise<RtspRelay> {
  let first: number | null = null;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let pending: Buffer | null = Buffer.alloc(0);
    upstream.on('data', (chunk: Buffer) => {
      if (pending !== null) {
        const scan = scanForMedia(Buffer.concat([pending, chunk]));
        if (scan.media) {
          first ??= performance.now();
          pending = null;
        } else pending = scan.rest;
      }
      client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on('error', close);
      s.on('close', close);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('relay: no port');
      resolve({
        port: address.port,
        firstMediaAt: () => first,
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}
