/**
 * One CLI command. Each command lives in its own file under commands/ and is listed in commands/index.ts.
 * Options are parsed strictly (node:util parseArgs): an unknown flag is a usage error, exit code 2.
 */
import type { ParseArgsConfig } from 'node:util';
import type { Workstation } from '../../services/workstation';

export type CliOptions = NonNullable<ParseArgsConfig['options']>;
export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliContext {
  values: CliValues;
  positionals: string[];
  /** true when --json was given: print exactly one JSON document on stdout. */
  json: boolean;
  /** Prints `data` as JSON (with --json) or as the text `human(data)` returns. */
  print<T>(data: T, human: (data: T) => string): void;
  /** Progress and notes for people; goes to stderr so that --json stdout stays clean. */
  note(message: string): void;
  /** The services over the store named by --db (or the default store); opened on first use, closed on exit. */
  workstation(): Promise<Workstation>;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Usage text shown by `twin NAME --help` and on a usage error. */
  usage: string;
  options: CliOptions;
  run(ctx: CliContext): Promise<number>;
}

/** A usage error: the CLI prints the message and the command's usage and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function stringOption(values: CliValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function requireString(values: CliValues, name: string): string {
  const v = stringOption(values, name);
  if (v === undefined) throw new UsageError(`--${name} is required`);
  return v;
}

export function numberOption(values: CliValues, name: string): number | undefined {
  const v = stringOption(values, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${v}"`);
  return n;
}

export function stringList(values: CliValues, name: string): string[] {
  const v = values[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}
