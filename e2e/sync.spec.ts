/**
 * The EHR sync from the UI: offline until a server is chosen; with a real FHIR R4 server on loopback the status turns
 * online after "Sync now"; when that server goes away the status says offline and nothing queued is lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { expect, test } from './fixtures';

async function startFhirServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/fhir-server.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fhir-server exited with ${code}`)));
  });
  return { url: /at (\S+)/.exec(line)![1]!, child };
}

test('choosing a FHIR server and syncing shows online; a stopped server shows offline', async ({ workstation: page }, testInfo) => {
  const status = page.getByTestId('sync-status');
  await expect(status.getByTestId('sync-label')).toContainText('offline only');
  const server = await startFhirServer();
  try {
    await status.getByTestId('sync-settings').click();
    await status.getByTestId('sync-url').fill(server.url);
    await status.getByTestId('sync-save').click();
    await status.getByTestId('sync-now').click();
    await expect(status.getByTestId('sync-label')).toContainText('online');
    await expect(status.getByTestId('sync-queued')).toHaveText('0 queued');
    await testInfo.attach('sync-online', { body: await page.screenshot(), contentType: 'image/png' });
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
  }
  await status.getByTestId('sync-now').click();
  await expect(status.getByTestId('sync-label')).toContainText('offline', { timeout: 60_000 });
  // Leave the workstation as the other specs expect it: no server.
  await status.getByTestId('sync-settings').click();
  await status.getByTestId('sync-url').fill('');
  await status.getByTestId('sync-save').click();
  await expect(status.getByTestId('sync-label')).toContainText('offline only');
});
