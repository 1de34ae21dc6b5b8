"""System checks for configurations that start fine but serve wrong pages later."""

from django.conf import settings
from django.core.checks import Error, Tags, register

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
