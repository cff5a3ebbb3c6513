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
        self.saved_state: bytes | None = None
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
            self.saved_state = reader.var_bytes()
        elif message_type == MESSAGE_ACCESS:
            self.mode = json.loads(reader.var_bytes())["mode"]
        return []

    def is_saved(self) -> bool:
        """Everything in the local document is in the server's committed document."""
        if self.saved_state is None:
            return False
        server = decode_state_vector(self.saved_state)
        return all(
            server.get(client, 0) >= clock for client, clock in decode_state_vector(self.doc.get_state()).items()
        )


def decode_state_vector(data: bytes) -> dict[int, int]:
    reader = Reader(data)
    return {reader.var_uint(): reader.var_uint() for _ in range(reader.var_uint())}
