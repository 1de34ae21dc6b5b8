from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content.base import services, site_address
from content.base.address import AddressError
from content.base.errors import NotAllowed


class Command(BaseCommand):
    help = (
        "Write the site's public address (SITE_URL, or the one given) on the default Wagtail "
        "Site. Run after `migrate` at every release (Procfile) and by `make run`."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="e.g. https://lentera.example.go.id")

    def handle(self, *args, url=None, **options):
        url = url or settings.SITE_URL
        if not url:
            raise CommandError("Set SITE_URL (e.g. https://lentera.example.go.id).")
        try:
            _site, changed = services.site_address_set(url=url)
        except AddressError as error:
            raise CommandError(f"SITE_URL {url!r}: {error}.") from None
        except NotAllowed as refusal:
            raise CommandError(refusal.message) from None
        state = "diubah menjadi" if changed else "tetap"
        self.stdout.write(f"Alamat situs {state} {site_address.root_url()}")
