import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

// A loopback TCP proxy in front of PostgreSQL that passes everything but the notifications
// (protocol message 'A', NotificationResponse) — what a client behind a transaction-mode pooler
// experiences: LISTEN succeeds, and nothing ever arrives.

export type NotificationSink = { port: number; close(): Promise<void> };

/** Strips 'A' messages from the server's side of the stream (type byte + int32 length, length counting itself). */
function withoutNotifications(): (chunk: Buffer) => Buffer {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    const out: Buffer[] = [];
    let at = 0;
    while (pending.length - at >= 5) {
      const length = pending.readInt32BE(at + 1);
      if (pending.length - at < 1 + length) break;
      if (pending[at] !== 0x41) out.push(pending.subarray(at, at + 1 + length));
      at += 1 + length;
    }
    pending = pending.subarray(at);
    return Buffer.concat(out);
  };
}

export async function startNotificationSink(target: { host: string; port: number }): Promise<NotificationSink> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    const filter = withoutNotifications();
    sockets.add(client).add(upstream);
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d) => client.write(filter(d)));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
