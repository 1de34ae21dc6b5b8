"""Figures as Indonesians read them: 1.234 and 56,7% (the locale's separators), "-" for none."""

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def ribuan(value):
    if value is None:
        return "-"
    return formats.number_format(value, use_l10n=True, force_grouping=True)


@register.filter
def persen(value):
    if value is None:
        return "-"
    return f"{formats.number_format(value, decimal_pos=1, use_l10n=True)}%"


@register.filter
def angka(value):
    if value is None:
        return "-"
    return formats.number_format(value, decimal_pos=2, use_l10n=True)
