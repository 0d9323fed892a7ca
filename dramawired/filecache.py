"""The embedded default's cache: Django's file cache, culled less eagerly.

Django's FileBasedCache lists the whole folder on every set() to decide whether to cull;
with thousands of cached pages that listing costs milliseconds per page stored. Checking on
one set in CULL_EVERY keeps the folder bounded (MAX_ENTRIES plus at most CULL_EVERY) at a
fraction of the cost."""

import random

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 100


class FileCache(FileBasedCache):
    def _cull(self):
        if random.randrange(CULL_EVERY) == 0:
            super()._cull()
