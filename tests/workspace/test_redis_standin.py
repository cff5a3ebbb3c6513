"""The Redis stand-in behaves like Redis where our clients depend on it."""

from __future__ import annotations

import pytest
import redis

from workspace.redis_standin import start_redis_standin


def test_an_error_reply_does_not_drop_the_connection() -> None:
    server, url = start_redis_standin()
    try:
        client = redis.Redis.from_url(url, single_connection_client=True)
        client.set("greeting", "hello")
        with pytest.raises(redis.exceptions.ResponseError):
            client.evalsha("0" * 40, 0)  # NOSCRIPT, which Celery and channels-redis meet at start-up
        with pytest.raises(redis.exceptions.ResponseError):
            client.lpush("greeting", "x")  # WRONGTYPE
        assert client.get("greeting") == b"hello"
        assert client.client_id() == client.client_id(), "the same connection kept serving"
    finally:
        server.shutdown()
        server.server_close()
