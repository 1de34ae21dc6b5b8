"""A view that fails with the POSTed NIK in its exception, for the error-logging tests."""

from django.urls import path


def fail(request):
    raise ValueError(f"NIK {request.POST['nik']} tidak ditemukan untuk {request.POST['email']}")


urlpatterns = [path("gagal/", fail)]
