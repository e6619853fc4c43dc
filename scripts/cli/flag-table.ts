import type { Command } from 'commander';
import type { z } from 'zod';
import { numeric, numericList, textList } from '../../common/validation.ts';

/** How a flag's text becomes the value its schema checks: as it is, a number, a comma-separated list, or a switch. */
export type FlagReader = 'text' | 'number' | 'texts' | 'numbers' | 'switch' | ((raw: string) => unknown);

/** One command-line flag, written once: its spelling and help, how its text is read, and what it must be. */
export interface Flag<S extends z.ZodType = z.ZodType> {
  /** As commander takes it: `--latency <ms>`. */
  readonly flag: string;
  readonly description: string;
  readonly read: FlagReader;
  readonly schema: S;
}

export type FlagTable = Readonly<Record<string, Flag>>;

export function flag<S extends z.ZodType>(spelling: string, description: string, read: FlagReader, schema: S): Flag<S> {
  return { flag: spelling, description, read, schema };
}

/** `--cpu-work <kind>` -> `cpu-work`. */
function longName(entry: Flag): string {
  return (/--([a-z0-9-]+)/.exec(entry.flag)?.[1] ?? '').trim();
}

/** What commander calls the flag's value: `cpu-work` -> `cpuWork`. */
function attribute(entry: Flag): string {
  return longName(entry).replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Adds the table's flags to the command, in the table's order. */
export function addFlags(command: Command, table: FlagTable): Command {
  for (const entry of Object.values(table)) command.option(entry.flag, entry.description);
  return command;
}

/** The table's schema: one key per flag, each with its own schema. */
export function flagShape<T extends FlagTable>(table: T): { [K in keyof T]: T[K]['schema'] } {
  return Object.fromEntries(Object.entries(table).map(([key, entry]) => [key, entry.schema])) as { [K in keyof T]: T[K]['schema'] };
}

function readOne(entry: Flag, raw: unknown): unknown {
  if (entry.read === 'switch') return raw === true ? true : undefined;
  if (typeof raw !== 'string') return undefined;
  switch (entry.read) {
    case 'text':
      return raw;
    case 'number':
      return numeric(raw);
    case 'texts':
      return textList(raw);
    case 'numbers':
      return numericList(raw);
    default:
      return entry.read(raw);
  }
}

/** commander's raw values, read into what the table's schema checks (keys the table's own). */
export function readFlags(table: FlagTable, raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(table).map(([key, entry]) => [key, readOne(entry, raw[attribute(entry)])]));
}

/** How the user spells each key, for the one-line messages: `latencyMs` is `--latency`. */
export function flagNames(table: FlagTable): Record<string, string> {
  return Object.fromEntries(Object.entries(table).map(([key, entry]) => [key, longName(entry)]));
}
