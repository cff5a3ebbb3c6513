"""Benchmark: many people editing live documents at once, against the real running stack.

Starts the stack as `make run` does (bench/live_bench.py's `running_stack`: uvicorn, Celery worker and
beat, the Redis stand-in unless REDIS_URL is set) against a throwaway database with the demo data, creates
one problem tree per room over REST, then spreads y-websocket clients (the same protocol the browser's
provider speaks, tests/live_client.py) over the rooms. Every client makes one small edit (a new entry in a
Y.Map) at a steady rate with a random phase. Each edit's key carries its sender and send time, so every
receiver can measure send-to-receipt latency from the raw frames without decoding the whole document.

Prints deliveries/expected (every edit should reach every *other* client of its room), lost, latency
p50/p95/p99/max, the server's CPU (cores used by the stack's processes during the run) and peak RSS.
The clients run in their own processes on the same machine (--client-procs), so their work competes with
the server's for the same cores.

    .venv/bin/python bench/doc_bench.py [--clients 300] [--rooms 10] [--rate 2] [--duration 60]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/roundtable REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/doc_bench.py
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from live_bench import WORKSPACE, HttpSession, TreeMemory, expect, mb, running_stack, sign_in  # noqa: E402

EDITORS = ["admin@example.org", "executive@example.org"]
MARKER = re.compile(rb"e(\d+)\.(\d+)\.(\d+)")
BUCKET_MS = 0.5


# --- The client processes -------------------------------------------------------------------------------


async def run_clients(spec: dict[str, Any]) -> dict[str, Any]:
    import websockets
    from pycrdt import Map
    from websockets.typing import Origin

    from tests.live_client import YClient

    latency: Counter[int] = Counter()
    received: dict[int, set[tuple[int, int]]] = {}
    sent: Counter[int] = Counter()  # per room
    connected_rooms: Counter[int] = Counter()
    errors: list[str] = []
    sockets: list[Any] = []
    # A client counts as in its room once the server's first sync message arrives: the socket is
    # accepted before access is checked and the room joined, and edits relayed meanwhile would miss it.
    joined: list[int] = []
    joined_at: list[float] = []
    ready = asyncio.Event()
    in_room: set[int] = set()

    async def client(index: int, room: int, cookie: str) -> None:
        url = f"{spec['ws']}/ws/doc/tree/{room}/"
        seen = received.setdefault(index, set())
        try:
            async with websockets.connect(
                url, origin=Origin(spec["origin"]), additional_headers={"Cookie": cookie}, max_size=None
            ) as ws:
                sockets.append(ws)
                connected_rooms[room] += 1
                yclient = YClient()
                await ws.send(yclient.hello())
                bench_map = yclient.doc.get("bench", type=Map)

                async def reader() -> None:
                    async for frame in ws:
                        if not isinstance(frame, bytes):
                            continue
                        if frame[:2] == b"\x00\x02":  # a relayed update
                            now_us = time.time() * 1e6
                            for sender, seq, at in MARKER.findall(frame):
                                sender_index = int(sender)
                                if sender_index == index:
                                    continue
                                key = (sender_index, int(seq))
                                if key not in seen:
                                    seen.add(key)
                                    latency[int((now_us - int(at)) / 1000 / BUCKET_MS)] += 1
                        elif frame[:1] == b"\x00":
                            if frame[:2] == b"\x00\x00" and index not in in_room:
                                in_room.add(index)
                                joined.append(index)
                                joined_at.append(time.time())
                            for reply in yclient.receive(frame):
                                await ws.send(reply)

                reading = asyncio.ensure_future(reader())
                await ready.wait()
                interval = 1.0 / spec["rate"]
                await asyncio.sleep(random.random() * interval)
                deadline = spec["start"] + spec["duration"]
                next_at = time.time()
                seq = 0
                while time.time() < deadline:
                    seq += 1
                    key = f"e{index}.{seq}.{int(time.time() * 1e6)}"

                    def change(_doc: Any, key: str = key, seq: int = seq) -> None:
                        bench_map[key] = seq

                    await ws.send(yclient.edit(change))
                    sent[room] += 1
                    next_at += interval
                    await asyncio.sleep(max(0.0, next_at - time.time()))
                await asyncio.sleep(spec["grace"])
                reading.cancel()
        except Exception as error:  # noqa: BLE001 - reported, the run goes on
            errors.append(f"client {index}: {type(error).__name__}: {error}")

    tasks = [asyncio.ensure_future(client(index, room, cookie)) for index, room, cookie in spec["clients"]]
    connecting_since = time.time()
    while len(joined) + len(errors) < len(tasks):
        await asyncio.sleep(0.05)
    join_seconds = (max(joined_at) if joined_at else time.time()) - connecting_since
    print(json.dumps({"connected": len(joined), "join_seconds": join_seconds}), flush=True)
    start = json.loads(await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline))
    spec["start"] = start["start"]
    await asyncio.sleep(max(0.0, spec["start"] - time.time()))
    ready.set()
    await asyncio.gather(*tasks)
    return {
        "latency": {str(bucket): count for bucket, count in latency.items()},
        "received": sum(len(keys) for keys in received.values()),
        "sent": {str(room): count for room, count in sent.items()},
        "connected": {str(room): count for room, count in connected_rooms.items()},
        "errors": errors,
    }


def worker_main() -> None:
    spec = json.loads(sys.stdin.readline())
    # uvloop, as the server runs: the clients share the machine's cores with the server, and the less
    # each frame costs them, the less their own delay adds to the latency they measure.
    import uvloop

    result = uvloop.run(run_clients(spec))
    print(json.dumps(result), flush=True)


# --- The coordinator ------------------------------------------------------------------------------------


def cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
    return total / ticks


def percentile(latency: Counter[int], fraction: float) -> float:
    total = sum(latency.values())
    if not total:
        return float("nan")
    target = fraction * total
    running = 0
    for bucket in sorted(latency):
        running += latency[bucket]
        if running >= target:
            return (bucket + 1) * BUCKET_MS
    return max(latency) * BUCKET_MS


def create_rooms(admin: HttpSession, count: int) -> list[int]:
    groups = expect(admin.request("GET", f"/api/workspaces/{WORKSPACE}/groups/"), 200, "group list")
    group_id = (groups["results"] if isinstance(groups, dict) else groups)[0]["id"]
    rooms = []
    for number in range(count):
        tree = expect(
            admin.request(
                "POST",
                f"/api/workspaces/{WORKSPACE}/groups/{group_id}/trees/",
                {"title": f"Benchmark room {number + 1}", "focal_problem": "Children leave school early"},
            ),
            201,
            "tree creation",
        )
        rooms.append(int(tree["id"]))
    return rooms


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker_main()
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--rooms", type=int, default=10)
    parser.add_argument("--rate", type=float, default=2.0, help="edits per second per client")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of editing")
    parser.add_argument("--grace", type=float, default=5.0, help="seconds after the end before counting losses")
    parser.add_argument("--client-procs", type=int, default=2, help="client processes")
    parser.add_argument("--keep-data", action="store_true")
    args = parser.parse_args()

    with running_stack(keep_data=args.keep_data) as stack:
        people = [sign_in(stack.url, email) for email in EDITORS]
        rooms = create_rooms(people[0], args.rooms)
        ws_url = stack.url.replace("http://", "ws://")
        assignments = [
            (index, rooms[index % len(rooms)], people[index % len(people)].cookie_header())
            for index in range(args.clients)
        ]
        workers = []
        for number in range(args.client_procs):
            spec = {
                "ws": ws_url,
                "origin": stack.url,
                "rate": args.rate,
                "duration": args.duration,
                "grace": args.grace,
                "clients": assignments[number :: args.client_procs],
            }
            process = subprocess.Popen(  # noqa: S603 - this script
                [sys.executable, __file__, "--worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                cwd=ROOT,
            )
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(json.dumps(spec) + "\n")
            process.stdin.flush()
            workers.append(process)
        readiness = [json.loads(worker.stdout.readline()) for worker in workers if worker.stdout]
        connected = sum(ready["connected"] for ready in readiness)
        join_seconds = max(ready["join_seconds"] for ready in readiness)
        memory = TreeMemory(stack.process.pid)
        memory.start()
        start = time.time() + 1.0
        cpu_before = cpu_seconds(memory.tree())
        for worker in workers:
            if worker.stdin:
                worker.stdin.write(json.dumps({"start": start}) + "\n")
                worker.stdin.flush()
        time.sleep(max(0.0, start + args.duration - time.time()))
        cpu_used = cpu_seconds(memory.tree()) - cpu_before
        results = [json.loads(worker.stdout.readline()) for worker in workers if worker.stdout]
        memory.finish()
        for worker in workers:
            worker.wait(timeout=30)

    latency: Counter[int] = Counter()
    sent: Counter[int] = Counter()
    received = 0
    errors: list[str] = []
    for result in results:
        latency.update({int(bucket): count for bucket, count in result["latency"].items()})
        sent.update({int(room): count for room, count in result["sent"].items()})
        received += result["received"]
        errors += result["errors"]
    room_size: Counter[int] = Counter()
    for result in results:
        room_size.update({int(room): count for room, count in result["connected"].items()})
    expected = sum(count * (room_size[room] - 1) for room, count in sent.items())
    edits = sum(sent.values())
    print()
    print(f"Live-document editing: {args.clients} clients ({connected} connected) in {args.rooms} rooms,")
    print(f"{args.rate:g} edits/s each for {args.duration:g} s; database {stack.database}; {stack.redis}")
    print(f"  all joined after:      {join_seconds:.1f} s ({connected} sockets opened at once, before editing starts)")
    print(f"  edits sent:            {edits} ({edits / args.duration:.0f}/s)")
    print(f"  deliveries/expected:   {received}/{expected}  lost: {expected - received}")
    print(
        "  latency send→receipt:  "
        f"p50 {percentile(latency, 0.5):.1f} ms, p95 {percentile(latency, 0.95):.1f} ms, "
        f"p99 {percentile(latency, 0.99):.1f} ms, max {percentile(latency, 1.0):.1f} ms"
    )
    print(
        f"  server CPU:            {cpu_used / args.duration:.2f} cores (web, worker, beat; the database not included)"
    )
    print(f"  server peak RSS:       {mb(memory.peak_bytes)}")
    for pid, (name, peak) in sorted(memory.high_water.items()):
        print(f"    {name:<8} pid {pid}: {mb(peak)}")
    if errors:
        print(f"  client errors: {len(errors)}; first: {errors[:3]}")


if __name__ == "__main__":
    main()
