"""A content-addressed cache of generated files, one zip per key, written atomically.

A zip gives a CRC per member, so a truncated or corrupt entry is detected and rebuilt instead
of serving bad bytes. Writes go to a temporary file in the same folder and are renamed into
place, so concurrent builds sharing the folder never see half an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from .errors import log

_META = "__meta__.json"


class Cache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / f"{key[:32]}.zip"

    def get(self, key: str) -> tuple[dict[str, bytes], dict[str, object]] | None:
        path = self._path(key)
        if not path.is_file():
            return None
        try:
            with zipfile.ZipFile(path) as archive:
                files = {name: archive.read(name) for name in archive.namelist()}
            meta = json.loads(files.pop(_META))
            if meta.get("key") != key:
                raise ValueError("key mismatch")
            if meta.get("files") != sorted(files):  # CRCs cannot tell a member is missing
                raise ValueError("files missing")
            return files, meta
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as error:
            log.warning(f"cache entry {path} is unreadable ({error}); generating the icons again")
            return None

    def put(self, key: str, files: dict[str, bytes], meta: dict[str, object]) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        except OSError as error:
            log.info(f"cache folder {self.directory} is not writable ({error}); not caching")
            return
        try:
            with os.fdopen(handle, "wb") as stream, zipfile.ZipFile(stream, "w") as archive:
                for name, data in files.items():
                    archive.writestr(name, data)
                archive.writestr(_META, json.dumps({**meta, "key": key, "files": sorted(files)}))
            os.replace(temporary, self._path(key))
        except OSError as error:
            log.info(f"could not write the cache entry in {self.directory} ({error}); not caching")
            Path(temporary).unlink(missing_ok=True)


def materialize(files: dict[str, bytes], directory: Path) -> Path:
    """The files as real files in a folder of `directory` named by their content, written once.

    Other MkDocs plugins (mkdocs-static-i18n, mike, minifiers) open, copy and re-path the files a
    plugin adds, so they need a real `abs_src_path`. The folder is filled under a temporary name
    and renamed into place, so a concurrent build never sees it half written.
    """
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    target = directory / f"files-{digest.hexdigest()[:32]}"
    if all(
        (target / name).is_file() and (target / name).stat().st_size == len(data)
        for name, data in files.items()
    ):
        return target
    directory.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(dir=directory, suffix=".tmp"))
    for name, data in files.items():
        (temporary / name).parent.mkdir(parents=True, exist_ok=True)
        (temporary / name).write_bytes(data)
    if target.exists():  # incomplete (a file removed by hand): replace it whole
        shutil.rmtree(target, ignore_errors=True)
    try:
        os.replace(temporary, target)
    except OSError:  # another build renamed the same content into place first
        shutil.rmtree(temporary, ignore_errors=True)
    return target
