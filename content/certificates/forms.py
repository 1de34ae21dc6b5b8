from django import forms

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
