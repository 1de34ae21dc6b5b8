"""The filters every statistics view takes: period, agency (with the agencies under it),
participant group, topic and session. Figures per agency and group read what each record kept
at the time (AtTheTime), never the person's current agency or group."""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import formats, timezone
from wagtail.admin.widgets import AdminPageChooser

from content.articles.models import Topic
from content.people import selectors as people_selectors
from content.people.models import Agency, ParticipantGroup
from content.people.models.users import ASN_GROUPS
from content.reports.models import Kind, Platform
from content.training.models import SessionPage

# The participant-group choices of the filter: ASN is PNS and PPPK together.
GROUPS = {
    "asn": ASN_GROUPS,
    ParticipantGroup.PNS.value: (ParticipantGroup.PNS,),
    ParticipantGroup.PPPK.value: (ParticipantGroup.PPPK,),
    ParticipantGroup.PTT.value: (ParticipantGroup.PTT,),
}
GROUP_CHOICES = [
    ("", "Semua kelompok"),
    ("asn", "ASN (PNS dan PPPK)"),
    *[(value, label) for value, label in ParticipantGroup.choices],
]


@dataclass(frozen=True)
class StatsFilter:
    start: datetime.date | None = None
    end: datetime.date | None = None
    agency: Agency | None = None
    group: str = ""
    topic: Topic | None = None
    session: SessionPage | None = None
    agency_ids: frozenset = field(default=frozenset(), compare=False)

    def __post_init__(self):
        # An agency stands for itself and every agency under it (a kecamatan's kelurahan).
        if self.agency is not None and not self.agency_ids:
            ids = frozenset(people_selectors.agency_subtree_ids(self.agency))
            object.__setattr__(self, "agency_ids", ids)

    @property
    def groups(self):
        return GROUPS.get(self.group, ())

    def describe(self):
        """The filters in words, printed on exports and the PDF report."""
        parts = [f"Periode {_period(self.start, self.end)}"]
        if self.agency:
            parts.append(f"OPD {self.agency} (termasuk unit di bawahnya)")
        if self.group:
            parts.append(f"Kelompok {dict(GROUP_CHOICES)[self.group]}")
        if self.topic:
            parts.append(f"Topik {self.topic}")
        if self.session:
            parts.append(f"Sosialisasi {self.session.title}")
        return "; ".join(parts)


def _period(start, end):
    def day(value):
        return formats.date_format(value, "j F Y")

    if start and end:
        return f"{day(start)} s.d. {day(end)}"
    if start:
        return f"sejak {day(start)}"
    if end:
        return f"sampai {day(end)}"
    return "seluruh waktu"


class StatsFilterForm(forms.Form):
    start = forms.DateField(
        label="Dari tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="Sampai tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    agency = forms.ModelChoiceField(
        label="OPD", queryset=Agency.objects.all(), required=False, empty_label="Semua OPD"
    )
    group = forms.ChoiceField(label="Kelompok", choices=GROUP_CHOICES, required=False)
    topic = forms.ModelChoiceField(
        label="Topik", queryset=Topic.objects.all(), required=False, empty_label="Semua topik"
    )
    # Wagtail's page chooser, not a <select>: years of sessions are thousands of options, which
    # took a second to render on every view of the dashboard and reports.
    session = forms.ModelChoiceField(
        label="Sosialisasi",
        queryset=SessionPage.objects.all(),
        required=False,
        widget=AdminPageChooser(target_models=[SessionPage], can_choose_root=False),
        help_text="Kosongkan untuk semua sosialisasi.",
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError("Tanggal awal harus sebelum tanggal akhir.")
        return data

    def to_filter(self):
        """The filter from the valid fields (a refused one is left out; its message is on the
        form); this year so far when no period was chosen."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})  # none when nothing was sent
        data = {name: value for name, value in cleaned.items() if name not in self.errors}
        if NON_FIELD_ERRORS in self.errors:
            # The period makes no sense (starts after it ends): the whole of it is left out.
            data.pop("start", None)
            data.pop("end", None)
        start, end = data.get("start"), data.get("end")
        if not self.data.get("start") and not self.data.get("end"):
            today = timezone.localdate()
            start, end = datetime.date(today.year, 1, 1), today
        return StatsFilter(
            start=start,
            end=end,
            agency=data.get("agency"),
            group=data.get("group") or "",
            topic=data.get("topic"),
            session=data.get("session"),
        )


class DashboardFilterForm(StatsFilterForm):
    """The dashboard's filters: the statistics' own, and the kind and platform of the report
    desk's figures (its Aduan section; the training figures do not read them)."""

    kind = forms.ChoiceField(
        label="Jenis aduan", choices=[("", "Semua jenis"), *Kind.choices], required=False
    )
    platform = forms.ChoiceField(
        label="Platform aduan", choices=[("", "Semua platform"), *Platform.choices], required=False
    )

    def desk_choices(self):
        """(kind, platform) chosen, "" for all (a refused value counts as all)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return (
            "" if "kind" in self.errors else cleaned.get("kind") or "",
            "" if "platform" in self.errors else cleaned.get("platform") or "",
        )
