import type { z } from 'zod';
import { UsageError } from './usage-error.ts';

type Issue = z.core.$ZodIssue;

/** How the user spells a field: schema keys are camelCase, flags are not (`latencyMs` is `--latency`). */
type FieldNames = Readonly<Record<string, string>>;

interface SchemaDef {
  readonly type?: string;
  readonly format?: string;
  readonly shape?: Readonly<Record<string, { _zod: { def: SchemaDef } }>>;
  readonly element?: { _zod: { def: SchemaDef } };
  readonly innerType?: { _zod: { def: SchemaDef } };
  readonly in?: { _zod: { def: SchemaDef } };
}

const INTEGER_FORMATS = new Set(['safeint', 'int32', 'uint32', 'int64', 'uint64']);

/** Zod reports `z.int()` bounds as plain numbers; walk the schema to the field to say "integer" where it is one. */
function isIntegerField(schema: z.ZodType, path: readonly PropertyKey[]): boolean {
  let def: SchemaDef | undefined = (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
  const keys = [...path];
  while (def) {
    if (def.innerType) def = def.innerType._zod.def;
    else if (def.type === 'pipe' && def.in) def = def.in._zod.def;
    else if (keys.length === 0) return def.type === 'number' && INTEGER_FORMATS.has(def.format ?? '');
    else if (def.type === 'object') def = def.shape?.[String(keys.shift())]?._zod.def;
    else if (def.type === 'array') {
      keys.shift();
      def = def.element?._zod.def;
    } else return false;
  }
  return false;
}

function describePath(path: readonly PropertyKey[], prefix: string, names: FieldNames): string {
  const joined = path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${names[String(key)] ?? String(key)}`))
    .join('');
  return prefix + joined;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function expectation(issue: Issue, integer: boolean): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' || (integer && issue.expected === 'number') ? 'an integer' : `a ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'array') return `a list of at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return `a text of at least ${String(issue.minimum)} character(s)`;
      return `${integer ? 'an integer' : 'a number'} ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `a list of at most ${String(issue.maximum)} item(s)`;
      if (issue.origin === 'string') return `a text of at most ${String(issue.maximum)} character(s)`;
      return `${integer ? 'an integer' : 'a number'} ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' ? `text matching ${issue.pattern ?? 'the pattern'}` : `a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `no unknown keys (${issue.keys.map((k) => `\`${k}\``).join(', ')})`;
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message;
  }
}

export interface Naming {
  /** Put before every field name, e.g. `--` for flags or `scenario.` for a file. */
  readonly prefix?: string;
  readonly names?: FieldNames;
  /** Where the input came from, e.g. a file name, put before the whole message. */
  readonly source?: string;
}

/** "Expected `concurrency[0]` to be an integer >= 1, got `0`" */
export function formatIssue(schema: z.ZodType, issue: Issue, naming: Naming = {}): string {
  const where = describePath(issue.path, naming.prefix ?? '', naming.names ?? {}) || 'input';
  const given = issue.code === 'unrecognized_keys' ? 'extra keys' : `\`${describeValue(issue.input)}\``;
  const source = naming.source ? `${naming.source}: ` : '';
  return `${source}Expected \`${where}\` to be ${expectation(issue, isIntegerField(schema, issue.path))}, got ${given}`;
}

/** Parses at an edge (CLI, scenario file, server options): the first problem becomes a one-line UsageError. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, naming: Naming = {}): z.output<S> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new UsageError(first ? formatIssue(schema, first, naming) : 'Invalid input');
}

/** CLI values arrive as text: turn numeric text into numbers and leave the rest for the schema to reject. */
export function numeric(raw: string | undefined): number | string | undefined {
  if (raw === undefined) return undefined;
  return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
}

export function numericList(raw: string | undefined): (number | string)[] | undefined {
  if (raw === undefined) return undefined;
  return raw.split(',').map((part) => numeric(part.trim()) ?? part);
}

export function textList(raw: string | undefined): string[] | undefined {
  return raw === undefined
    ? undefined
    : raw
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
}
