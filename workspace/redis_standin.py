"""The in-process Redis stand-in for the embedded run and for tests without a real Redis.

fakeredis's TCP server speaks the Redis protocol on loopback, so channels-redis, the Celery broker and
the cache run exactly the code they run against a real Redis. It keeps everything in memory: jobs live
in the database and the sweeper re-enqueues them, so losing its contents loses nothing that matters.
"""

from __future__ import annotations

import threading
from typing import Any

import redis
from fakeredis import TcpFakeServer
from fakeredis._clients._tcp_server import TCPFakeRequestHandler


class ErrorReplyKeepsConnection(TCPFakeRequestHandler):
    """Answer an error reply and keep serving the connection, as Redis does.

    fakeredis's handler raises error replies (fakeredis-py #432) and then closes the socket, so an
    ordinary EVALSHA "NOSCRIPT" from Celery's broker or channels-redis dropped their connection.
    """

    def setup(self) -> None:
        super().setup()
        read_response = self.current_client.read_response

        def read_response_or_error(*args: Any, **kwargs: Any) -> Any:
            try:
                return read_response(*args, **kwargs)
            except redis.exceptions.ResponseError as error:
                return error

        self.current_client.read_response = read_response_or_error  # type: ignore[method-assign]


def start_redis_standin(host: str = "127.0.0.1", port: int = 0) -> tuple[TcpFakeServer, str]:
    """Start the stand-in on a free loopback port (or `port`) and return it with its URL."""
    server = TcpFakeServer((host, port), server_type="redis")
    server.RequestHandlerClass = ErrorReplyKeepsConnection
    # Client handler threads must not keep the process alive after Ctrl-C.
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="redis-standin", daemon=True)
    thread.start()
    bound_host, bound_port = server.server_address[:2]
    return server, f"redis://{bound_host!s}:{bound_port}/0"
