"""A y-websocket client in Python (pycrdt), for the websocket tests, the crash test and the benchmark.

It speaks what the browser's y-websocket provider speaks: sync step 1/2 and updates, awareness, and our
saved (100) and access (101) messages. Transport-agnostic: `receive(frame)` returns the frames to send.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pycrdt import Doc

from workspace.live.protocol import (
    MESSAGE_ACCESS,
    MESSAGE_AWARENESS,
    MESSAGE_SAVED,
    MESSAGE_SYNC,
    SYNC_STEP1,
    SYNC_STEP2,
    SYNC_UPDATE,
    AwarenessEntry,
    Reader,
    encode_awareness,
    encode_sync,
    parse_awareness_update,
)


class YClient:
    def __init__(self, doc: Doc | None = None) -> None:
        self.doc: Doc = doc or Doc()
        self.mode: str | None = None
        # The latest `saved` vector from the server, and how far this client's own edits go.
        self.server_state: dict[int, int] = {}
        self.pending: dict[int, int] = {}
        self.saved_received = False
        self.synced = False
        self.awareness: dict[int, dict[str, Any] | None] = {}
        self.updates_received = 0
        self.on_update: Callable[[bytes], None] | None = None
        self.awareness_clock = 0

    @property
    def client_id(self) -> int:
        return int(self.doc.client_id)

    def hello(self) -> bytes:
        """The sync step 1 a provider sends on connecting."""
        return encode_sync(SYNC_STEP1, self.doc.get_state())

    def edit(self, change: Callable[[Doc], None]) -> bytes:
        """Make a local change; returns the update frame to send."""
        before = self.doc.get_state()
        with self.doc.transaction():
            change(self.doc)
        self.pending[self.client_id] = decode_state_vector(self.doc.get_state()).get(self.client_id, 0)
        return encode_sync(SYNC_UPDATE, self.doc.get_update(before))

    def presence(self, state: dict[str, Any] | None) -> bytes:
        self.awareness_clock += 1
        return encode_awareness([AwarenessEntry(self.client_id, self.awareness_clock, state)])

    def receive(self, frame: bytes) -> list[bytes]:
        reader = Reader(frame)
        message_type = reader.var_uint()
        if message_type == MESSAGE_SYNC:
            step = reader.var_uint()
            payload = reader.var_bytes()
            if step == SYNC_STEP1:
                return [encode_sync(SYNC_STEP2, self.doc.get_update(payload))]
            self.doc.apply_update(payload)
            if step == SYNC_STEP2:
                self.synced = True
            else:
                self.updates_received += 1
                if self.on_update is not None:
                    self.on_update(payload)
        elif message_type == MESSAGE_AWARENESS:
            for entry in parse_awareness_update(reader.var_bytes()):
                self.awareness[entry.client_id] = entry.state
        elif message_type == MESSAGE_SAVED:
            self.saved_received = True
            self._server_has(decode_state_vector(reader.var_bytes()))
        elif message_type == MESSAGE_ACCESS:
            self.mode = json.loads(reader.var_bytes())["mode"]
        return []

    def _server_has(self, state: dict[int, int]) -> None:
        for client, clock in state.items():
            if clock > self.server_state.get(client, 0):
                self.server_state[client] = clock

    def is_saved(self) -> bool:
        """Every edit made here is in the server's committed document.

        Updates relayed by the server are stored by definition; only local edits can be unsaved, and a
        `saved` vector that covers them says they are stored.
        """
        if not self.saved_received:
            return False
        return all(self.server_state.get(client, 0) >= clock for client, clock in self.pending.items())


def decode_state_vector(data: bytes) -> dict[int, int]:
    reader = Reader(data)
    return {reader.var_uint(): reader.var_uint() for _ in range(reader.var_uint())}


def sign_in(base_url: str, email: str, password: str) -> str:
    """Sign in over HTTP as the browser app does; returns the Cookie header for websockets."""
    import http.cookiejar
    import urllib.request

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base_url}/api/auth/csrf/", timeout=10).read()
    csrf = next(cookie.value or "" for cookie in jar if cookie.name == "csrftoken")
    request = urllib.request.Request(  # noqa: S310 - our loopback server
        f"{base_url}/api/auth/login/",
        data=json.dumps({"email": email, "password": password}).encode(),
        headers={
            "Content-Type": "application/json",
            "X-CSRFToken": csrf,
            "Origin": base_url,
            "Referer": base_url + "/",
        },
        method="POST",
    )
    opener.open(request, timeout=10).read()
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def http_json(base_url: str, cookie: str, method: str, path: str, body: Any = None) -> Any:
    import urllib.request

    csrf = next((part.split("=", 1)[1] for part in cookie.split("; ") if part.startswith("csrftoken=")), "")
    request = urllib.request.Request(  # noqa: S310 - our loopback server
        f"{base_url}{path}",
        data=json.dumps(body).encode() if body is not None else None,
        headers={
            "Content-Type": "application/json",
            "Cookie": cookie,
            "X-CSRFToken": csrf,
            "Origin": base_url,
            "Referer": base_url + "/",
        },
        method=method,
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return json.loads(response.read() or b"null")


class WsPeer:
    """A YClient on a real websocket that reconnects on demand, as the browser provider does."""

    def __init__(self, url: str, cookie: str, origin: str) -> None:
        self.url = url
        self.cookie = cookie
        self.origin = origin
        self.client = YClient()
        self.ws: Any = None
        self.reader: Any = None
        self.close_code: int | None = None

    async def connect(self) -> None:
        import asyncio

        import websockets
        from websockets.typing import Origin

        self.close_code = None
        self.ws = await websockets.connect(
            self.url, origin=Origin(self.origin), additional_headers={"Cookie": self.cookie}, max_size=None
        )
        await self.ws.send(self.client.hello())
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        from websockets.exceptions import ConnectionClosed

        ws = self.ws
        try:
            async for frame in ws:
                if isinstance(frame, bytes):
                    for reply in self.client.receive(frame):
                        await ws.send(reply)
        except ConnectionClosed:
            pass
        finally:
            self.close_code = ws.close_code if ws.close_code is not None else 1006

    async def send(self, frame: bytes) -> bool:
        from websockets.exceptions import ConnectionClosed

        if self.ws is None or self.close_code is not None:
            return False
        try:
            await self.ws.send(frame)
        except ConnectionClosed:
            return False
        return True

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            await self.reader
