/** Long jobs can be cancelled; a killed worker fails its job and the UI keeps working; a throwing worker shows its error. */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function startFromTools(page: Page, testId: string): Promise<void> {
  await page.locator('.diagnostics summary').click();
  await page.getByTestId(testId).click();
  await page.locator('.diagnostics summary').click();
}

test('cancelling a long job stops it and the tray says so', async ({ workstation: page }) => {
  await startFromTools(page, 'selftest-long');
  const job = page.getByTestId('job').filter({ hasText: 'Worker self-test' }).first();
  await expect(job).toHaveAttribute('data-state', 'running');
  await expect(job.getByRole('progressbar')).toBeVisible();
  await job.getByTestId('job-cancel').click();
  await expect(job).toHaveAttribute('data-state', 'cancelled');
  await expect(job).toContainText('cancelled');
});

test('killing a worker process fails its job with the reason and the UI still works', async ({ workstation: page }) => {
  await startFromTools(page, 'selftest-long');
  const job = page.getByTestId('job').filter({ hasText: 'Worker self-test' }).first();
  await expect(job).toHaveAttribute('data-state', 'running');
  const jobId = await job.getAttribute('data-job-id');
  // Find the worker's process id as IT staff would (the job list), and kill it from outside the app.
  const jobs = await page.evaluate(async () => {
    type Reply = { ok: boolean; reply: { id: string; pid: number | null }[] };
    const preload = (window as unknown as { twinPreload?: { invoke(c: string, r: unknown): Promise<Reply> } }).twinPreload;
    if (preload) return (await preload.invoke('jobs.list', {})).reply;
    const token = sessionStorage.getItem('twin.sessionToken');
    const res = await fetch('/api/invoke/jobs.list', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    return ((await res.json()) as Reply).reply;
  });
  const pid = jobs.find((j) => j.id === jobId)?.pid;
  expect(pid).toBeGreaterThan(0);
  process.kill(pid!, 'SIGKILL');
  await expect(job).toHaveAttribute('data-state', 'failed');
  await expect(job.getByTestId('job-message')).toContainText('killed');

  // The rest of the app still answers.
  await page.getByTestId('patient-item').first().click();
  await expect(page.getByTestId('patient-header')).toBeVisible();
});

test('a worker that throws shows its error in the tray', async ({ workstation: page }) => {
  await startFromTools(page, 'selftest-fail');
  const job = page.getByTestId('job').filter({ hasText: 'Failure-handling self-test' }).first();
  await expect(job).toHaveAttribute('data-state', 'failed');
  await expect(job.getByTestId('job-message')).toContainText('self-test failure, as asked');
});
