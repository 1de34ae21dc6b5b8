import datetime
import re

import factory

from content.people.identity import Gender, compose_nip
from content.people.models import Agency, AgencyKind, ParticipantGroup, User

factory.Faker._DEFAULT_LOCALE = "id_ID"
PASSWORD = "sandi-Peserta-2024"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    short_name = factory.Sequence(lambda n: f"DU{n}")
    kind = AgencyKind.DINAS


def _nip(participant):
    return compose_nip(
        birth_date=datetime.date(1985, 1, 1) + datetime.timedelta(days=participant.seq % 3000),
        appointment=datetime.date(2010, 1, 1),
        gender=Gender.MALE,
        sequence=participant.seq % 999 + 1,
    )


class ParticipantFactory(factory.django.DjangoModelFactory):
    """A PNS by default; pass participant_group=ParticipantGroup.PTT (and nip=None) for PTT."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        seq = factory.Sequence(lambda n: n)

    username = factory.Sequence(lambda n: f"peserta-uji-{n}")
    full_name = factory.Faker("name")
    participant_group = ParticipantGroup.PNS
    nip = factory.LazyAttribute(_nip)
    gender = Gender.MALE
    agency = factory.SubFactory(AgencyFactory)
    position = "Analis Kebijakan"
    email = factory.Sequence(lambda n: f"peserta{n}@contoh.go.id")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):
        if create:
            self.save()


def ptt(**kwargs):
    return ParticipantFactory(participant_group=ParticipantGroup.PTT, nip=None, **kwargs)


def edit_form_data(person, **changes):
    """What the admin's participant edit form posts for `person` unchanged, with `changes`."""
    data = {
        "full_name": person.full_name,
        "participant_group": person.participant_group,
        "nip": person.nip or "",
        "nik": person.nik or "",
        "agency": person.agency_id or "",
        "position": person.position,
        "rank": person.rank,
        "email": person.email,
        "phone": person.phone,
        "is_active": "on",
    }
    data.update(changes)
    return data


CONFIRMATION_LINK = re.compile(r"https?://[^/\s]+(/akun/konfirmasi/[^/\s]+/)")


def confirmation_links(emails):
    """The confirmation links (paths) in these emails, in order."""
    return [path for email in emails for path in CONFIRMATION_LINK.findall(email.body)]


def follow_confirmation_links(client, emails, *, decision="terima"):
    """Open every confirmation link in `emails` and answer it, as their owners would; the
    responses, in order."""
    return [client.post(path, {"keputusan": decision}) for path in confirmation_links(emails)]


def prove_control_of_both(first, second, *, by):
    """The owner of each account follows the merge link sent to its email (through the real
    services, without the emails): what a merge needs before an organizer can make it."""
    from content.people import confirmation_links, services

    request = services.merge_request_send_links(first=first, second=second, by=by)
    for side in (confirmation_links.REQUESTER_SIDE, confirmation_links.OTHER_SIDE):
        target = confirmation_links.LinkTarget(confirmation_links.MERGE, request.pk, side)
        services.merge_request_confirm(target=target)
    return request


def bulk_participants(count, *, username, password="", **fields):
    """Participants <username>-0001 to -<count> (email <username>-NNNN@uji-beban.invalid), the
    missing ones added in one query, ordered by username: for data sets too large for one
    factory call per person (the benchmarks). `password` is a hash shared by all; a field given
    as a function is called with the participant's number (1 to count)."""
    names = [f"{username}-{number:04d}" for number in range(1, count + 1)]
    existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    User.objects.bulk_create(
        User(
            username=name,
            password=password,
            email=f"{name}@uji-beban.invalid",
            **{key: value(number) if callable(value) else value for key, value in fields.items()},
        )
        for number, name in enumerate(names, 1)
        if name not in existing
    )
    return list(User.objects.filter(username__in=names).order_by("username"))
