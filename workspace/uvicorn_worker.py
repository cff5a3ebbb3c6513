"""The uvicorn worker class gunicorn runs in production (docker-compose.yml)."""

from __future__ import annotations

from typing import Any

from uvicorn_worker import UvicornWorker


class RoundtableUvicornWorker(UvicornWorker):
    # Without websocket compression: live rooms send many small frames (a Yjs update is tens of bytes),
    # where permessage-deflate was the largest single cost per delivered update in bench/doc_bench.py
    # and keeps a zlib context per open socket. The same setting as `make run` (workspace/run.py).
    CONFIG_KWARGS: dict[str, Any] = {**UvicornWorker.CONFIG_KWARGS, "ws_per_message_deflate": False}
