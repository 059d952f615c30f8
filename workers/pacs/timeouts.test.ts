/** A PACS that accepts the connection and then says nothing fails with a timeout message, not a hang. */
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DicomwebClient } from './dicomweb-client';
import { DimseClient } from './dimse-client';

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

describe('PACS timeouts', () => {
  it('DIMSE: a silent peer gives "did not answer"', async () => {
    const sockets: Socket[] = [];
    const port = await listen(createServer((s) => void sockets.push(s)));
    servers.push({ close: () => sockets.forEach((s) => s.destroy()) });
    const client = new DimseClient({ kind: 'dimse', host: '127.0.0.1', port, calledAe: 'SILENT', callingAe: 'TWIN', retrieve: 'c-get', timeoutMs: 300 });
    await expect(client.echo()).rejects.toThrow(`PACS SILENT@127.0.0.1:${port} did not answer within 0.3 s`);
  });

  it('DICOMweb: a server that never answers gives "did not answer"', async () => {
    const port = await listen(createHttpServer(() => {}));
    const client = new DicomwebClient({ kind: 'dicomweb', url: `http://127.0.0.1:${port}/dicom-web`, timeoutMs: 300 });
    await expect(client.echo()).rejects.toThrow(`PACS http://127.0.0.1:${port}/dicom-web did not answer within 0.3 s`);
  });
});
