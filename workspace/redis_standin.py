"""The in-process Redis stand-in for the embedded run and for tests without a real Redis.

fakeredis's TCP server speaks the Redis protocol on loopback, so channels-redis, the Celery broker and
the cache run exactly the code they run against a real Redis. It keeps everything in memory: jobs live
in the database and the sweeper re-enqueues them, so losing its contents loses nothing that matters.
"""

import threading

from fakeredis import TcpFakeServer


def start_redis_standin(host: str = "127.0.0.1", port: int = 0) -> tuple[TcpFakeServer, str]:
    """Start the stand-in on a free loopback port (or `port`) and return it with its URL."""
    server = TcpFakeServer((host, port), server_type="redis")
    # Client handler threads must not keep the process alive after Ctrl-C.
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="redis-standin", daemon=True)
    thread.start()
    bound_host, bound_port = server.server_address[:2]
    return server, f"redis://{bound_host!s}:{bound_port}/0"
