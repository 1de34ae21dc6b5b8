from django.core.management.base import BaseCommand

from content.quizzes import services


class Command(BaseCommand):
    help = (
        "Close and score every quiz attempt whose time is up. The task worker does this at "
        "each deadline; run this from cron when the site runs without a worker."
    )

    def handle(self, *args, **options):
        closed = services.attempts_close_expired()
        self.stdout.write(f"{closed} percobaan ditutup.")
