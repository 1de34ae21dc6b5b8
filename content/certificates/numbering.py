"""Certificate numbers in the office's format, e.g. 007/SERT-LD/DISKOMINFO/XI/2026."""

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def format_number(number_format, *, sequence, moment):
    return number_format.format(
        seq=sequence,
        bulan=f"{moment.month:02d}",
        bulan_romawi=ROMAN_MONTHS[moment.month - 1],
        tahun=moment.year,
    )
