import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clientConfigSchema, type ClientConfigInput } from '../runners/client-config.ts';
import { createHttpClient } from '../runners/http-client.ts';
import { createAgentShards } from '../runners/transports/undici-agent.ts';
import { useMockServer } from './support/mock-server.ts';

describe('connections past connectionsPerAgent are split over several Agents', () => {
  // Answers take 2 s, so every connection of a cold pool is open long before the first answer: the most in flight
  // the server sees is then what the client let out, not a race between connecting and answering.
  const server = useMockServer({ latencyMs: 2000, bodyBytes: 64 });

  async function allAtOnce(inFlight: number, config: ClientConfigInput) {
    const client = createHttpClient({ origin: server().url, config: clientConfigSchema.parse(config), inFlight, readBody: false });
    try {
      await server().resetStats();
      const responses = await Promise.all(Array.from({ length: inFlight }, () => client.get('/')));
      return { responses, stats: await server().stats() };
    } finally {
      await client.close();
    }
  }

  test('the shares are even and add up to the connections', () => {
    const shards = createAgentShards({
      origin: 'http://127.0.0.1:1',
      config: clientConfigSchema.parse({ connectionsPerAgent: 256 }),
      connections: 600,
      readBody: false,
    });
    assert.equal(shards.agents.length, 3);
    // Each request takes the next Agent with a connection free; 600 in flight fill all three, 200 each.
    const taken = Array.from({ length: 600 }, () => shards.take());
    assert.deepEqual(
      [0, 1, 2].map((index) => taken.filter((at) => at === index).length),
      [200, 200, 200],
    );
    for (const index of taken) shards.give(index);
    return shards.close();
  });

  test('one Agent up to the limit', () => {
    const shards = createAgentShards({
      origin: 'http://127.0.0.1:1',
      config: clientConfigSchema.parse({}),
      connections: 256,
      readBody: false,
    });
    assert.equal(shards.agents.length, 1);
    return shards.close();
  });

  test('600 requests in flight over Agents of at most 256 connections all reach the server at once', async () => {
    const { responses, stats } = await allAtOnce(600, { connectionsPerAgent: 256 });
    assert.ok(responses.every((response) => response.errorKind === undefined));
    assert.equal(stats.maxInFlight, 600);
  });

  test('with fewer connections than requests, no more than the connections are in flight, and every request completes', async () => {
    const { responses, stats } = await allAtOnce(600, { connections: 300, connectionsPerAgent: 100 });
    assert.ok(responses.every((response) => response.errorKind === undefined));
    assert.equal(stats.maxInFlight, 300);
  });
});
