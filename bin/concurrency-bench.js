#!/usr/bin/env node
// `concurrency-bench [bench|mock-server] [options]`: runs the compiled entry point (npm's `prepare` builds dist/).
import { fileURLToPath, pathToFileURL } from 'node:url';

const commands = { bench: 'bench.js', 'mock-server': 'mock-server.js' };
const [first, ...rest] = process.argv.slice(2);
const named = first !== undefined && Object.hasOwn(commands, first);
const script = fileURLToPath(new URL(`../dist/scripts/${commands[named ? first : 'bench']}`, import.meta.url));
process.argv = [process.argv[0], script, ...(named ? rest : process.argv.slice(2))];
await import(pathToFileURL(script).href);
