#!/usr/bin/env node
// `concurrency-bench [bench|mock-server] [options]`: runs the TypeScript entry point under tsx's loader,
// in one child process that inherits the terminal, so worker threads and forked runners load .ts too.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const commands = { bench: 'bench.ts', 'mock-server': 'mock-server.ts' };
const [first, ...rest] = process.argv.slice(2);
const named = first !== undefined && Object.hasOwn(commands, first);
const script = fileURLToPath(new URL(`../scripts/${commands[named ? first : 'bench']}`, import.meta.url));
const args = named ? rest : process.argv.slice(2);

const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), script, ...args], { stdio: 'inherit' });
// The terminal sends Ctrl-C to the whole group; the child handles it. Relay SIGTERM, which only we get.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 2 : 1)));
