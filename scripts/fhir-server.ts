/**
 * `npm run fhir-server -- --port N [--host H] [--page-size N]`: the loopback FHIR R4 test server, to sync against by
 * hand (`twin sync --server http://127.0.0.1:N/fhir`). Data lives in memory and is gone when it stops.
 */
import { parseArgs } from 'node:util';
import { startFhirTestServer } from '../testing/fhir-server/fhir-test-server';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '8080' }, host: { type: 'string', default: '127.0.0.1' }, 'page-size': { type: 'string', default: '50' } },
  strict: true,
});
const port = Number(values.port);
const pageSize = Number(values['page-size']);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0…65535, got ${values.port}`);
if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`--page-size must be a positive integer, got ${values['page-size']}`);

const server = await startFhirTestServer({ port, host: values.host, pageSize });
process.stdout.write(`FHIR R4 test server (in memory) at ${server.url}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void server.close().then(() => process.exit(0)));
}
