"""Where an export comes from: a file (plain, .gz, or WordPress.com's .zip of XML files)
or an address, fetched through the pipeline's fetch rules. Each part is opened afresh for
each pass over it, and read as a stream."""

import gzip
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from dramawired.pipeline.fetch import FetchError, HostLimiter, make_client
from dramawired.pipeline.fetch import fetch as fetch_url
from dramawired.pipeline.policy import policy_from_settings

from .importing import ReadError

# An export fetched by address is held in memory (the fetch rules read a body whole): at
# most this much. A larger site is exported to a file and imported from it (streamed).
MAX_DOWNLOAD = 256 * 1024 * 1024
DOWNLOAD_SECONDS = 300.0


@dataclass
class Part:
    name: str
    size: int
    open: Callable[[], BinaryIO]


def _parts_of_zip(opener: Callable[[], BinaryIO], name: str) -> list[Part]:
    with zipfile.ZipFile(opener()) as archive:
        members = [m for m in archive.infolist()
                   if m.filename.lower().endswith(".xml") and not m.is_dir()]

    def member(info):
        def open_member():
            return zipfile.ZipFile(opener()).open(info)
        return Part(f"{name}:{info.filename}", info.file_size, open_member)

    return [member(info) for info in sorted(members, key=lambda m: m.filename)]


def _parts(opener: Callable[[], BinaryIO], name: str, size: int) -> list[Part]:
    with opener() as head:
        magic = head.read(4)
    if magic.startswith(b"PK\x03\x04"):
        return _parts_of_zip(opener, name)
    if magic.startswith(b"\x1f\x8b"):
        return [Part(name, 0, lambda: gzip.open(opener()))]
    return [Part(name, size, opener)]


def open_export(where: str) -> list[Part]:
    if where.startswith(("http://", "https://")):
        policy = replace(policy_from_settings(), max_bytes=MAX_DOWNLOAD,
                         timeout=DOWNLOAD_SECONDS)
        try:
            with make_client(policy) as client:
                body = fetch_url(where, client, policy, limiter=HostLimiter()).content
        except FetchError as exc:
            raise ReadError(f"could not fetch {where}: {exc}") from exc
        return _parts(lambda: io.BytesIO(body), where, len(body))
    path = Path(where)
    if not path.is_file():
        raise ReadError(f"no such file: {where}")
    return _parts(lambda: path.open("rb"), where, path.stat().st_size)
