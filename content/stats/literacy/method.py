"""The words and constants of the index's method, shared by the computation, the screens, the
PDF report and open data (so each says the same). The engine stream fills in the final text."""

# A cell of the index needs this many people; fewer and it is withheld (as an average in open
# data: content/stats/open_data.MIN_PEOPLE_FOR_AVERAGE).
MIN_PEOPLE = 10

# How many bootstrap resamples over people give a cell's 95% interval.
BOOTSTRAP_SAMPLES = 200

MAPPING_TEXT = (
    "Skor 1-5 setiap orang pada satu pilar = 1 + 4 x proporsi soal pilar itu yang diperkirakan "
    "dijawab benar oleh orang dengan kemampuan tersebut (model Rasch), rata-rata atas semua "
    "soal pilar yang sudah dikalibrasi."
)
METHOD_TEXT = (
    "Tingkat kesulitan soal dikalibrasi per pilar dengan model Rasch (1PL) dari semua percobaan "
    "yang selesai; kemampuan setiap orang diperkirakan dengan Weighted Likelihood Estimation "
    "(Warm) pada skala bersama, lalu dipetakan ke 1-5. Indeks kelompok adalah rata-rata skor "
    "orang-orangnya, dengan selang kepercayaan 95% dari bootstrap atas orang."
)
INSTRUMENT_NOTE = (
    "Indeks nasional diukur dengan instrumen lain (survei tatap muka Kominfo dan Katadata "
    "Insight Center) pada populasi lain (warga umum); angka kota ini dari tes pengetahuan ASN "
    "dan PTT di Lentera. Keduanya berskala 1-5 tetapi tidak dapat dibandingkan langsung."
)
