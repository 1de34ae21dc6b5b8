"""The words and constants of the index's method, shared by the computation, the screens, the
PDF report and open data, so each says the same and says what the code does."""

# A cell of the index needs this many people; fewer and it is withheld (as an average in open
# data: content/stats/open_data.MIN_PEOPLE_FOR_AVERAGE).
MIN_PEOPLE = 10

# How many bootstrap resamples over people give a cell's 95% interval.
BOOTSTRAP_SAMPLES = 200

MAPPING_TEXT = (
    "Skor 1-5 seseorang pada satu pilar = 1 + 4 x rata-rata, atas semua soal pilar itu yang "
    "sudah dikalibrasi, peluang menjawab benar menurut model Rasch (logistik dari kemampuan "
    "dikurangi tingkat kesulitan soal). Skor 3 berarti orang itu diperkirakan menjawab benar "
    "separuh soal pilar tersebut; skor naik seiring kemampuan dan tidak pernah di luar 1-5. "
    "Skor keseluruhan seseorang adalah rata-rata skor keempat pilarnya, hanya bila keempatnya "
    "terukur."
)
METHOD_TEXT = (
    "Tingkat kesulitan soal dikalibrasi per pilar dengan model Rasch (1PL, pustaka mirt, "
    "kemungkinan marginal maksimum) dari sampel acak percobaan yang selesai, termasuk latihan "
    "mandiri; bila kelompok peserta mengerjakan kuis yang berbeda, dipakai model multi-kelompok "
    "(setiap kuis besar punya rata-rata dan ragam kemampuan sendiri) agar kesulitan soal tidak "
    "bias. Jawaban dihitung benar bila mendapat poin penuh. Kemampuan setiap orang per tahun "
    "diperkirakan dengan Weighted Likelihood Estimation (Warm) dari semua jawabannya di pre-test "
    "(sebelum) atau post-test (sesudah) pada skala bersama, lalu dipetakan ke 1-5; latihan "
    "mandiri tidak dihitung ke indeks. OPD dan kelompok (ASN: PNS dan PPPK; PTT) adalah yang "
    "tercatat saat percobaan. Perubahan adalah rata-rata selisih sesudah dikurangi sebelum bagi "
    "orang yang diukur dua kali pada tahun yang sama. Swanilai adalah rata-rata nilai pernyataan "
    "1-5 (pernyataan terbalik dihitung 6 dikurangi nilai). Indeks kelompok adalah rata-rata skor "
    "orang-orangnya; selang kepercayaan 95% dari bootstrap persentil atas orang (bobot Poisson "
    f"per orang). Sel dengan kurang dari {MIN_PEOPLE} orang disembunyikan, dan sel lain ikut "
    "disembunyikan bila angkanya memungkinkan sel tersembunyi dihitung dari selisih (termasuk "
    "indeks keseluruhan bila salah satu pilarnya disembunyikan)."
)
INSTRUMENT_NOTE = (
    "Indeks nasional diukur dengan instrumen lain (survei tatap muka Kominfo dan Katadata "
    "Insight Center) pada populasi lain (warga umum); angka kota ini dari tes pengetahuan ASN "
    "dan PTT di Lentera. Keduanya berskala 1-5 tetapi tidak dapat dibandingkan langsung."
)
