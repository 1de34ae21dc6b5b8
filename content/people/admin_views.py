"""Wagtail admin views that are not plain create/edit screens: the participant import, the
processing of erasure requests, new NIPs (one by one or by list) and merging duplicates."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.admin import messages

from content.base.errors import NotAllowed
from content.base.import_flow import SpreadsheetImport
from content.base.spreadsheets import RowAction
from content.people import importing, nip_importing, selectors, services
from content.people.forms import MergeForm, OrganizerNewNipForm
from content.people.merging import merge_records_of


class ParticipantImport(SpreadsheetImport):
    name = "people_import"
    url_path = "peserta-impor"
    title = "Impor peserta"
    permission = "people.import_participant"
    help_template = "people/admin/import_help.html"
    row_label = "Nama"
    template_filename = "templat-impor-peserta.xlsx"
    done_url_name = "participant:index"

    def preview(self, data, filename, options, progress):
        return importing.preview_import(importing.read_table(data, filename), progress=progress)

    def summary(self, preview):
        return _summary({action: preview.count(action) for action in RowAction})

    def apply(self, preview, options, user):
        counts = services.participants_import(preview=preview, by=user)
        waiting = counts.get("menunggu")
        extra = (
            f" {waiting} perubahan NIP/NIK/email menunggu konfirmasi pemilik akun lewat tautan "
            "di emailnya."
            if waiting
            else ""
        )
        return f"Impor selesai: {_summary(counts)}{extra}"

    def template_workbook(self, request):
        return importing.template_workbook()


def _summary(counts):
    return (
        f"{counts[RowAction.NEW]} peserta baru, {counts[RowAction.UPDATED]} diperbarui, "
        f"{counts[RowAction.UNCHANGED]} tidak berubah."
    )


participant_import = ParticipantImport()


class ProcessDeletionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Keputusan",
        choices=[("erase", "Hapus data pribadi peserta"), ("reject", "Tolak permohonan")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


@permission_required("people.change_deletionrequest", raise_exception=True)
def process_deletion(request, pk):
    deletion_request = get_object_or_404(selectors.participant_deletion_requests(), pk=pk)
    form = ProcessDeletionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["decision"] == "erase":
            decide = services.participant_erase
            done = "Data pribadi peserta sudah dihapus dan tercatat."
        else:
            decide = services.deletion_request_reject
            done = "Permohonan ditolak dan tercatat."
        try:
            decide(
                deletion_request=deletion_request, by=request.user, note=form.cleaned_data["note"]
            )
        except NotAllowed as refusal:
            messages.error(request, refusal.message)
            return redirect("deletionrequest:index")
        messages.success(request, done)
        return redirect("deletionrequest:index")
    return TemplateResponse(
        request,
        "people/admin/process_deletion.html",
        {"deletion_request": deletion_request, "form": form},
    )


# Identity over time: a PTT appointed PPPK or PNS, one by one or by list ---------------------


class NipImport(SpreadsheetImport):
    name = "people_nip_import"
    url_path = "peserta-nip-impor"
    title = "Impor NIP baru (PTT menjadi PPPK/PNS)"
    permission = "people.import_participant"
    help_template = "people/admin/nip_import_help.html"
    row_label = "Peserta"
    template_filename = "templat-impor-nip-baru.xlsx"
    done_url_name = "participant:index"

    def preview(self, data, filename, options, progress):
        rows = nip_importing.read_table(data, filename)
        return nip_importing.preview_nips(rows, progress=progress)

    def summary(self, preview):
        return (
            f"{preview.count(RowAction.UPDATED)} peserta akan mendapat NIP setelah "
            f"mengonfirmasi lewat tautan di emailnya, {preview.count(RowAction.UNCHANGED)} "
            "sudah memilikinya."
        )

    def apply(self, preview, options, user):
        counts = services.participants_add_nips(preview=preview, by=user)
        return (
            f"Impor selesai: {counts[RowAction.UPDATED]} peserta menerima tautan konfirmasi "
            f"NIP baru di emailnya, {counts[RowAction.UNCHANGED]} sudah memiliki NIP-nya."
        )

    def template_workbook(self, request):
        return nip_importing.template_workbook()


nip_import = NipImport()


@permission_required("people.change_participant", raise_exception=True)
def add_nip(request, pk):
    participant = get_object_or_404(selectors.merge_candidates(), pk=pk)
    form = OrganizerNewNipForm(request.POST or None)
    outcome = form.add_to(participant, by=request.user) if form.is_valid() else None
    if request.method == "POST" and outcome is not None:
        if outcome.pending is not None:
            messages.success(
                request,
                f"Tautan konfirmasi dikirim ke email {participant}; NIP tersimpan setelah "
                "pemilik akun membukanya.",
            )
        else:
            messages.success(
                request,
                f"NIP {participant} tersimpan; kelompoknya kini "
                f"{participant.get_participant_group_display()}.",
            )
        return redirect("participant:inspect", participant.pk)
    return TemplateResponse(
        request, "people/admin/add_nip.html", {"participant": participant, "form": form}
    )


# Merging duplicate accounts ---------------------------------------------------------------

MERGE_PERMISSION = "people.add_mergerecord"


@permission_required(MERGE_PERMISSION, raise_exception=True)
def duplicates(request):
    return TemplateResponse(
        request,
        "people/admin/duplicates.html",
        {
            "requests": selectors.pending_merge_requests(),
            "pairs": selectors.likely_duplicates(),
            "shown": selectors.DUPLICATES_SHOWN,
        },
    )


def _record_rows(accounts):
    """[(label, [value of each account])]: what each account holds itself, app by app."""
    held = [dict(merge_records_of(account)) for account in accounts]
    return [(label, [own.get(label, "-") for own in held]) for label in held[0]]


@permission_required(MERGE_PERMISSION, raise_exception=True)
def merge(request, first, second):
    known = selectors.participant_accounts()
    accounts = [get_object_or_404(known, pk=first), get_object_or_404(known, pk=second)]
    inactive = [account for account in accounts if not account.is_active]
    if inactive and request.method != "POST":
        # A merge already done (a second tab, the back button): say so instead of a form.
        messages.error(
            request,
            f"Akun {inactive[0]} tidak aktif (mungkin sudah digabungkan); tidak ada yang diubah.",
        )
        return redirect("people_duplicates")
    proofs = selectors.merge_control(*accounts, by=request.user)
    if request.method == "POST" and request.POST.get("tindakan") == "kirim-tautan":
        try:
            services.merge_request_send_links(
                first=accounts[0], second=accounts[1], by=request.user
            )
        except NotAllowed as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                "Tautan konfirmasi dikirim ke email akun yang belum terbukti. Setelah pemiliknya "
                "membuka tautan itu, kembali ke halaman ini untuk menggabungkan.",
            )
        return redirect("people_merge", first, second)
    in_person_for = [a for a in accounts if a.is_active and proofs[a.pk].needs_in_person]
    form = MergeForm(request.POST or None, accounts=accounts, in_person_for=in_person_for)
    if request.method == "POST" and form.is_valid():
        survivor_pk = form.cleaned_data["survivor"]
        survivor = next(a for a in accounts if a.pk == survivor_pk)
        loser = next(a for a in accounts if a.pk != survivor_pk)
        try:
            record = services.participants_merge(
                survivor=survivor, loser=loser, by=request.user, in_person=form.in_person()
            )
        except NotAllowed as refusal:
            messages.error(request, refusal.message)
            return redirect("people_duplicates")
        messages.success(
            request, f"Akun {record.loser_label} digabungkan ke {record.survivor_label}."
        )
        return redirect("mergerecord:inspect", record.pk)
    return TemplateResponse(
        request,
        "people/admin/merge.html",
        {
            "form": form,
            "accounts": accounts,
            "record_rows": _record_rows(accounts),
            "proofs": [proofs[account.pk] for account in accounts],
            "can_send_links": any(p.can_send_link for p in proofs.values()),
        },
    )
