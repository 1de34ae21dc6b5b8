"""Bounds on what a form's date and record fields accept, for every form of the site: the
statistics filters, the admin's listing filters (Wagtail's filter sets), its history filters,
and every other form.

Django's own fields let through values the database or the clock cannot hold, and the page
failed instead of saying so:
- a date such as 0001-01-01 or 9999-12-31 parses, then overflows when it becomes a moment in
  the site's time zone or gains a day ("the end of the day"); a date is accepted between the
  years MIN_YEAR and MAX_YEAR;
- a record id such as 99999999999999999999 (more than a 64-bit integer) reached the database,
  which raised OverflowError (SQLite) or DataError (PostgreSQL) instead of "not found"; an id
  of a number column is now a number in that column's range, or the choice is invalid.

`install()` is called once from BaseConfig.ready. A filter form that refuses a value says so
(the message of the field) and the view shows the page without that filter.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.models import ForeignObjectRel, Model
from wagtail.admin.widgets.chooser import BaseChooser

# ASCII digits only (int() reads every Unicode digit), and no more than any id column holds.
_DIGITS = re.compile("[0-9]{1,25}")
MIN_YEAR = 1900
MAX_YEAR = 2999
DATE_OUT_OF_RANGE = f"Tanggal harus antara tahun {MIN_YEAR} dan {MAX_YEAR}."
INTEGER_TYPES = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}


def date_in_range(value):
    """Whether a date or moment lies in the years the site accepts."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return MIN_YEAR <= value.year <= MAX_YEAR
    return True


def _column(key):
    """The model field that holds `key`'s value, followed through relations."""
    while getattr(key, "remote_field", None) is not None and not isinstance(key, ForeignObjectRel):
        key = key.target_field
    return key


def _number_in_range(key, value, using):
    internal_type = _column(key).get_internal_type()
    if internal_type not in INTEGER_TYPES:
        return True
    text = str(value).strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not _DIGITS.fullmatch(digits):
        return False
    number = int(text)
    low, high = connections[using].ops.integer_field_range(internal_type)
    return (low is None or number >= low) and (high is None or number <= high)


def key_in_range(field, value):
    """Whether `value` can be an id of the field's records: for a number column, a whole
    number the column can hold; anything for other columns (their own checks apply)."""
    model = field.queryset.model
    key = model._meta.get_field(field.to_field_name) if field.to_field_name else model._meta.pk
    return _number_in_range(key, value, field.queryset.db)


def pk_in_range(model, value):
    """Whether `value` can be the primary key of a `model` record."""
    return _number_in_range(model._meta.pk, value, router.db_for_read(model))


def _date_validate(original):
    def validate(self, value):
        original(self, value)
        if value not in self.empty_values and not date_in_range(value):
            raise ValidationError(DATE_OUT_OF_RANGE, code="date_out_of_range")

    return validate


def _choice_to_python(original):
    def to_python(self, value):
        if value not in self.empty_values and not key_in_range(self, value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return original(self, value)

    return to_python


def _multiple_check_values(original):
    def _check_values(self, value):
        for item in value if isinstance(value, (list, tuple, set, frozenset)) else ():
            if not key_in_range(self, item):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return original(self, value)

    return _check_values


def _chooser_get_instance(original):
    def get_instance(self, value):
        # A chooser shows the record a refused value names: "abc" or an id past the column's
        # range is no record (Wagtail looked it up and failed the page).
        named = value is not None and not isinstance(value, Model)
        if named and not pk_in_range(self.model_class, value):
            return None
        return original(self, value)

    return get_instance


def install():
    if getattr(forms.Field, "_field_bounds", False):
        return
    BaseChooser.get_instance = _chooser_get_instance(BaseChooser.get_instance)
    for field_class in (forms.DateField, forms.DateTimeField):
        field_class.validate = _date_validate(field_class.validate)
    forms.ModelChoiceField.to_python = _choice_to_python(forms.ModelChoiceField.to_python)
    forms.ModelMultipleChoiceField._check_values = _multiple_check_values(
        forms.ModelMultipleChoiceField._check_values
    )
    forms.Field._field_bounds = True
