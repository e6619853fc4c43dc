import type { z } from 'zod';
import { UsageError } from './usage-error.ts';

type Issue = z.core.$ZodIssue;

function describePath(path: readonly PropertyKey[], prefix: string): string {
  const joined = path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
  return prefix + joined;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function expectation(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'array') return `a list of at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return `a text of at least ${String(issue.minimum)} character(s)`;
      return `${issue.origin === 'int' || issue.origin === 'bigint' ? 'an integer' : 'a number'} ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `a list of at most ${String(issue.maximum)} item(s)`;
      if (issue.origin === 'string') return `a text of at most ${String(issue.maximum)} character(s)`;
      return `a number ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
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

/** "Expected `concurrency[0]` to be an integer >= 1, got `0`" */
export function formatIssue(issue: Issue, prefix = ''): string {
  const where = describePath(issue.path, prefix) || 'input';
  const given = issue.code === 'unrecognized_keys' ? 'extra keys' : `\`${describeValue(issue.input)}\``;
  return `Expected \`${where}\` to be ${expectation(issue)}, got ${given}`;
}

/** Parses at an edge (CLI, scenario file, server options): first problem becomes a UsageError. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new UsageError(first ? formatIssue(first, prefix) : 'Invalid input');
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
  return raw === undefined ? undefined : raw.split(',').map((part) => part.trim()).filter(Boolean);
}
