"""Moving the files that became private out of the public storage.

Before the private storage existed, everything uploaded or generated lived in the one media
folder (or bucket): certificates, bulk ZIPs, documents and imports beside the images. Every
name is relative to its storage and stays the same, so moving a file from the public storage
to the private one under the same name is all a record needs. Everything outside the image
folders moves; what is already in the private storage with the same bytes is only removed from
the public one; a different file under the same name is left in place and reported, never
overwritten. Running it again moves nothing.

Run by the migration base 0008_private_storage when both storages are local folders, and by
``manage.py move_private_files`` (S3, or again after old processes wrote a late file).
"""

import contextlib
import hashlib
import os
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.core.files.move import file_move_safe

from content.base.storages import PUBLIC_FOLDERS


@dataclass
class MoveReport:
    moved: list = field(default_factory=list)
    already_private: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)


def local_location(storage):
    """The folder of a storage on local disk, or None (S3)."""
    try:
        return os.path.realpath(storage.path(""))
    except NotImplementedError:
        return None


def overlapping(first, second):
    """Whether one of two folders is the other or inside it."""
    common = os.path.commonpath([first, second])
    return common in (first, second)


def _names(storage, folder=""):
    directories, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        if folder or directory not in PUBLIC_FOLDERS:
            yield from _names(storage, f"{folder}/{directory}" if folder else directory)


def private_names_in(storage):
    """Names of the files in `storage` outside its image folders."""
    if local_location(storage) is not None and not storage.exists(""):
        return []
    return list(_names(storage))


def _digest(storage, name):
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _move_one(source, target, name, report, *, dry_run):
    if target.exists(name):
        if _digest(source, name) == _digest(target, name):
            report.already_private.append(name)
            if not dry_run:
                source.delete(name)
        else:
            report.conflicts.append(name)
        return
    report.moved.append(name)
    if dry_run:
        return
    source_folder, target_folder = local_location(source), local_location(target)
    if source_folder and target_folder:
        destination = target.path(name)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        file_move_safe(source.path(name), destination, allow_overwrite=False)
        return
    with source.open(name, "rb") as stream:
        saved = target.save(name, stream)
    if saved != name:
        # The target storage would not keep the name: leave the file where it is.
        target.delete(saved)
        report.moved.remove(name)
        report.conflicts.append(name)
        return
    source.delete(name)


def _prune_empty_folders(folder):
    for directory, _, _ in sorted(os.walk(folder), key=lambda entry: -len(entry[0])):
        relative = os.path.relpath(directory, folder)
        if relative != "." and relative.split(os.sep)[0] not in PUBLIC_FOLDERS:
            # Only an empty folder goes; one that still holds a file (a conflict) stays.
            with contextlib.suppress(OSError):
                os.rmdir(directory)


def move_private_files(*, source, target, dry_run=False):
    """Move every file of `source` (the public storage) outside its image folders into
    `target` (the private storage), under the same name. Returns a MoveReport."""
    source_folder, target_folder = local_location(source), local_location(target)
    if source_folder and target_folder and overlapping(source_folder, target_folder):
        # "Already there with the same bytes, delete the public copy" would delete the only
        # copy when both are one folder.
        raise ImproperlyConfigured(
            f"PRIVATE_MEDIA_ROOT ({target_folder}) and MEDIA_ROOT ({source_folder}) overlap: "
            "give the private files a folder of their own."
        )
    report = MoveReport()
    for name in private_names_in(source):
        _move_one(source, target, name, report, dry_run=dry_run)
    if source_folder and not dry_run:
        _prune_empty_folders(source_folder)
    return report
