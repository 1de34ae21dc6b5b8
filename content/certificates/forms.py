import re

from django import forms

from content.people.identity import normalize_number

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class CodeForm(forms.Form):
    kode = forms.CharField(
        label="Kode verifikasi",
        max_length=64,
        help_text="32 huruf dan angka di bawah kode QR, misalnya ABCD-EFGH-….",
    )


class UploadForm(forms.Form):
    berkas = forms.FileField(label="Berkas sertifikat (PDF)")

    def clean_berkas(self):
        upload = self.cleaned_data["berkas"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                "Berkas lebih dari 10 MB; sertifikat Lentera jauh lebih kecil."
            )
        data = upload.read()
        if not data.startswith(b"%PDF-"):
            raise forms.ValidationError("Berkas ini bukan PDF.")
        return data


class NipCheckForm(forms.Form):
    """A verifier holding the paper types the NIP printed on it; the server says whether it
    is the holder's, and never shows the NIP itself."""

    nip = forms.CharField(
        label="NIP pada sertifikat",
        max_length=40,
        help_text="18 digit angka seperti tertulis di sertifikat; spasi boleh.",
    )

    def clean_nip(self):
        number = normalize_number(self.cleaned_data["nip"])
        if not re.fullmatch(r"[0-9]{18}", number, re.ASCII):
            raise forms.ValidationError("NIP terdiri dari 18 digit angka.")
        return number
