"""
The baseline python-asyncio is measured against (bench:self's harness cost): what a user would write by hand,
of the same shape as the host's model: one aiohttp.ClientSession with a TCPConnector(limit=IN_FLIGHT), IN_FLIGHT
lanes each taking the next request when its previous one ends, the body read; no identity, no records, no retries.

    bare_aiohttp.py URL REQUESTS IN_FLIGHT ROUNDS [--wait] [--header NAME=VALUE]

The client settings are the run's defaults, as the host gets them (runners/client-config.ts): connect and read
timeouts of 30 s, no total timeout, keep-alive 30 s.

Prints one JSON line per round: {"round": 1, "requests": ..., "wallMs": ..., "requestsPerSecond": ..., "cpuUs": ...}
(cpuUs: this process's CPU time during the round).
--wait: each round starts when a line arrives on stdin (so a harness can alternate it with the host); stdin's
end stops it early. --header: one more header on every request (e.g. an identity of the host's length).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import sys
from collections.abc import Callable
from time import perf_counter_ns, process_time_ns
from typing import NoReturn

import aiohttp


def _integer(minimum: int, name: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise argparse.ArgumentTypeError(f"Expected `{name}` to be an integer >= {minimum}, got `{text}`")
        return value

    return parse


def _header(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"Expected `--header` to be NAME=VALUE, got `{text}`")
    return name, value


_USAGE = "bare_aiohttp.py URL REQUESTS IN_FLIGHT ROUNDS [--wait] [--header NAME=VALUE]"


class _OneLineParser(argparse.ArgumentParser):
    """Bad input: one line saying what was expected, exit 2."""

    def error(self, message: str) -> NoReturn:
        expected = message.find("Expected")
        print(message[expected:] if expected >= 0 else f"{message} (usage: {_USAGE})", file=sys.stderr)
        sys.exit(2)


def _arguments() -> argparse.Namespace:
    parser = _OneLineParser(prog="bare_aiohttp.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("requests", type=_integer(1, "REQUESTS"))
    parser.add_argument("in_flight", type=_integer(1, "IN_FLIGHT"))
    parser.add_argument("rounds", type=_integer(1, "ROUNDS"))
    parser.add_argument("--wait", action="store_true")
    parser.add_argument("--header", type=_header, action="append", default=[])
    arguments = parser.parse_args()
    if not arguments.url.startswith(("http://", "https://")):
        parser.error(f"Expected `URL` to be an http:// or https:// URL, got `{arguments.url}`")
    return arguments


_TIMEOUT_S = 30.0
_KEEP_ALIVE_S = 30.0


async def _round(session: aiohttp.ClientSession, url: str, requests: int, in_flight: int, headers: dict[str, str]) -> int:
    next_index = 0

    async def lane() -> None:
        nonlocal next_index
        while next_index < requests:
            next_index += 1
            async with session.get(url, headers=headers) as response:
                await response.read()

    start = perf_counter_ns()
    await asyncio.gather(*(lane() for _ in range(min(in_flight, requests))))
    return perf_counter_ns() - start


async def _main(arguments: argparse.Namespace) -> None:
    headers = dict(arguments.header)
    connector = aiohttp.TCPConnector(limit=arguments.in_flight, keepalive_timeout=_KEEP_ALIVE_S)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=_TIMEOUT_S, sock_read=_TIMEOUT_S)
    loop = asyncio.get_running_loop()
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        for round_ in range(1, arguments.rounds + 1):
            if arguments.wait and not await loop.run_in_executor(None, sys.stdin.readline):
                return
            gc.collect()
            cpu_before_ns = process_time_ns()
            wall_ns = await _round(session, arguments.url, arguments.requests, arguments.in_flight, headers)
            cpu_ns = process_time_ns() - cpu_before_ns
            line = {
                "round": round_,
                "requests": arguments.requests,
                "wallMs": wall_ns / 1e6,
                "requestsPerSecond": arguments.requests / (wall_ns / 1e9),
                "cpuUs": cpu_ns // 1000,
            }
            print(json.dumps(line), flush=True)


if __name__ == "__main__":
    asyncio.run(_main(_arguments()))
