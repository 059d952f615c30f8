/** `twin jobs`: recent jobs with their state, for IT staff. */
import type { CliCommand } from '../command';

export const jobsCommand: CliCommand = {
  name: 'jobs',
  summary: 'list recent jobs and their outcome',
  usage: `Usage: twin jobs [--db FILE] [--json]`,
  options: {},
  async run(ctx) {
    const ws = await ctx.workstation();
    ctx.print({ jobs: ws.jobs.list() }, (d) =>
      d.jobs.map((j) => `${j.createdAt}  ${j.state.padEnd(9)} ${j.title}${j.error ? `: ${j.error}` : ''}`).join('\n') || 'No jobs.',
    );
    return 0;
  },
};
