"""The y-websocket wire format, decoded defensively.

Every frame from a browser is untrusted: it is parsed here completely (lengths checked, the Yjs update
decoded by Yrs) before anything is applied, stored or relayed. Parsing never raises anything but
`MalformedFrame`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pycrdt import Doc, get_state

MESSAGE_SYNC = 0
MESSAGE_AWARENESS = 1
MESSAGE_AUTH = 2
MESSAGE_QUERY_AWARENESS = 3
# Our own server-to-client messages; y-websocket lets the browser register handlers for them.
MESSAGE_SAVED = 100
MESSAGE_ACCESS = 101

SYNC_STEP1 = 0
SYNC_STEP2 = 1
SYNC_UPDATE = 2

# The largest frame a browser may send. A paste of a long report into a prose section is far below it;
# anything above is refused rather than parsed.
MAX_FRAME_BYTES = 512 * 1024
# An awareness state is a few fields (who, what they edit, the caret); larger ones are refused.
MAX_AWARENESS_STATE_BYTES = 4 * 1024
# One connection speaks for its own client ids; a burst of hundreds of ids is not a browser.
MAX_AWARENESS_ENTRIES = 8

EMPTY_UPDATE = b"\x00\x00"


class MalformedFrame(ValueError):
    """The frame is not a well-formed message of the protocol."""


def write_var_uint(value: int) -> bytes:
    out = bytearray()
    while value > 0x7F:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    out.append(value)
    return bytes(out)


def write_var_bytes(data: bytes) -> bytes:
    return write_var_uint(len(data)) + data


class Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def var_uint(self) -> int:
        value = 0
        shift = 0
        while True:
            if self.pos >= len(self.data) or shift > 63:
                raise MalformedFrame("truncated number")
            byte = self.data[self.pos]
            self.pos += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
            shift += 7

    def var_bytes(self) -> bytes:
        length = self.var_uint()
        end = self.pos + length
        if end > len(self.data):
            raise MalformedFrame("truncated payload")
        chunk = self.data[self.pos : end]
        self.pos = end
        return chunk

    def var_string(self) -> str:
        try:
            return self.var_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            raise MalformedFrame("invalid text") from error

    def at_end(self) -> bool:
        return self.pos == len(self.data)


@dataclass(frozen=True, slots=True)
class SyncFrame:
    step: int  # SYNC_STEP1, SYNC_STEP2 or SYNC_UPDATE
    payload: bytes  # a state vector (step 1) or an update (step 2, update)


@dataclass(frozen=True, slots=True)
class AwarenessEntry:
    client_id: int
    clock: int
    state: dict[str, Any] | None  # None: the client left


@dataclass(frozen=True, slots=True)
class AwarenessFrame:
    entries: tuple[AwarenessEntry, ...]


@dataclass(frozen=True, slots=True)
class QueryAwarenessFrame:
    pass


Frame = SyncFrame | AwarenessFrame | QueryAwarenessFrame


def parse_frame(data: bytes) -> Frame:
    if len(data) > MAX_FRAME_BYTES:
        raise MalformedFrame("frame too large")
    reader = Reader(data)
    message_type = reader.var_uint()
    if message_type == MESSAGE_SYNC:
        step = reader.var_uint()
        if step not in (SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE):
            raise MalformedFrame("unknown sync step")
        payload = reader.var_bytes()
        if not reader.at_end():
            raise MalformedFrame("trailing bytes")
        _check_payload(step, payload)
        return SyncFrame(step, payload)
    if message_type == MESSAGE_AWARENESS:
        body = reader.var_bytes()
        if not reader.at_end():
            raise MalformedFrame("trailing bytes")
        return AwarenessFrame(parse_awareness_update(body))
    if message_type == MESSAGE_QUERY_AWARENESS:
        return QueryAwarenessFrame()
    raise MalformedFrame("unknown message type")


def _check_payload(step: int, payload: bytes) -> None:
    if step == SYNC_STEP1:
        _check_state_vector(payload)
    elif payload != EMPTY_UPDATE:
        try:
            # Decodes every struct of the update; Yrs refuses anything it could not apply.
            get_state(payload)
        except (ValueError, BaseException) as error:  # pyo3 panics surface as BaseException subclasses
            if isinstance(error, KeyboardInterrupt | SystemExit):
                raise
            raise MalformedFrame("invalid update") from error


def missing_for(doc: Doc, state_vector: bytes) -> bytes:
    """What `doc` holds beyond a (validated) state vector, as one update."""
    try:
        return doc.get_update(state_vector)
    except (ValueError, BaseException) as error:
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        raise MalformedFrame("invalid state vector") from error


def _check_state_vector(payload: bytes) -> None:
    reader = Reader(payload)
    count = reader.var_uint()
    if count > 100_000:
        raise MalformedFrame("state vector too long")
    for _ in range(count):
        reader.var_uint()
        reader.var_uint()
    if not reader.at_end():
        raise MalformedFrame("trailing bytes in state vector")


def parse_awareness_update(body: bytes) -> tuple[AwarenessEntry, ...]:
    reader = Reader(body)
    count = reader.var_uint()
    if count > MAX_AWARENESS_ENTRIES:
        raise MalformedFrame("too many awareness entries")
    entries = []
    for _ in range(count):
        client_id = reader.var_uint()
        clock = reader.var_uint()
        raw = reader.var_string()
        if len(raw) > MAX_AWARENESS_STATE_BYTES:
            raise MalformedFrame("awareness state too large")
        try:
            state = json.loads(raw)
        except ValueError as error:
            raise MalformedFrame("awareness state is not JSON") from error
        if state is not None and not isinstance(state, dict):
            raise MalformedFrame("awareness state is not an object")
        entries.append(AwarenessEntry(client_id, clock, state))
    if not reader.at_end():
        raise MalformedFrame("trailing bytes")
    return tuple(entries)


def encode_awareness(entries: list[AwarenessEntry] | tuple[AwarenessEntry, ...]) -> bytes:
    body = bytearray(write_var_uint(len(entries)))
    for entry in entries:
        body += write_var_uint(entry.client_id)
        body += write_var_uint(entry.clock)
        body += write_var_bytes(json.dumps(entry.state, separators=(",", ":")).encode("utf-8"))
    return write_var_uint(MESSAGE_AWARENESS) + write_var_bytes(bytes(body))


def encode_sync(step: int, payload: bytes) -> bytes:
    return write_var_uint(MESSAGE_SYNC) + write_var_uint(step) + write_var_bytes(payload)


def encode_saved(state_vector: bytes) -> bytes:
    return write_var_uint(MESSAGE_SAVED) + write_var_bytes(state_vector)


def encode_access(*, can_edit: bool) -> bytes:
    text = json.dumps({"mode": "edit" if can_edit else "read"}).encode("utf-8")
    return write_var_uint(MESSAGE_ACCESS) + write_var_bytes(text)


QUERY_AWARENESS = write_var_uint(MESSAGE_QUERY_AWARENESS)
