"""System checks for configurations that start fine but serve wrong pages later."""

import os

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.http.request import validate_host

from content.base.address import AddressError, development_reasons, parse
from content.base.file_moves import local_location, overlapping
from content.base.storages import (
    PrivateFileSystemStorage,
    SignedUrls,
    private_storage,
    public_storage,
)

PROCESS_LOCAL_CACHES = {"django.core.cache.backends.locmem.LocMemCache"}


@register(Tags.caches, deploy=True)
def page_cache_is_shared(app_configs, **kwargs):
    """With several web processes, a per-process cache keeps each process's own copy of a page
    and of the generation counter: a publish invalidates one process's pages, and the others keep
    serving the old page until it expires."""
    backend = settings.CACHES["default"]["BACKEND"]
    if (
        settings.PAGE_CACHE_SECONDS <= 0
        or backend not in PROCESS_LOCAL_CACHES
        or settings.WEB_CONCURRENCY <= 1
    ):
        return []
    return [
        Error(
            f"Cache halaman aktif di memori setiap proses, padahal ada {settings.WEB_CONCURRENCY} "
            "proses web: setelah halaman diterbitkan, proses lain tetap menyajikan versi lama.",
            hint=(
                "Set REDIS_URL to a Redis server shared by every web process, or run one web "
                "process (WEB_CONCURRENCY=1), or turn the page cache off (PAGE_CACHE_SECONDS=0)."
            ),
            id="lentera.E001",
        )
    ]


def _folder(path):
    return os.path.realpath(str(path))


def _static_folders():
    return [
        _folder(settings.STATIC_ROOT),
        *(_folder(folder) for folder in settings.STATICFILES_DIRS),
    ]


@register(Tags.security)
def private_files_have_no_url(app_configs, **kwargs):
    """The private storage must be a place no URL reaches: not the public media folder, nor
    inside or around it, nor among the static files whitenoise serves; and a local private
    storage must refuse to make URLs. Wrong in any mode, so checked always."""
    private, public = private_storage(), public_storage()
    private_folder, public_folder = local_location(private), local_location(public)
    errors = []
    if private_folder is not None:
        served = [("MEDIA_ROOT", public_folder)] if public_folder else []
        served += [("STATIC_ROOT/STATICFILES_DIRS", folder) for folder in _static_folders()]
        for label, folder in served:
            if overlapping(private_folder, folder):
                errors.append(
                    Error(
                        f"Folder berkas privat ({private_folder}) bertumpuk dengan {label} "
                        f"({folder}): sertifikat dan dokumen privat dapat diunduh siapa saja.",
                        hint="Set PRIVATE_MEDIA_ROOT to a folder of its own, outside MEDIA_ROOT, "
                        "the static files and any web server's document root.",
                        id="lentera.E010",
                    )
                )
        if not isinstance(private, PrivateFileSystemStorage):
            errors.append(
                Error(
                    "Penyimpanan default (privat) dapat membuat URL publik.",
                    hint='STORAGES["default"] must be content.base.storages.'
                    "PrivateFileSystemStorage (or the private S3 storage).",
                    id="lentera.E010",
                )
            )
    elif not isinstance(private, SignedUrls):
        errors.append(
            Error(
                "Penyimpanan default (privat) ada di luar server tetapi tidak memakai URL "
                "bertanda tangan berumur pendek.",
                hint='STORAGES["default"] must be content.base.s3_storages.PrivateS3Storage.',
                id="lentera.E010",
            )
        )
    return errors


@register(Tags.security, deploy=True)
def private_files_shared_and_separate(app_configs, **kwargs):
    """In production: with images on S3 (several machines), private files must be in a private
    bucket of their own, not on one machine's disk, and not in the public bucket."""
    private_bucket = settings.AWS_PRIVATE_STORAGE_BUCKET_NAME
    errors = []
    if settings.AWS_STORAGE_BUCKET_NAME and not private_bucket:
        errors.append(
            Error(
                "Gambar disimpan di S3 tetapi berkas privat (sertifikat, dokumen, impor) di "
                "disk satu mesin: proses web dan worker lain tidak menemukannya.",
                hint="Set AWS_PRIVATE_STORAGE_BUCKET_NAME to a bucket that blocks all public "
                "access (README, 'Private files').",
                id="lentera.E011",
            )
        )
    if private_bucket and private_bucket == settings.AWS_STORAGE_BUCKET_NAME:
        errors.append(
            Error(
                "Bucket privat sama dengan bucket publik.",
                hint="AWS_PRIVATE_STORAGE_BUCKET_NAME must name a bucket of its own.",
                id="lentera.E011",
            )
        )
    if not private_bucket and "PRIVATE_MEDIA_ROOT" not in os.environ and "MEDIA_ROOT" in os.environ:
        errors.append(
            Warning(
                "MEDIA_ROOT diatur tetapi PRIVATE_MEDIA_ROOT tidak: berkas privat disimpan di "
                f"folder kode ({settings.PRIVATE_MEDIA_ROOT}).",
                hint="Set PRIVATE_MEDIA_ROOT to a persistent folder beside MEDIA_ROOT, backed up "
                "with it, that no web server serves.",
                id="lentera.W010",
            )
        )
    return errors


@register(Tags.security, deploy=True)
def site_address_is_public(app_configs, **kwargs):
    """In production, SITE_URL is the address people reach: every QR code, email link, sitemap
    entry and canonical link is made from it (site_address.py). A development address there
    (localhost, a private network, plain http, a development server's port) prints QR codes
    and sends links nobody outside can open, and signed certificates keep them for good."""
    url = settings.SITE_URL
    hint = (
        "Set SITE_URL to the public address, e.g. https://lentera.example.go.id, and run "
        "`manage.py set_site_address` after `migrate` (the Procfile's release step does)."
    )
    if not url:
        return [Error("SITE_URL belum diatur.", hint=hint, id="lentera.E012")]
    try:
        address = parse(url)
    except AddressError as error:
        return [
            Error(f"SITE_URL {url!r} tidak dapat dipakai: {error}.", hint=hint, id="lentera.E012")
        ]
    errors = []
    if "WAGTAILADMIN_BASE_URL" in os.environ:
        errors.append(
            Warning(
                "WAGTAILADMIN_BASE_URL tidak dibaca lagi: alamat situs diambil dari SITE_URL.",
                hint="Remove WAGTAILADMIN_BASE_URL from the environment; SITE_URL replaces it.",
                id="lentera.W012",
            )
        )
    reasons = development_reasons(address)
    if reasons:
        errors.append(
            Error(
                f"SITE_URL {url} masih alamat pengembangan: {'; '.join(reasons)}.",
                hint=hint,
                id="lentera.E012",
            )
        )
    if not validate_host(address.hostname, settings.ALLOWED_HOSTS):
        errors.append(
            Error(
                f"Host SITE_URL ({address.hostname}) tidak ada di ALLOWED_HOSTS: setiap tautan "
                "yang ditulis situs akan dijawab 400.",
                hint="Add the host of SITE_URL to ALLOWED_HOSTS.",
                id="lentera.E012",
            )
        )
    return errors
