"""Django's Redis cache, made to survive a Redis outage.

Everything we keep in the cache can be rebuilt from the database, so while Redis is
unreachable a read is a miss and a write is skipped (logged once a minute at most), rather
than every page failing with a 500. When Redis answers again, the cache fills back up.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

log = logging.getLogger("dramawired.cache")
DOWN = (ConnectionError, TimeoutError)


class ResilientRedisCache(RedisCache):
    _last_warning = 0.0

    def _down(self, exc: Exception) -> None:
        now = time.monotonic()
        if now - ResilientRedisCache._last_warning > 60:
            ResilientRedisCache._last_warning = now
            log.warning("cache unreachable, serving without it: %s", exc)

    def _guard(self, method: str, fallback, *args, **kwargs):
        try:
            return getattr(super(), method)(*args, **kwargs)
        except DOWN as exc:
            self._down(exc)
            return fallback

    def get(self, key, default=None, version=None):
        return self._guard("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._guard("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except DOWN as exc:
            self._down(exc)
            raise ValueError(f"cache unreachable: {exc}") from exc
