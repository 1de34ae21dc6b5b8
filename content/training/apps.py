from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "content.training"
    label = "training"
    verbose_name = "Sosialisasi dan presensi"
