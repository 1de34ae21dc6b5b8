"""Who is asking: the client's address, for throttles and logs."""

from django.conf import settings


def client_address(request):
    """The address of the client that sent `request`.

    Each of the TRUSTED_PROXY_COUNT proxies in front of the application appends the address it
    received the connection from to X-Forwarded-For, so the client is the entry that many
    places from the right. Entries further left were written by the client and prove nothing.
    Without trusted proxies, or with a header too short to hold their entries, it is the
    address of the connection itself.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [
            entry.strip()
            for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if entry.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
