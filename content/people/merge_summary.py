"""The merge record's summary (JSON written by the merge service and each app's handler) as a
readable page section: each app's part under its title, each list as a count and its items."""

from django.template.loader import render_to_string

from content.people.merging import merge_handler_title

# The service's own parts; the apps' parts carry the titles they registered.
OWN_TITLES = {
    "dipertahankan": "Akun dipertahankan",
    "digabungkan": "Akun digabungkan",
    "identitas_diambil": "Identitas yang dipindahkan",
    "bukti_kendali_akun": "Bukti kendali akun",
    "email_menunggu_konfirmasi": "Email menunggu konfirmasi pemiliknya",
}


ACRONYMS = {"id": "ID", "nip": "NIP", "nik": "NIK"}


def _words(key):
    key = str(key)
    return ACRONYMS.get(key) or key.replace("_", " ").capitalize()


def _item(value):
    """One entry as text: a record's fields as "field: value", joined."""
    if isinstance(value, dict):
        return "; ".join(f"{_words(key)}: {_item(inner)}" for key, inner in value.items())
    if isinstance(value, list):
        return ", ".join(_item(inner) for inner in value) or "-"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    return "-" if value in (None, "") else str(value)


def _section(key, value):
    title = OWN_TITLES.get(key) or merge_handler_title(key) or _words(key)
    if isinstance(value, dict) and all(isinstance(inner, list) for inner in value.values()):
        parts = [
            {"title": _words(name), "count": len(items), "items": [_item(i) for i in items]}
            for name, items in value.items()
        ]
        return {"title": title, "parts": parts}
    if isinstance(value, list):
        parts = [{"title": title, "count": len(value), "items": [_item(i) for i in value]}]
        return {"title": title, "parts": parts}
    return {"title": title, "text": _item(value)}


def render_summary(summary):
    sections = [_section(key, value) for key, value in (summary or {}).items()]
    return render_to_string("people/admin/merge_summary.html", {"sections": sections})
