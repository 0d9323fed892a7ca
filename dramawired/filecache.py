"""The embedded default's cache: Django's file cache, culled less eagerly, with an add()
that is atomic across processes.

Django's FileBasedCache lists the whole folder on every set() to decide whether to cull;
with thousands of cached pages that listing costs milliseconds per page stored. Checking on
one set in CULL_EVERY keeps the folder bounded (MAX_ENTRIES plus at most CULL_EVERY) at a
fraction of the cost.

Its add() checks, then writes: two processes adding one key at once can both win. Counting
each reader once (engagement/readers.py) needs exactly one winner, so add() holds a lock
file (one of LOCKS, chosen by the key) around the check and the write."""

import fcntl
import os
import random
import zlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 100
LOCKS = 64  # lock files in the folder, shared by all keys: never one per key


class FileCache(FileBasedCache):
    def _cull(self):
        if random.randrange(CULL_EVERY) == 0:
            super()._cull()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._createdir()
        stripe = zlib.crc32(self.make_and_validate_key(key, version).encode()) % LOCKS
        with open(os.path.join(self._dir, f"add-{stripe}.lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                return super().add(key, value, timeout, version)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
