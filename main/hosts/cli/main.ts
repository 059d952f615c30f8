/**
 * The `twin` command line: the workstation's services, headless, with --json on every command.
 * Exit codes: 0 success, 1 failure, 2 usage error.
 */
import { parseArgs } from 'node:util';
import { Workstation, APP_VERSION } from '../../services/workstation';
import { UsageError, type CliCommand, type CliContext, type CliOptions } from './command';
import { commands } from './commands';

const GLOBAL_OPTIONS: CliOptions = {
  db: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const GLOBAL_USAGE = `Global options:
  --db FILE        the twin store to use (default: twin.sqlite in the data folder)
  --data-dir DIR   the data folder (default: $TWIN_DATA_DIR or the XDG data folder)
  --json           print one JSON document on stdout
  -h, --help       show help`;

function generalUsage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `twin ${APP_VERSION}: Twin Workstation, headless`,
    '',
    'Usage: twin COMMAND [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    GLOBAL_USAGE,
    '',
    'Run `twin COMMAND --help` for the options of one command.',
  ].join('\n');
}

function commandUsage(cmd: CliCommand): string {
  return `${cmd.usage}\n\n${GLOBAL_USAGE}`;
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${generalUsage()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === 'version') {
    process.stdout.write(`${APP_VERSION}\n`);
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`twin: unknown command "${name}"\n\n${generalUsage()}\n`);
    return 2;
  }

  let values: CliContext['values'];
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      options: { ...GLOBAL_OPTIONS, ...cmd.options },
      strict: true,
      allowPositionals: true,
    }));
  } catch (err) {
    process.stderr.write(`twin ${cmd.name}: ${(err as Error).message}\n\n${commandUsage(cmd)}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${commandUsage(cmd)}\n`);
    return 0;
  }

  const json = values.json === true;
  let workstation: Workstation | undefined;
  const ctx: CliContext = {
    values,
    positionals,
    json,
    print(data, human) {
      process.stdout.write(json ? `${JSON.stringify(data)}\n` : `${human(data)}\n`);
    },
    note(message) {
      process.stderr.write(`${message}\n`);
    },
    async workstation() {
      workstation ??= new Workstation({
        storeFile: typeof values.db === 'string' ? values.db : undefined,
        dataDir: typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined,
      });
      return workstation;
    },
  };

  try {
    return await cmd.run(ctx);
  } catch (err) {
    const message = (err as Error).message;
    if (err instanceof UsageError) {
      process.stderr.write(`twin ${cmd.name}: ${message}\n\n${commandUsage(cmd)}\n`);
      return 2;
    }
    if (json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
    process.stderr.write(`twin ${cmd.name}: error: ${message}\n`);
    return 1;
  } finally {
    await workstation?.close();
  }
}
