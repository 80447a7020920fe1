// Finds a free TCP port on 127.0.0.1 for the throwaway servers the test tiers start.
// The port is only free when we look: another process may take it before the server binds, so the
// starters retry with a new port when the server fails to start.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not read the bound port'))));
    });
  });
}
