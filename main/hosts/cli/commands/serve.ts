/** `twin serve`: the loopback web host, the same services and renderer as the Electron window. */
import { rendererDistDir } from '../../../services/app-paths/install-root';
import { startWebHost } from '../../web/web-host';
import { numberOption, type CliCommand } from '../command';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the workstation UI on a loopback port (web host)',
  usage: `Usage: twin serve [--port N] [--no-demo] [--db FILE] [--data-dir DIR] [--json]

Starts the web host on 127.0.0.1 (the next free port when N is taken; 0 picks any) and prints the URL to open,
which carries a session token. Imports the demo patient on first start unless --no-demo. Stops on Ctrl-C.
With --json prints {"url","openUrl","port"} once ready.`,
  options: { port: { type: 'string' }, 'no-demo': { type: 'boolean' } },
  async run(ctx) {
    const ws = await ctx.workstation();
    const host = await startWebHost({ workstation: ws, staticDir: rendererDistDir, port: numberOption(ctx.values, 'port') ?? 5170 });
    if (!ctx.values['no-demo']) {
      const job = ws.importDemoOnFirstStart();
      if (job) ctx.note('First start: importing the demo patient (a job; watch the job tray).');
    }
    ctx.print({ url: host.url, openUrl: host.openUrl, port: host.port }, (d) =>
      [`Twin Workstation is serving on ${d.url}`, `Open: ${d.openUrl}`, 'Press Ctrl-C to stop.'].join('\n'),
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    ctx.note('Stopping…');
    await host.close();
    return 0;
  },
};
