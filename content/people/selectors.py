"""Reads for participants and agencies."""

from django.utils import timezone

from content.people.models import Agency, DeletionRequest
from content.training.selectors import participant_history


def active_agencies():
    return Agency.objects.filter(is_active=True).select_related("parent")


def pending_deletion_request(user):
    return user.deletion_requests.filter(status=DeletionRequest.Status.PENDING).first()


def participant_data_export(user):
    """Everything the platform holds about `user` and nothing about anyone else (UU 27/2022).

    Later features (quizzes, certificates) add their sections here.
    """
    return {
        "dibuat_pada": timezone.now().isoformat(),
        "profil": {
            "nama_lengkap": user.full_name,
            "kelompok": user.get_participant_group_display(),
            "nip": user.nip,
            "nik": user.nik,
            "opd": user.agency.name if user.agency else None,
            "jabatan": user.position,
            "pangkat_golongan": user.rank,
            "jenis_kelamin": user.get_gender_display(),
            "email": user.email,
            "telepon": user.phone,
        },
        "akun": {
            "terdaftar_sejak": user.date_joined.isoformat(),
            "terakhir_masuk": user.last_login.isoformat() if user.last_login else None,
        },
        "sosialisasi": [
            {
                "judul": row["session"].title,
                "tanggal": row["session"].date.isoformat(),
                "pendaftaran": row["registration"].get_status_display()
                if row["registration"]
                else None,
                "kehadiran": row["attendance"].get_status_display() if row["attendance"] else None,
                "waktu_presensi": row["attendance"].checked_in_at.isoformat()
                if row["attendance"]
                else None,
            }
            for row in participant_history(user)
        ],
        "permohonan_hapus_data": [
            {
                "diajukan": request.requested_at.isoformat(),
                "status": request.get_status_display(),
                "alasan": request.reason,
            }
            for request in user.deletion_requests.all()
        ],
    }
