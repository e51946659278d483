"""Back up and restore the whole site: the database, the files of every storage, and the signing key.

A backup is a directory: ``database.dump`` (pg_dump's custom format) or ``database.sqlite3``,
``storage/<alias>/…`` (one file per object of the "default" and "private" storages, wherever they live: local
disk or a bucket), ``keys/credential-signing-key.pem`` and ``manifest.json`` (sizes and SHA-256 of every file,
checked before anything is restored). Restoring needs an empty database and empty storages unless told to
replace them: a restore never mixes two sites.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage, storages
from django.db import connection, connections
from django.utils import timezone

STORAGE_ALIASES = ("default", "private")
MANIFEST = "manifest.json"
KEY_FILE = Path("keys") / "credential-signing-key.pem"


class BackupError(RuntimeError):
    """The backup or restore cannot go on; nothing more is changed (the message says what to do)."""


@dataclass
class RestorePlan:
    """What a restore would do (printed by a dry run, carried out by ``site_restore(apply=True)``)."""

    database: str
    files: dict[str, int] = field(default_factory=dict)
    key: str = ""
    problems: list[str] = field(default_factory=list)


def _signing_key_path() -> Path:
    """The credential signing key's file (the setting certificates.keys reads; core sits below certificates)."""
    return Path(settings.CREDENTIAL_SIGNING_KEY_PATH)


def storage_walk(storage: Storage, directory: str = "") -> Iterator[str]:
    """Every file name in a storage (recursively), as the storage names them."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{directory}/{name}" if directory else name
    for sub in directories:
        yield from storage_walk(storage, f"{directory}/{sub}" if directory else sub)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    args += ["--username", db["USER"], "--dbname", db["NAME"]]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian package postgresql-client).")
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 (our argv)
    if completed.returncode != 0:
        raise BackupError(f"{command[0]} failed: {completed.stderr.strip()}")


def site_backup(*, target: Path) -> dict:
    """Write a backup of the database, every storage and the signing key into ``target`` (new or empty)."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: give a new directory for each backup.")
    target.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor == "postgresql":
        args, env = _pg_env()
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(target / "database.dump"),
                *args,
            ],
            env,
        )
    elif vendor == "sqlite":
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        with sqlite3.connect(target / "database.sqlite3") as copy:
            source.backup(copy)
        source.close()
    else:
        raise BackupError(f"Cannot back up a {vendor} database.")
    for alias in STORAGE_ALIASES:
        storage = storages[alias]
        for name in storage_walk(storage):
            destination = target / "storage" / alias / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name, "rb") as source_file, destination.open("wb") as handle:
                shutil.copyfileobj(source_file, handle)
    key_path = _signing_key_path()
    if key_path.exists():
        (target / KEY_FILE).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(key_path, target / KEY_FILE)
        os.chmod(target / KEY_FILE, 0o600)
    files = {
        str(path.relative_to(target)): {"bytes": path.stat().st_size, "sha256": _sha256(path)}
        for path in sorted(target.rglob("*"))
        if path.is_file()
    }
    manifest = {"created_at": timezone.now().isoformat(), "database": vendor, "files": files}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def _manifest_checked(source: Path) -> dict:
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} is not a backup ({MANIFEST} unreadable: {exc}).") from exc
    for name, expected in manifest["files"].items():
        path = source / name
        if not path.is_file() or _sha256(path) != expected["sha256"]:
            raise BackupError(f"{name} is missing or damaged in {source}: nothing was restored.")
    return manifest


def _database_is_empty() -> bool:
    return "django_migrations" not in connection.introspection.table_names()


def restore_plan(*, source: Path, replace: bool = False) -> RestorePlan:
    """Check the backup and the target, and say what a restore would do."""
    source = Path(source)
    manifest = _manifest_checked(source)
    plan = RestorePlan(database=manifest["database"])
    if manifest["database"] != connection.vendor:
        plan.problems.append(f"The backup holds a {manifest['database']} database; this site uses {connection.vendor}.")
    if not replace and not _database_is_empty():
        plan.problems.append("The database is not empty (use --replace to overwrite it).")
    for alias in STORAGE_ALIASES:
        names = [name for name in manifest["files"] if name.startswith(f"storage/{alias}/")]
        plan.files[alias] = len(names)
        if not replace and next(storage_walk(storages[alias]), None) is not None:
            plan.problems.append(f"The {alias!r} storage is not empty (use --replace to empty it first).")
    key_path = _signing_key_path()
    if str(KEY_FILE) in manifest["files"]:
        backed_up = (source / KEY_FILE).read_bytes()
        if key_path.exists() and key_path.read_bytes() != backed_up and not replace:
            plan.problems.append(f"A different signing key is at {key_path} (use --replace to put the backed-up one).")
        plan.key = str(key_path)
    return plan


def site_restore(*, source: Path, replace: bool = False) -> RestorePlan:
    """Restore a backup made by site_backup: database, then files, then the signing key."""
    source = Path(source)
    plan = restore_plan(source=source, replace=replace)
    if plan.problems:
        raise BackupError(" ".join(plan.problems))
    if connection.vendor == "postgresql":
        connections.close_all()
        args, env = _pg_env()
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args]
        if replace:
            command += ["--clean", "--if-exists"]
        _run([*command, str(source / "database.dump")], env)
    else:
        connections.close_all()
        with (
            sqlite3.connect(source / "database.sqlite3") as backup,
            sqlite3.connect(settings.DATABASES["default"]["NAME"]) as live,
        ):
            backup.backup(live)
    for alias in STORAGE_ALIASES:
        storage = storages[alias]
        if replace:
            for name in list(storage_walk(storage)):
                storage.delete(name)
        root = source / "storage" / alias
        for path in sorted(root.rglob("*")) if root.exists() else []:
            if not path.is_file():
                continue
            name = path.relative_to(root).as_posix()
            with path.open("rb") as handle:
                saved = storage.save(name, File(handle, name=name))
            if saved != name:
                raise BackupError(f"The {alias!r} storage renamed {name} to {saved}: is it shared with another site?")
    if plan.key:
        _signing_key_path().parent.mkdir(parents=True, exist_ok=True)
        tmp = _signing_key_path().with_suffix(".restoring")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write((source / KEY_FILE).read_bytes())
        os.replace(tmp, _signing_key_path())
    return plan
