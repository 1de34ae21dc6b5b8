"""The national Indeks Literasi Digital as published (1-5 scale), with its source: reference
data the city's index is shown beside (a different instrument and population)."""

from decimal import Decimal

from django.db import migrations

SOURCE = (
    "Status Literasi Digital di Indonesia {year}, Kementerian Komunikasi dan Informatika "
    "bersama Katadata Insight Center (survei tatap muka, sekitar 10.000 responden)"
)
FIGURES = [
    (2020, "", "3.46"),
    (2021, "", "3.49"),
    (2022, "", "3.54"),
    (2022, "budaya", "3.84"),
    (2022, "etika", "3.68"),
    (2022, "kecakapan", "3.52"),
    (2022, "keamanan", "3.12"),
]


def add_figures(apps, schema_editor):
    NationalIndex = apps.get_model("stats", "NationalIndex")
    for year, pillar, value in FIGURES:
        NationalIndex.objects.get_or_create(
            year=year,
            pillar=pillar,
            defaults={"value": Decimal(value), "source": SOURCE.format(year=year)},
        )


def remove_figures(apps, schema_editor):
    NationalIndex = apps.get_model("stats", "NationalIndex")
    for year, pillar, _value in FIGURES:
        NationalIndex.objects.filter(year=year, pillar=pillar).delete()


class Migration(migrations.Migration):
    dependencies = [("stats", "0003_literacy_index")]

    operations = [migrations.RunPython(add_figures, remove_figures)]
