"""One guard for every Django form on the site, the Wagtail admin's included: a field whose
posted value holds a control character (content/base/input_rules.py) gets the error
"Isian berisi karakter yang tidak diizinkan." and is not cleaned at all, so nothing is saved
and no query ever carries the value (PostgreSQL refuses NUL in text outright, a 500).

Installed once at start-up (BaseConfig.ready) around Field._clean_bound_field, the step of
BaseForm._clean_fields that turns each field's posted data into a value: every field type
(CharField, ChoiceField, ModelChoiceField, DateField, IntegerField, files, Wagtail's
StreamField and rich text) passes through it, before its own clean() and the form's
clean_<name>(). The guard reads what was posted for the field three ways:

- the raw values under the field's name and the names its widget derives from it
  (name_0 of a MultiWidget, body-0-value of a StreamField child), before any widget parses them;
- the value the widget made of them (Draftail's JSON unescaped into HTML);
- for a structured value such as a StreamValue, what it would store (get_prep_value).

Tab, newline and carriage return stay allowed: text areas and rich text hold them.

A refused field is shown again without the refused characters (BoundField.value), so that
rendering the form (a chooser looking up "1\x00", a select marking its option) never carries
them to a query either.
"""

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField

from content.base.input_rules import (
    FORBIDDEN_CHARACTERS,
    INVALID_CHARACTERS_MESSAGE,
    has_forbidden_characters,
)

GUARD_MARK = "_input_guard"
REFUSED = "_input_guard_refused"


def _raw_values(form, name):
    data = form.data
    if not hasattr(data, "keys"):
        return
    for key in data:
        if isinstance(key, str) and (key == name or key.startswith((f"{name}-", f"{name}_"))):
            yield key
            yield from data.getlist(key) if hasattr(data, "getlist") else [data[key]]


def _structured(value):
    prep = getattr(value, "get_prep_value", None)
    if callable(prep) and not isinstance(value, str | bytes):
        try:
            return prep()
        except Exception:  # the field's own cleaning reports what is wrong with it
            return None
    return None


def posted_forbidden_characters(bf):
    """Whether what was posted for bound field `bf` holds a character no field accepts."""
    if has_forbidden_characters(list(_raw_values(bf.form, bf.html_name))):
        return True
    value = bf.data
    return has_forbidden_characters(value) or has_forbidden_characters(_structured(value))


def _guarded(clean_bound_field):
    @functools.wraps(clean_bound_field)
    def clean_bound_field_guarded(self, bf):
        if not self.disabled and bf.form.is_bound and posted_forbidden_characters(bf):
            refused = vars(bf.form).setdefault(REFUSED, set())
            refused.add(bf.name)
            raise ValidationError(INVALID_CHARACTERS_MESSAGE, code="forbidden_characters")
        return clean_bound_field(self, bf)

    setattr(clean_bound_field_guarded, GUARD_MARK, True)
    return clean_bound_field_guarded


def _without_forbidden(value):
    if isinstance(value, str):
        return FORBIDDEN_CHARACTERS.sub("", value)
    if isinstance(value, list | tuple):
        return [_without_forbidden(item) for item in value]
    return None


def _value_guarded(value):
    @functools.wraps(value)
    def value_guarded(self):
        if self.name not in vars(self.form).get(REFUSED, ()):
            return value(self)
        data = _without_forbidden(self.data)
        data = self.initial if data is None else self.field.bound_data(data, self.initial)
        return self.field.prepare_value(data)

    setattr(value_guarded, GUARD_MARK, True)
    return value_guarded


def _field_classes(root=forms.Field):
    yield root
    for subclass in root.__subclasses__():
        yield from _field_classes(subclass)


def unguarded_field_classes():
    """Field classes whose own _clean_bound_field the guard does not wrap (none, once installed;
    a class defined later with its own would be one)."""
    return sorted(
        {
            f"{cls.__module__}.{cls.__qualname__}"
            for cls in _field_classes()
            if "_clean_bound_field" in vars(cls)
            and not getattr(vars(cls)["_clean_bound_field"], GUARD_MARK, False)
        }
    )


def _guard_own(cls):
    own = vars(cls).get("_clean_bound_field")
    if own is not None and not getattr(own, GUARD_MARK, False):
        cls._clean_bound_field = _guarded(own)


def _guard_new_subclass(cls, **kwargs):
    super(forms.Field, cls).__init_subclass__(**kwargs)
    _guard_own(cls)


def install():
    """Wrap every field class that defines _clean_bound_field: Field, FileField and any
    override imported by now, and (through __init_subclass__) any defined later. Idempotent."""
    for cls in set(_field_classes()):
        _guard_own(cls)
    forms.Field.__init_subclass__ = classmethod(_guard_new_subclass)
    if not getattr(BoundField.value, GUARD_MARK, False):
        BoundField.value = _value_guarded(BoundField.value)
