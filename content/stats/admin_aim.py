"""Sasaran pelatihan: where to aim the next sessions. For each agency its weakest pillar against
the city's (the rule in content/stats/literacy/aim.py), the published materials and upcoming
sessions on that pillar, and for organizers a button that makes a draft session for the
agencies weakest on a pillar (the training app's service writes it; stats writes nothing).

Analysts read it (the statistics permission); organizers too, since they plan the sessions (the
right to add a session page). Only those who may add a session page see the button, and only
they get past its POST."""

import datetime
import secrets
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.admin.menu import MenuItem

from content.articles.models import Topic
from content.articles.pillars import PILLAR_DESCRIPTIONS, Pillar
from content.base.errors import NotAllowed
from content.base.input_rules import ascii_int
from content.stats.literacy import aim, method, reading
from content.stats.permissions import VIEW_STATISTICS
from content.training.services import drafts

TITLE = "Sasaran pelatihan"
ALL_YEARS = "semua"
TOKEN_SALT = "stats.literacy.aim.session"
TOKEN_MAX_AGE = 60 * 60 * 24 * 2


def may_open(user):
    return user.has_perm(VIEW_STATISTICS) or drafts.may_add_session(user)


def _open_to_planners(view):
    def wrapped(request, *args, **kwargs):
        if not may_open(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


class YearForm(forms.Form):
    year = forms.ChoiceField(label="Tahun", required=False)

    def __init__(self, data, *, years):
        super().__init__(data)
        self.years = years
        self.fields["year"].choices = [
            *((str(year), str(year)) for year in years),
            (ALL_YEARS, "Semua tahun"),
        ]

    def chosen(self):
        """The year chosen (None for all years); the latest measured when none or a refused
        one was given."""
        if self.is_valid() and self.cleaned_data.get("year"):
            value = self.cleaned_data["year"]
            return None if value == ALL_YEARS else int(value)
        return self.years[0] if self.years else None


@dataclass
class PillarAim:
    pillar: Pillar
    city: float | None
    agencies: list  # the agencies a session on it is for
    fallback: bool  # no agency has it as its weakest: the lowest few on it
    materials: list
    sessions: list
    token: str

    @property
    def label(self):
        return self.pillar.label

    @property
    def description(self):
        return PILLAR_DESCRIPTIONS[self.pillar]


def _token(pillar):
    return signing.dumps({"n": secrets.token_hex(6), "p": str(pillar)}, salt=TOKEN_SALT)


def _targets(run, year):
    city, agencies = reading.aim_cells(run, year)
    ranked = aim.weakest_pillars(city, agencies)
    gaps = aim.gaps_per_pillar(city, agencies)
    targets = {}
    for pillar in Pillar:
        own = [row.agency for row in ranked.weakest if row.pillar == pillar]
        targets[pillar] = (ranked.agencies_for(pillar, gaps), not own)
    return city, ranked, targets


@never_cache
def aim_screen(request):
    run = reading.latest_run()
    context = {"title": TITLE, "run": run, "withheld": reading.WITHHELD, "method": method}
    if run is None:
        return TemplateResponse(request, "stats/literacy_aim.html", context)
    form = YearForm(request.GET or None, years=reading.years(run))
    year = form.chosen()
    city, ranked, targets = _targets(run, year)
    pillars = list(Pillar)
    materials = reading.materials_for(pillars)
    sessions = reading.sessions_for(pillars, today=timezone.localdate())
    context.update(
        form=form,
        year=year,
        aim=ranked,
        may_create=drafts.may_add_session(request.user),
        pillars=[
            PillarAim(
                pillar,
                city.get(pillar),
                targets[pillar][0],
                targets[pillar][1],
                materials[pillar],
                sessions[pillar],
                _token(pillar),
            )
            for pillar in pillars
        ],
    )
    return TemplateResponse(request, "stats/literacy_aim.html", context)


def _title(pillar, count):
    return f"Sosialisasi {pillar.label.title()} untuk {count} OPD"


def _description(pillar, agencies, year):
    names = ", ".join(escape(str(agency)) for agency in agencies)
    when = f"tahun {year}" if year else "semua tahun"
    return (
        f"<p>Untuk OPD yang paling lemah pada pilar {escape(pillar.label)} menurut Indeks "
        f"Literasi Digital ({when}, sebelum sosialisasi): {names}.</p>"
        "<p>Draf dari Sasaran pelatihan: lengkapi tanggal, tempat, narasumber dan deskripsi "
        "sebelum menerbitkan.</p>"
    )


def aim_session(request):
    """The button's POST: a draft session for the agencies weakest on the pillar, then the
    draft's edit page. Refused (403) for anyone who may not add a session page, whatever the
    method; a GET by those who may is answered 405."""
    if not drafts.may_add_session(request.user):
        # A plain 403 (Wagtail would turn a PermissionDenied into a redirect home): nothing made.
        return HttpResponseForbidden("Hanya penyelenggara yang boleh membuat sosialisasi.")
    return _create_draft(request)


@require_POST
def _create_draft(request):
    back = reverse("stats_literacy_aim")
    try:
        token = signing.loads(request.POST.get("token", ""), salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        pillar = Pillar(token["p"])
        key = f"{pillar.value}-{token['n']}"
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        messages.error(request, "Formulir ini sudah kedaluwarsa atau tidak sah; coba lagi.")
        return redirect(back)
    run = reading.latest_run()
    if run is None:
        messages.error(request, "Indeks belum dihitung; belum ada OPD sasaran.")
        return redirect(back)
    # The year the screen showed: one the run has, all years, or else the latest (as the GET).
    year_value = request.POST.get("year") or ""
    years = reading.years(run)
    year = ascii_int(year_value, 1900, 2999)
    if year not in years:
        year = None if year_value == ALL_YEARS or not years else years[0]
    _, _, targets = _targets(run, year)
    agencies = targets[pillar][0]
    if not agencies:
        messages.error(request, f"Belum ada OPD yang dapat dibandingkan pada pilar {pillar.label}.")
        return redirect(back)
    topic = Topic.objects.filter(pillar=pillar).order_by("name").first()
    today = timezone.localdate()
    try:
        page, created = drafts.session_draft_create(
            by=request.user,
            key=key,
            title=_title(pillar, len(agencies)),
            description=_description(pillar, agencies, year),
            agencies=agencies,
            topic=topic,
            date=drafts.next_working_day(today) + datetime.timedelta(days=14),
        )
    except NotAllowed as refused:
        messages.error(request, str(refused))
        return redirect(back)
    if not created:
        messages.info(request, "Draf sosialisasi ini sudah dibuat; inilah drafnya.")
    else:
        note = "" if topic else f" Belum ada topik berpilar {pillar.label}: pilih topiknya."
        messages.success(
            request,
            f"Draf “{page.title}” dibuat. Periksa tanggal (sementara), tempat dan narasumber, "
            f"lalu terbitkan.{note}",
        )
    return redirect("wagtailadmin_pages:edit", page.pk)


def get_urls():
    return [
        path(
            "statistik/literasi/sasaran/", _open_to_planners(aim_screen), name="stats_literacy_aim"
        ),
        path(
            "statistik/literasi/sasaran/sosialisasi/",
            aim_session,
            name="stats_literacy_aim_session",
        ),
    ]


class AimMenuItem(MenuItem):
    def is_shown(self, request):
        return may_open(request.user)


def menu_items():
    return [AimMenuItem(TITLE, reverse("stats_literacy_aim"), icon_name="pick", order=16)]
