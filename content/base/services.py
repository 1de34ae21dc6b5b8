"""Writes of the base app."""

from django.db import transaction
from wagtail.models import Site

from content.base.address import parse
from content.base.errors import NotAllowed


def site_address_set(*, url):
    """Write `url` (SITE_URL, or `make run`'s address) on the default Wagtail Site as its host
    name and port, from which every absolute URL is made (site_address.py). Returns the Site and
    whether it changed."""
    address = parse(url)
    with transaction.atomic():
        site = Site.objects.select_for_update().filter(is_default_site=True).first()
        if site is None:
            raise NotAllowed("Belum ada situs default: jalankan `manage.py migrate` dahulu.")
        if (site.hostname, site.port) == (address.hostname, address.port):
            return site, False
        if Site.objects.filter(hostname=address.hostname, port=address.port).exists():
            raise NotAllowed(
                f"Situs lain sudah memakai {address.hostname}:{address.port}; ubah atau hapus "
                "situs itu di Pengaturan > Situs dahulu."
            )
        site.hostname, site.port = address.hostname, address.port
        site.save(update_fields=["hostname", "port"])
    return site, True
