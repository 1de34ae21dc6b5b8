"""Demo quizzes (part of load_demo_data; idempotent): a question bank by topic, the pre-test and
post-test of the most recent past sessions with the attempts of those who attended, the same
tests open on today's and the upcoming session, and the self-paced "Hoaks atau Fakta?" quiz made
from the demo fact-checks.

Attempts are made through the services with `now` set to the session's time, so every rule (the
test's window, taking part in the session, one attempt each) applies as it did on the day. Which
answers each participant gives follows a fixed seed, so the figures are the same on every run
and every machine: a participant's pre-test ability is drawn around 50%, most learn a good part
of what they did not know, a few do not improve.

Every step looks for what it would create first, so running it again changes nothing.
"""

import datetime
import math
import random

from content.articles.models import ArticlePage, FactCheckPage, Topic
from content.articles.pillars import Indicator
from content.demo import texts
from content.quizzes import rules, selectors, services
from content.quizzes.models import (
    Attempt,
    Layout,
    MultipleScoring,
    Option,
    PickedQuestion,
    Purpose,
    Question,
    QuestionKind,
    Quiz,
    Review,
    SessionTest,
)
from content.training.models import Attendance, SessionPage
from content.training.models.choices import ATTENDED_STATUSES

SINGLE, MULTIPLE, TRUE_FALSE = QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE

# The question bank. `indicator` is the national framework's sub-indicator the question measures
# (its pillar follows, rules.question_pillar): at least ten questions on each of the four pillars,
# and the fact-checks' "Hoaks atau Fakta?" questions add to kecakapan. `difficulty` (a logit:
# below 0 easier, above 0 harder) only shapes the demo answers; `test` puts the question in the
# sessions' pre- and post-test, six on each pillar, so the literacy index has answers on every
# pillar to calibrate.
BANK = [
    # Literasi digital
    {
        "topic": "literasi-digital",
        "indicator": Indicator.KEAMANAN_JEJAK,
        "kind": SINGLE,
        "text": "Apa yang dimaksud dengan jejak digital?",
        "options": [
            (
                "Rekam aktivitas seseorang di internet yang dapat tersimpan dan ditelusuri, "
                "termasuk unggahan yang sudah dihapus",
                True,
            ),
            ("Riwayat pemakaian kuota data di ponsel", False),
            ("Daftar aplikasi yang pernah dipasang di ponsel", False),
            ("Lokasi terakhir ponsel yang tercatat di peta", False),
        ],
        "explanation": (
            "Jejak digital mencakup unggahan, komentar, tanda suka, dan data yang kita bagikan. "
            "Tangkapan layar dan arsip membuatnya bisa bertahan meski unggahan aslinya dihapus."
        ),
        "difficulty": -1.0,
        "test": True,
    },
    {
        "topic": "literasi-digital",
        "indicator": Indicator.KEAMANAN_JEJAK,
        "kind": TRUE_FALSE,
        "text": (
            "Unggahan yang sudah dihapus dari media sosial pasti hilang sepenuhnya dan tidak dapat "
            "ditemukan lagi."
        ),
        "answer": False,
        "explanation": (
            "Salah. Unggahan bisa telanjur ditangkap layar, diarsipkan, atau disimpan orang lain "
            "sebelum dihapus."
        ),
        "difficulty": -0.6,
        "test": True,
    },
    {
        "topic": "literasi-digital",
        "indicator": Indicator.KEAMANAN_DATA,
        "kind": MULTIPLE,
        "text": (
            "Manakah yang termasuk data pribadi yang tidak boleh dibagikan di media sosial? "
            "(Pilih semua yang benar)"
        ),
        "options": [
            ("Foto KTP atau Kartu Keluarga", True),
            ("Kode OTP yang dikirim lewat SMS", True),
            ("Nomor rekening beserta tanggal lahir lengkap", True),
            ("Foto kegiatan resmi yang sudah dipublikasikan humas instansi", False),
            ("Alamat kantor OPD yang tercantum di situs resmi", False),
        ],
        "explanation": (
            "KTP, KK, kode OTP, dan nomor rekening dengan tanggal lahir dapat dipakai untuk "
            "penipuan dan pembobolan akun. Informasi yang memang sudah diumumkan instansi bukan "
            "data pribadi."
        ),
        "difficulty": 0.7,
        "test": True,
    },
    {
        "topic": "literasi-digital",
        "indicator": Indicator.KEAMANAN_DATA,
        "kind": SINGLE,
        "text": (
            "Menurut UU Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi, instansi yang "
            "mengumpulkan data pribadi warga wajib..."
        ),
        "options": [
            ("Memproses data sesuai tujuan yang disampaikan dan menjaga kerahasiaannya", True),
            ("Membagikan data kepada pihak mana pun yang memintanya", False),
            ("Menyimpan data selamanya meski sudah tidak diperlukan", False),
            ("Mengumumkan data di situs resmi agar transparan", False),
        ],
        "explanation": (
            "Pengendali data pribadi wajib memproses data secara terbatas sesuai tujuannya, "
            "menjaga kerahasiaan dan keamanannya, serta menghapusnya bila tidak lagi diperlukan."
        ),
        "difficulty": 0.9,
        "test": True,
    },
    # Keamanan digital
    {
        "topic": "keamanan-digital",
        "indicator": Indicator.KEAMANAN_PENIPUAN,
        "kind": SINGLE,
        "text": (
            "Anda menerima berkas berformat .apk berjudul 'Undangan Pernikahan' dari nomor tak "
            "dikenal di WhatsApp. Apa yang sebaiknya dilakukan?"
        ),
        "options": [
            ("Tidak membuka atau memasangnya, lalu menghapus pesan dan melaporkan nomornya", True),
            ("Membukanya, karena undangan biasanya tidak berbahaya", False),
            ("Memasangnya sebentar, lalu segera menghapus aplikasinya", False),
            ("Meneruskannya ke teman untuk menanyakan siapa pengirimnya", False),
        ],
        "explanation": (
            "Berkas .apk adalah aplikasi. Undangan palsu semacam ini memasang aplikasi yang "
            "mencuri SMS, termasuk kode OTP perbankan."
        ),
        "difficulty": -0.8,
        "test": True,
    },
    {
        "topic": "keamanan-digital",
        "indicator": Indicator.KEAMANAN_PENIPUAN,
        "kind": TRUE_FALSE,
        "text": (
            "Kode OTP boleh diberikan kepada petugas bank atau operator seluler yang menelepon "
            "untuk keperluan verifikasi."
        ),
        "answer": False,
        "explanation": (
            "Salah. Bank dan operator tidak pernah meminta kode OTP. Siapa pun yang memintanya "
            "patut diduga penipu."
        ),
        "difficulty": -1.2,
        "test": True,
    },
    {
        "topic": "keamanan-digital",
        "indicator": Indicator.KEAMANAN_DATA,
        "kind": MULTIPLE,
        "scoring": MultipleScoring.PARTIAL,
        "text": (
            "Manakah cara yang tepat untuk mengamankan akun media sosial dinas? "
            "(Pilih semua yang benar)"
        ),
        "options": [
            ("Mengaktifkan verifikasi dua langkah", True),
            ("Memakai kata sandi panjang yang berbeda untuk setiap akun", True),
            ("Membatasi admin akun pada pegawai yang ditugaskan", True),
            ("Membagikan kata sandi di grup WhatsApp tim agar mudah diakses", False),
            ("Memakai tanggal lahir pimpinan sebagai kata sandi", False),
        ],
        "explanation": (
            "Verifikasi dua langkah, kata sandi yang kuat dan unik, serta admin yang terbatas "
            "mengurangi risiko akun dinas diambil alih."
        ),
        "difficulty": 0.0,
        "test": False,
    },
    # Netralitas ASN
    {
        "topic": "netralitas-asn",
        "indicator": Indicator.ETIKA_NETRALITAS,
        "kind": SINGLE,
        "text": (
            "Seorang ASN menyukai dan membagikan unggahan kampanye salah satu pasangan calon "
            "kepala daerah di akun media sosial pribadinya. Bagaimana tindakan ini menurut aturan "
            "netralitas ASN?"
        ),
        "options": [
            ("Termasuk pelanggaran netralitas karena menunjukkan keberpihakan", True),
            ("Diperbolehkan karena dilakukan di akun pribadi", False),
            ("Diperbolehkan selama dilakukan di luar jam kerja", False),
            ("Hanya dilarang bila ASN tersebut juga menulis komentar", False),
        ],
        "explanation": (
            "Memberi tanda suka, berkomentar, dan membagikan unggahan kampanye di media sosial, "
            "termasuk di akun pribadi, adalah bentuk keberpihakan yang dilarang bagi ASN."
        ),
        "difficulty": 0.6,
        "test": True,
    },
    {
        "topic": "netralitas-asn",
        "indicator": Indicator.ETIKA_NETRALITAS,
        "kind": MULTIPLE,
        "scoring": MultipleScoring.PARTIAL,
        "text": (
            "Manakah yang termasuk pelanggaran netralitas ASN selama tahapan Pilkada? "
            "(Pilih semua yang benar)"
        ),
        "options": [
            ("Menghadiri kampanye pasangan calon dengan memakai atribut partai", True),
            (
                "Mengunggah foto bersama pasangan calon dengan gaya jari yang menunjukkan nomor "
                "urut",
                True,
            ),
            ("Memakai kendaraan dinas untuk kegiatan pemenangan calon", True),
            ("Menggunakan hak pilih di TPS pada hari pemungutan suara", False),
            ("Menyimak debat publik pasangan calon di televisi", False),
        ],
        "explanation": (
            "ASN tetap memilih di TPS dan boleh mengikuti informasi tentang calon, tetapi tidak "
            "boleh ikut berkampanye, menunjukkan dukungan, atau memakai fasilitas negara untuk "
            "calon mana pun."
        ),
        "difficulty": 0.4,
        "test": True,
    },
    {
        "topic": "netralitas-asn",
        "indicator": Indicator.ETIKA_NETRALITAS,
        "kind": TRUE_FALSE,
        "text": (
            "ASN tetap memiliki hak pilih dalam Pilkada, tetapi tidak boleh menunjukkan dukungan "
            "kepada pasangan calon, baik di ruang publik maupun di media sosial."
        ),
        "answer": True,
        "explanation": (
            "Benar. Hak pilih ASN dijamin; yang dilarang adalah keberpihakan yang ditunjukkan "
            "kepada publik."
        ),
        "difficulty": -0.9,
        "test": True,
    },
    {
        "topic": "netralitas-asn",
        "indicator": Indicator.ETIKA_NETRALITAS,
        "kind": TRUE_FALSE,
        "text": (
            "Aturan netralitas hanya berlaku bagi PNS, sedangkan PPPK dan pegawai non-ASN bebas "
            "berkampanye."
        ),
        "answer": False,
        "explanation": (
            "Salah. PPPK adalah ASN dan terikat aturan yang sama, dan pegawai non-ASN di "
            "lingkungan Pemerintah Kota Lentera juga diwajibkan netral."
        ),
        "difficulty": 0.1,
        "test": True,
    },
    {
        "topic": "netralitas-asn",
        "indicator": Indicator.ETIKA_NETRALITAS,
        "kind": SINGLE,
        "text": "Ke mana masyarakat dapat melaporkan dugaan pelanggaran netralitas ASN di Pilkada?",
        "options": [
            ("Badan Pengawas Pemilu (Bawaslu) setempat", True),
            ("Dinas Kependudukan dan Pencatatan Sipil", False),
            ("Bank tempat ASN tersebut menerima gaji", False),
            ("Kantor kelurahan tempat tinggal pelapor", False),
        ],
        "explanation": (
            "Bawaslu menerima laporan dugaan pelanggaran netralitas selama tahapan pemilihan dan "
            "meneruskan rekomendasinya kepada instansi yang berwenang menjatuhkan sanksi."
        ),
        "difficulty": 0.0,
        "test": False,
    },
    # Anti-hoaks
    {
        "topic": "anti-hoaks",
        "indicator": Indicator.KECAKAPAN_INFORMASI,
        "kind": SINGLE,
        "text": (
            "Anda menerima pesan berlabel 'Diteruskan berkali-kali' yang meminta ASN mengisi data "
            "di tautan pendaftaran PPPK. Langkah pertama yang paling tepat adalah..."
        ),
        "options": [
            (
                "Memeriksa kebenarannya di situs resmi BKN atau kanal resmi instansi sebelum "
                "berbuat apa pun",
                True,
            ),
            ("Segera mengisi tautan agar tidak ketinggalan", False),
            ("Meneruskannya ke grup kantor supaya rekan lain tahu", False),
            ("Membalas pengirim untuk meminta formulir dalam bentuk PDF", False),
        ],
        "explanation": (
            "Berhenti sejenak dan periksa sumbernya. Pendaftaran seleksi ASN hanya melalui portal "
            "resmi BKN, dan meneruskan pesan yang belum jelas ikut menyebarkan hoaks."
        ),
        "difficulty": -1.1,
        "test": True,
    },
    {
        "topic": "anti-hoaks",
        "indicator": Indicator.KECAKAPAN_INFORMASI,
        "kind": MULTIPLE,
        "scoring": MultipleScoring.PARTIAL,
        "text": ("Manakah ciri pesan yang patut dicurigai sebagai hoaks? (Pilih semua yang benar)"),
        "options": [
            ("Memakai huruf kapital dan kata SEGERA atau VIRAL untuk memancing emosi", True),
            ("Mencatut nama lembaga resmi tanpa tautan sumber yang dapat diperiksa", True),
            ("Meminta pembaca menyebarkannya ke banyak grup sebelum dihapus", True),
            ("Menautkan pengumuman di situs resmi berakhiran go.id yang dapat dibuka", False),
            ("Memuat nomor surat yang sama dengan yang diumumkan di situs resmi", False),
        ],
        "explanation": (
            "Judul yang memancing emosi, sumber yang tidak bisa diperiksa, dan desakan untuk "
            "menyebarkan adalah tanda bahaya. Sumber resmi yang bisa dicek justru menandakan "
            "informasi dapat diverifikasi."
        ),
        "difficulty": -0.2,
        "test": True,
    },
    {
        "topic": "anti-hoaks",
        "indicator": Indicator.KECAKAPAN_INFORMASI,
        "kind": TRUE_FALSE,
        "text": (
            "Foto yang asli tetap dapat dipakai untuk menyebarkan hoaks bila diberi keterangan "
            "waktu atau tempat yang keliru."
        ),
        "answer": True,
        "explanation": (
            "Benar. Banyak hoaks memakai foto asli dari peristiwa lain; pencarian gambar terbalik "
            "membantu menemukan asal-usulnya."
        ),
        "difficulty": 0.5,
        "test": True,
    },
    {
        "topic": "anti-hoaks",
        "indicator": Indicator.KECAKAPAN_INFORMASI,
        "kind": SINGLE,
        "text": "Label cek fakta MISINFORMASI berarti...",
        "options": [
            (
                "Informasi keliru yang tersebar tanpa niat menyesatkan, misalnya karena salah "
                "paham",
                True,
            ),
            ("Informasi keliru yang sengaja dibuat untuk menipu atau merugikan", False),
            ("Sindiran atau humor yang tidak dimaksudkan sebagai fakta", False),
            ("Informasi benar yang disebarkan untuk menyerang seseorang", False),
        ],
        "explanation": (
            "Misinformasi keliru tanpa niat jahat; disinformasi sengaja dibuat untuk menyesatkan; "
            "satire adalah sindiran; informasi benar yang dipakai untuk merugikan disebut "
            "malinformasi."
        ),
        "difficulty": 1.2,
        "test": True,
    },
    {
        "topic": "anti-hoaks",
        "indicator": Indicator.KECAKAPAN_INFORMASI,
        "kind": SINGLE,
        "text": "Cara apa yang paling tepat untuk menelusuri asal-usul sebuah foto yang viral?",
        "options": [
            ("Pencarian gambar terbalik, misalnya dengan Google Lens atau TinEye", True),
            ("Melihat jumlah tanda suka pada unggahan tersebut", False),
            ("Memperbesar foto dengan filter aplikasi kamera", False),
            ("Menanyakannya di grup WhatsApp keluarga", False),
        ],
        "explanation": (
            "Pencarian gambar terbalik menunjukkan di mana dan kapan foto yang sama pernah "
            "muncul, sehingga klaim waktu dan tempatnya bisa diperiksa."
        ),
        "difficulty": 0.8,
        "test": True,
    },
    # Keamanan digital: more on phishing, devices and sharing citizens' data
    {
        "topic": "keamanan-digital",
        "indicator": Indicator.KEAMANAN_PENIPUAN,
        "kind": SINGLE,
        "text": (
            "Anda menerima surel yang tampak berasal dari BKN: 'Akun MyASN Anda akan dinonaktifkan "
            "dalam 24 jam. Segera verifikasi melalui tautan berikut.' Tautannya mengarah ke "
            "myasn-bkn.verifikasi-akun.com. Apa yang sebaiknya dilakukan?"
        ),
        "options": [
            (
                "Tidak mengeklik tautan, membuka MyASN dari alamat resmi yang diketik sendiri, "
                "lalu melaporkan surel itu sebagai phishing",
                True,
            ),
            ("Mengeklik tautan karena logo dan warnanya sama dengan milik BKN", False),
            ("Membalas surel untuk menanyakan apakah pesan itu asli", False),
            ("Meneruskan surel ke grup kantor agar semua rekan segera memverifikasi akun", False),
        ],
        "explanation": (
            "Phishing meniru lembaga resmi dan mendesak agar korban tidak sempat berpikir. Alamat "
            "situs resmi BKN berakhiran bkn.go.id; domain lain yang memakai nama BKN patut "
            "dicurigai."
        ),
        "difficulty": -0.3,
        "test": False,
    },
    {
        "topic": "keamanan-digital",
        "indicator": Indicator.KEAMANAN_PERANGKAT,
        "kind": TRUE_FALSE,
        "text": (
            "Wi-Fi gratis tanpa kata sandi di tempat umum aman dipakai untuk masuk ke aplikasi "
            "perbankan dan sistem kepegawaian."
        ),
        "answer": False,
        "explanation": (
            "Salah. Lalu lintas di Wi-Fi publik yang terbuka dapat disadap, dan jaringan palsu "
            "bisa meniru nama Wi-Fi tempat itu. Pakai data seluler untuk urusan penting."
        ),
        "difficulty": -0.4,
        "test": False,
    },
    {
        "topic": "keamanan-digital",
        "indicator": Indicator.KEAMANAN_PERANGKAT,
        "kind": SINGLE,
        "text": (
            "Laptop dinas menampilkan pemberitahuan pembaruan keamanan sistem operasi. Tindakan "
            "yang tepat adalah..."
        ),
        "options": [
            ("Memasang pembaruan itu secepatnya, karena pembaruan menambal celah keamanan", True),
            ("Menundanya terus karena pembaruan membuat laptop lambat", False),
            ("Mengunduh berkas pembaruan dari situs berbagi berkas agar lebih cepat", False),
            ("Mematikan pembaruan otomatis agar pekerjaan tidak terganggu", False),
        ],
        "explanation": (
            "Pembaruan keamanan menutup celah yang sudah diketahui penjahat siber. Pasang dari "
            "pengaturan sistem, bukan dari tautan atau situs lain."
        ),
        "difficulty": -0.5,
        "test": False,
    },
    {
        "topic": "keamanan-digital",
        "indicator": Indicator.KEAMANAN_DATA,
        "kind": MULTIPLE,
        "scoring": MultipleScoring.PARTIAL,
        "text": (
            "Berkas layanan yang memuat data pribadi warga perlu dikirim ke rekan di OPD lain. "
            "Manakah cara yang tepat? (Pilih semua yang benar)"
        ),
        "options": [
            ("Mengirim hanya data yang diperlukan untuk keperluan itu", True),
            ("Memakai kanal resmi instansi yang aksesnya terbatas", True),
            (
                "Memberi kata sandi pada berkas dan menyampaikan kata sandinya lewat kanal lain",
                True,
            ),
            ("Mengunggah berkas ke grup WhatsApp besar agar cepat sampai", False),
            ("Menyimpan salinannya di flashdisk pribadi untuk berjaga-jaga", False),
        ],
        "explanation": (
            "UU Pelindungan Data Pribadi meminta data diproses seperlunya dan dijaga "
            "kerahasiaannya. Grup besar dan salinan pribadi membuat data mudah bocor."
        ),
        "difficulty": 0.4,
        "test": False,
    },
    # Etika digital: more on neutrality, etiquette and harmful content
    {
        "topic": "netralitas-asn",
        "indicator": Indicator.ETIKA_NETRALITAS,
        "kind": SINGLE,
        "text": (
            "Di grup WhatsApp kantor, seorang rekan mengunggah poster kampanye pasangan calon dan "
            "meminta anggota grup menyebarkannya. Sebagai ASN, sikap yang paling tepat adalah..."
        ),
        "options": [
            (
                "Tidak ikut menyebarkan, dan mengingatkan dengan sopan bahwa ASN wajib netral",
                True,
            ),
            ("Menyebarkannya, karena hanya meneruskan dan bukan membuat sendiri", False),
            ("Memberi tanda suka sebagai bentuk sopan santun kepada rekan", False),
            ("Membalas dengan poster pasangan calon lain agar berimbang", False),
        ],
        "explanation": (
            "Meneruskan materi kampanye juga menunjukkan keberpihakan. Mengingatkan rekan dengan "
            "sopan membantu menjaga netralitas seluruh kantor."
        ),
        "difficulty": -0.3,
        "test": True,
    },
    {
        "topic": "literasi-digital",
        "indicator": Indicator.ETIKA_ETIKET,
        "kind": SINGLE,
        "text": (
            "Seorang warga mengeluhkan layanan OPD Anda di kolom komentar akun resmi instansi "
            "dengan nada kasar. Sebagai pengelola akun, tanggapan yang paling tepat adalah..."
        ),
        "options": [
            (
                "Menjawab dengan sopan, memberi informasi yang benar, dan mengarahkan ke kanal "
                "pengaduan resmi",
                True,
            ),
            ("Menghapus komentarnya lalu memblokir akun warga itu", False),
            ("Membalas dengan nada yang sama agar warga itu jera", False),
            ("Membagikan tangkapan layar profil warga itu di akun pribadi", False),
        ],
        "explanation": (
            "Akun resmi mewakili instansi. Tanggapan yang sopan dan jelas meredakan keluhan, "
            "dan kanal pengaduan memastikan masalahnya ditindaklanjuti."
        ),
        "difficulty": 0.2,
        "test": True,
    },
    {
        "topic": "literasi-digital",
        "indicator": Indicator.ETIKA_KONTEN,
        "kind": TRUE_FALSE,
        "text": (
            "Meneruskan pesan yang belum jelas kebenarannya ke grup keluarga tidak apa-apa asalkan "
            "diberi keterangan 'sekadar info'."
        ),
        "answer": False,
        "explanation": (
            "Salah. Keterangan 'sekadar info' tidak menghentikan hoaks menyebar. Periksa dulu; "
            "bila ragu, jangan diteruskan."
        ),
        "difficulty": -0.7,
        "test": False,
    },
    {
        "topic": "literasi-digital",
        "indicator": Indicator.ETIKA_KONTEN,
        "kind": MULTIPLE,
        "scoring": MultipleScoring.PARTIAL,
        "text": "Manakah yang termasuk perundungan siber? (Pilih semua yang benar)",
        "options": [
            ("Menyebarkan foto memalukan rekan kerja tanpa izinnya", True),
            ("Berulang kali mengirim komentar yang merendahkan ke akun seseorang", True),
            ("Membuat akun palsu untuk mengejek orang lain", True),
            ("Menyampaikan kritik yang sopan atas sebuah kebijakan publik", False),
            ("Membisukan akun yang sering mengunggah konten yang tidak disukai", False),
        ],
        "explanation": (
            "Perundungan siber adalah perilaku berulang yang mempermalukan, mengancam, atau "
            "merendahkan orang lain. Kritik yang sopan dan membisukan akun bukan perundungan."
        ),
        "difficulty": 0.1,
        "test": False,
    },
    {
        "topic": "netralitas-asn",
        "indicator": Indicator.ETIKA_NETRALITAS,
        "kind": SINGLE,
        "text": (
            "Tim sukses salah satu pasangan calon meminta seorang ASN menjadi admin grup relawan "
            "di media sosial, di luar jam kerja. Bagaimana sebaiknya ASN tersebut bersikap?"
        ),
        "options": [
            (
                "Menolak, karena ikut dalam tim pemenangan melanggar netralitas, juga di luar jam "
                "kerja",
                True,
            ),
            ("Menerima, asalkan memakai akun anonim", False),
            ("Menerima, asalkan tidak memakai fasilitas kantor", False),
            ("Menerima, karena grup relawan bukan partai politik", False),
        ],
        "explanation": (
            "Netralitas ASN berlaku kapan pun selama tahapan pemilihan. Menjadi pengelola grup "
            "relawan adalah keterlibatan dalam kampanye, dengan akun apa pun."
        ),
        "difficulty": 0.3,
        "test": False,
    },
    # Kecakapan digital: finding and checking information, apps and transactions
    {
        "topic": "anti-hoaks",
        "indicator": Indicator.KECAKAPAN_INFORMASI,
        "kind": SINGLE,
        "text": (
            "Anda mencari aturan terbaru tentang cuti ASN lewat mesin pencari. Sumber mana yang "
            "paling dapat dipercaya?"
        ),
        "options": [
            ("Peraturan di situs resmi BKN atau JDIH yang berakhiran go.id", True),
            ("Unggahan media sosial yang paling banyak dibagikan", False),
            ("Blog yang muncul paling atas karena berbayar (iklan)", False),
            ("Pesan berantai di grup WhatsApp kantor", False),
        ],
        "explanation": (
            "Aturan kepegawaian diterbitkan di situs resmi dan jaringan dokumentasi hukum (JDIH). "
            "Hasil teratas mesin pencari bisa saja iklan atau tulisan yang sudah usang."
        ),
        "difficulty": 0.0,
        "test": True,
    },
    {
        "topic": "literasi-digital",
        "indicator": Indicator.KECAKAPAN_PERANGKAT,
        "kind": SINGLE,
        "text": (
            "Anda membagikan tautan dokumen internal kantor dari layanan penyimpanan awan. "
            "Pengaturan akses yang paling tepat adalah..."
        ),
        "options": [
            ("Hanya orang tertentu yang diberi akses, misalnya peserta rapat", True),
            ("Siapa saja yang memiliki tautan dapat mengedit", False),
            ("Publik di web agar mudah ditemukan", False),
            ("Tidak perlu diatur, karena tautannya sulit ditebak", False),
        ],
        "explanation": (
            "Tautan dapat diteruskan ke mana saja. Batasi akses pada orang yang memerlukannya, "
            "dan beri hak mengedit hanya bila perlu."
        ),
        "difficulty": 0.5,
        "test": False,
    },
    {
        "topic": "anti-hoaks",
        "indicator": Indicator.KECAKAPAN_PERCAKAPAN,
        "kind": TRUE_FALSE,
        "text": (
            "Label 'Diteruskan berkali-kali' di WhatsApp menandakan bahwa pesan itu sudah "
            "diperiksa kebenarannya oleh WhatsApp."
        ),
        "answer": False,
        "explanation": (
            "Salah. Label itu hanya menandakan pesan sudah berpindah tangan berkali-kali, bukan "
            "bahwa isinya benar. Pesan seperti ini justru perlu diperiksa."
        ),
        "difficulty": -0.5,
        "test": False,
    },
    {
        "topic": "literasi-digital",
        "indicator": Indicator.KECAKAPAN_TRANSAKSI,
        "kind": SINGLE,
        "text": (
            "Saat membayar retribusi daerah secara daring, cara paling tepat memastikan tujuan "
            "pembayaran benar adalah..."
        ),
        "options": [
            (
                "Memakai kanal pembayaran resmi yang diumumkan pemerintah daerah dan mencocokkan "
                "nama penerima sebelum membayar",
                True,
            ),
            ("Mentransfer ke rekening pribadi petugas yang mengirim pesan", False),
            ("Membayar lewat tautan yang dikirim nomor tak dikenal", False),
            ("Memakai kode pembayaran dari unggahan media sosial yang banyak dibagikan", False),
        ],
        "explanation": (
            "Pembayaran resmi memakai kanal yang diumumkan pemerintah daerah, dan nama "
            "penerimanya tampil sebelum dana terkirim. Rekening pribadi adalah tanda bahaya."
        ),
        "difficulty": -0.4,
        "test": False,
    },
    {
        "topic": "anti-hoaks",
        "indicator": Indicator.KECAKAPAN_INFORMASI,
        "kind": MULTIPLE,
        "scoring": MultipleScoring.PARTIAL,
        "text": (
            "Sebuah video pejabat yang terdengar janggal sedang viral. Langkah memeriksa mana "
            "yang tepat? (Pilih semua yang benar)"
        ),
        "options": [
            ("Mencari klarifikasi di kanal resmi dan media yang kredibel", True),
            ("Memeriksa tanggal dan sumber pertama unggahan video itu", True),
            (
                "Memperhatikan tanda rekayasa, misalnya gerak bibir yang tidak sesuai suara",
                True,
            ),
            ("Menilai dari banyaknya komentar yang setuju", False),
            ("Membagikannya dulu, lalu menunggu tanggapan orang lain", False),
        ],
        "explanation": (
            "Video bisa dipotong dari konteksnya atau direkayasa dengan kecerdasan buatan. "
            "Klarifikasi resmi, sumber pertama, dan tanda rekayasa membantu menilainya."
        ),
        "difficulty": 0.3,
        "test": False,
    },
    # Budaya digital: Pancasila, diversity and digital rights, neutrality as keeping the peace
    {
        "topic": "netralitas-asn",
        "indicator": Indicator.BUDAYA_KEBINEKAAN,
        "kind": SINGLE,
        "text": (
            "Menjelang Pilkada, grup WhatsApp warga di lingkungan Anda ramai dengan unggahan yang "
            "menyerang salah satu pasangan calon karena suku dan agamanya. Sebagai ASN yang "
            "menjadi anggota grup, sikap yang paling tepat adalah..."
        ),
        "options": [
            (
                "Tidak ikut menanggapi atau menyebarkan, dan mengajak anggota grup menjaga "
                "kerukunan tanpa memihak calon mana pun",
                True,
            ),
            ("Membela pasangan calon yang diserang agar berimbang", False),
            ("Ikut menyebarkannya, karena grupnya tertutup", False),
            (
                "Mengunggah tangkapan layarnya ke media sosial disertai komentar pedas",
                False,
            ),
        ],
        "explanation": (
            "Serangan berbasis SARA memecah belah warga. ASN menjaga kerukunan tanpa membela atau "
            "menyerang calon mana pun: netral dan tetap peduli."
        ),
        "difficulty": -0.4,
        "test": True,
    },
    {
        "topic": "netralitas-asn",
        "indicator": Indicator.BUDAYA_KEBANGSAAN,
        "kind": TRUE_FALSE,
        "text": (
            "Netralitas ASN ikut menjaga persatuan: pelayanan publik diberikan sama kepada semua "
            "warga, apa pun pilihan politiknya."
        ),
        "answer": True,
        "explanation": (
            "Benar. ASN melayani seluruh warga. Keberpihakan di media sosial dapat membuat warga "
            "yang berbeda pilihan ragu akan diperlakukan adil."
        ),
        "difficulty": -1.0,
        "test": True,
    },
    {
        "topic": "literasi-digital",
        "indicator": Indicator.BUDAYA_KEBANGSAAN,
        "kind": SINGLE,
        "text": (
            "Sikap mana yang paling mencerminkan nilai Pancasila saat berdiskusi tentang perbedaan "
            "pendapat di media sosial?"
        ),
        "options": [
            (
                "Menyampaikan pendapat dengan santun dan menghargai pendapat lain, sesuai "
                "semangat musyawarah",
                True,
            ),
            ("Memaksakan pendapat mayoritas agar diskusi cepat selesai", False),
            ("Menghindari setiap diskusi yang berbeda pendapat", False),
            ("Membalas pendapat yang berbeda dengan sindiran", False),
        ],
        "explanation": (
            "Sila keempat mengajarkan musyawarah: perbedaan dibicarakan dengan hormat, bukan "
            "dimenangkan dengan suara terbanyak atau sindiran."
        ),
        "difficulty": -0.6,
        "test": True,
    },
    {
        "topic": "literasi-digital",
        "indicator": Indicator.BUDAYA_HAK,
        "kind": SINGLE,
        "text": (
            "Anda ingin memakai foto karya fotografer lain untuk poster kegiatan dinas. Yang "
            "sebaiknya dilakukan adalah..."
        ),
        "options": [
            (
                "Meminta izin atau memakai foto berlisensi bebas, lalu mencantumkan nama "
                "pembuatnya",
                True,
            ),
            ("Langsung memakainya, karena sudah beredar di internet", False),
            ("Memotong bagian yang memuat tanda air, lalu memakainya", False),
            ("Memakainya tanpa menyebut sumber, asalkan kegiatannya tidak komersial", False),
        ],
        "explanation": (
            "Foto di internet tetap dilindungi hak cipta. Izin atau lisensi yang sesuai, dan nama "
            "pembuatnya, menghargai hak digital orang lain."
        ),
        "difficulty": 0.5,
        "test": True,
    },
    {
        "topic": "literasi-digital",
        "indicator": Indicator.BUDAYA_HAK,
        "kind": TRUE_FALSE,
        "text": (
            "Memakai aplikasi buatan dalam negeri dan mempromosikan produk UMKM lokal di media "
            "sosial termasuk bagian dari budaya digital."
        ),
        "answer": True,
        "explanation": (
            "Benar. Budaya digital juga berarti mencintai dan memajukan produk dalam negeri di "
            "ruang digital."
        ),
        "difficulty": -0.8,
        "test": True,
    },
    {
        "topic": "netralitas-asn",
        "indicator": Indicator.BUDAYA_KEBINEKAAN,
        "kind": MULTIPLE,
        "scoring": MultipleScoring.PARTIAL,
        "text": (
            "Manakah sikap ASN di media sosial yang mencerminkan kebinekaan? (Pilih semua yang "
            "benar)"
        ),
        "options": [
            ("Mengucapkan selamat hari raya kepada rekan yang berbeda agama", True),
            ("Tidak membagikan candaan yang merendahkan suku atau agama tertentu", True),
            ("Melaporkan ujaran kebencian lewat fitur laporan platform", True),
            ("Hanya berteman dengan akun yang sepaham", False),
            ("Membalas ujaran kebencian dengan ujaran serupa", False),
        ],
        "explanation": (
            "Kebinekaan dijaga dengan saling menghormati, tidak merendahkan kelompok lain, dan "
            "melaporkan ujaran kebencian alih-alih membalasnya."
        ),
        "difficulty": 0.2,
        "test": True,
    },
    {
        "topic": "netralitas-asn",
        "indicator": Indicator.BUDAYA_KEBANGSAAN,
        "kind": SINGLE,
        "text": (
            "Seorang warga menulis di akun resmi kelurahan bahwa pendukung calon tertentu dilayani "
            "lebih cepat. Tanggapan pengelola akun yang paling tepat adalah..."
        ),
        "options": [
            (
                "Menjawab dengan sopan bahwa pelayanan sama untuk semua warga, lalu meminta "
                "rincian kejadian lewat kanal pengaduan resmi",
                True,
            ),
            ("Menghapus komentarnya agar tidak viral", False),
            ("Membalas dengan menyebut pilihan politik warga tersebut", False),
            ("Mengabaikannya, karena itu bukan urusan kelurahan", False),
        ],
        "explanation": (
            "Jawaban yang sopan menegaskan pelayanan yang adil bagi semua warga, dan kanal "
            "pengaduan memastikan dugaan itu diperiksa."
        ),
        "difficulty": 0.3,
        "test": False,
    },
    {
        "topic": "literasi-digital",
        "indicator": Indicator.BUDAYA_HAK,
        "kind": TRUE_FALSE,
        "text": (
            "Mengunggah ulang karya orang lain tanpa menyebut pembuatnya tidak melanggar apa pun "
            "selama tidak dijual."
        ),
        "answer": False,
        "explanation": (
            "Salah. Hak cipta berlaku juga untuk pemakaian yang tidak dijual. Minta izin dan "
            "sebutkan pembuatnya."
        ),
        "difficulty": 0.0,
        "test": False,
    },
    {
        "topic": "literasi-digital",
        "indicator": Indicator.BUDAYA_KEBINEKAAN,
        "kind": SINGLE,
        "text": "Mengapa ujaran kebencian berbasis SARA berbahaya di ruang digital?",
        "options": [
            ("Dapat memecah belah masyarakat dan memicu konflik di dunia nyata", True),
            ("Karena hanya mengurangi jumlah pengikut akun", False),
            ("Karena melanggar aturan penulisan huruf kapital", False),
            ("Tidak berbahaya selama ditulis di akun pribadi", False),
        ],
        "explanation": (
            "Ujaran kebencian cepat menyebar dan dapat berujung pada diskriminasi atau kekerasan. "
            "Di akun pribadi pun, pelakunya dapat dijerat hukum."
        ),
        "difficulty": -1.1,
        "test": False,
    },
    {
        "topic": "literasi-digital",
        "indicator": Indicator.BUDAYA_HAK,
        "kind": SINGLE,
        "text": "Manakah yang termasuk hak digital setiap warga?",
        "options": [
            (
                "Mengakses internet, berekspresi secara bertanggung jawab, dan merasa aman di "
                "ruang digital",
                True,
            ),
            ("Menyebarkan data pribadi orang lain", False),
            ("Memakai karya orang lain tanpa izin", False),
            ("Bebas dari tanggung jawab hukum atas unggahan apa pun", False),
        ],
        "explanation": (
            "Hak digital meliputi hak mengakses, berekspresi, dan merasa aman, disertai tanggung "
            "jawab untuk menghormati hak orang lain."
        ),
        "difficulty": -0.3,
        "test": False,
    },
]

PRE_TEST = {
    "slug": "pre-test-literasi-digital-asn",
    "title": "Pre-test Sosialisasi Literasi Digital dan Netralitas ASN",
    "instructions": (
        "Kerjakan sebelum materi dimulai. Jawab sesuai pemahaman Anda saat ini; nilai pre-test "
        "tidak memengaruhi kelulusan. Waktu 20 menit."
    ),
    # Before the session: the score only, so the answers do not leak into the post-test.
    "review": Review.SCORE,
}
POST_TEST = {
    "slug": "post-test-literasi-digital-asn",
    "title": "Post-test Sosialisasi Literasi Digital dan Netralitas ASN",
    "instructions": (
        "Kerjakan setelah seluruh materi selesai. Nilai lulus 70. Waktu 20 menit. Nilai "
        "langsung tampil; jawaban yang benar dan penjelasannya tampil setelah post-test ditutup "
        "untuk semua sosialisasi yang memakainya."
    ),
    "review": Review.EXPLANATIONS,
}
HOAX_QUIZ = {
    "slug": "hoaks-atau-fakta",
    "title": "Hoaks atau Fakta?",
    "instructions": (
        "Baca klaim yang beredar, lalu tentukan labelnya: hoaks, disinformasi, misinformasi, "
        "menyesatkan, satire, atau fakta. Setiap jawaban disertai penjelasan Tim Cek Fakta."
    ),
}
# Materials that show "Uji pemahaman Anda" with a link to the "Hoaks atau Fakta?" quiz.
HOAX_QUIZ_ARTICLES = ["kenali-ciri-hoaks-di-grup-whatsapp", "cek-sumber-sebelum-berbagi"]
# The most recent past sessions that used the tests (content/demo/training.py names its past
# sessions "<topic>-angkatan-<n>"), then today's session and the upcoming one.
PAST_SESSIONS_WITH_TESTS = 2
OPEN_SESSION_SLUGS = ["literasi-digital-hari-ini", "netralitas-studi-kasus"]
TIME_LIMIT_MINUTES = 20
SEED = "lentera-demo-kuis"


def load(note, *, sessions, fact_checks):
    bank = _bank(note)
    tested = [question for item, question in zip(BANK, bank, strict=True) if item["test"]]
    pre = _quiz(note, tested, **PRE_TEST)
    post = _quiz(note, tested, **POST_TEST)
    past = list(
        SessionPage.objects.child_of(sessions)
        .filter(slug__contains="-angkatan-")
        .order_by("-date", "pk")[:PAST_SESSIONS_WITH_TESTS]
    )
    difficulty = {
        question.pk: item["difficulty"] for item, question in zip(BANK, bank, strict=True)
    }
    for session in past:
        for purpose, quiz in ((Purpose.PRE, pre), (Purpose.POST, post)):
            _session_test(note, quiz, session, purpose, *_past_window(session, purpose))
        _past_attempts(note, session, [pre, post], tested, difficulty)
    for session in SessionPage.objects.child_of(sessions).filter(slug__in=OPEN_SESSION_SLUGS):
        for purpose, quiz in ((Purpose.PRE, pre), (Purpose.POST, post)):
            _session_test(note, quiz, session, purpose, *_open_window(session, purpose))
    _hoax_quiz(note, fact_checks)


# The question bank --------------------------------------------------------------------------


def _bank(note):
    """The bank's questions in BANK's order, each created with its options if missing."""
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    existing = {(q.topic_id, q.text): q for q in Question.objects.filter(fact_check__isnull=True)}
    questions, created, classified = [], 0, 0
    for item in BANK:
        topic = topics[item["topic"]]
        question = existing.get((topic.pk, item["text"]))
        if question is None:
            question = _question(topic, item)
            created += 1
        elif not question.pillar:  # loaded before questions had pillars
            question.pillar = rules.question_pillar("", item["indicator"])
            question.indicator = item["indicator"]
            question.save(update_fields=["pillar", "indicator"])
            classified += 1
        questions.append(question)
    if created:
        note(f"{created} soal di bank soal")
    if classified:
        note(f"pilar {classified} soal di bank soal")
    return questions


def _question(topic, item):
    question = Question.objects.create(
        topic=topic,
        kind=item["kind"],
        text=item["text"],
        # The bank's rule: the sub-indicator names its pillar.
        pillar=rules.question_pillar("", item["indicator"]),
        indicator=item["indicator"],
        scoring=item.get("scoring", MultipleScoring.ALL_REQUIRED),
        statement_is_true=item.get("answer"),
        explanation=item["explanation"],
    )
    if question.has_fixed_options:
        services.question_sync_fixed_options(question)
    else:
        Option.objects.bulk_create(
            Option(question=question, text=text, is_correct=correct, sort_order=order)
            for order, (text, correct) in enumerate(item["options"])
        )
    return question


def _quiz(note, questions, **fields):
    """The quiz with this slug, created with these questions (in this order) if missing. By
    default a session test: one attempt, 20 minutes, questions and options shuffled."""
    quiz = Quiz.objects.filter(slug=fields["slug"]).first()
    if quiz is not None:
        return quiz
    articles = fields.pop("articles", [])
    quiz = Quiz(
        **{
            "layout": Layout.ONE_PER_SCREEN,
            "shuffle_questions": True,
            "shuffle_options": True,
            "pass_mark": 70,
            "time_limit_minutes": TIME_LIMIT_MINUTES,
            "max_attempts": 1,
            **fields,
        }
    )
    quiz.picked = [
        PickedQuestion(question=question, sort_order=order)
        for order, question in enumerate(questions)
    ]
    quiz.articles = articles
    quiz.save()
    note(f"kuis {quiz.title} ({len(questions)} soal)")
    return quiz


def _hoax_quiz(note, fact_checks):
    """ "Hoaks atau Fakta?": the questions the demo fact-checks became when they were published
    (content/demo/articles.py ticks "Jadikan soal Hoaks atau Fakta?"), linked from two
    materials. The quiz collects fact-checks: those published later join it by themselves."""
    pages = {
        page.slug: page
        for page in FactCheckPage.objects.child_of(fact_checks).select_related("topic")
    }
    questions, created = [], 0
    for item in texts.fact_checks():
        page = pages.get(item["slug"])
        if page is None:
            continue
        # Made at publication; a page published before it was asked for is made here.
        question, made = services.question_from_fact_check(fact_check=page, topic=page.topic)
        questions.append(question)
        created += made
    if created:
        note(f"{created} soal Hoaks atau Fakta? dari cek fakta")
    _quiz(
        note,
        questions,
        **HOAX_QUIZ,
        topic=Topic.objects.filter(slug="anti-hoaks").first(),
        self_paced=True,
        featured=True,
        collects_fact_checks=True,
        review=Review.EXPLANATIONS,
        # Practice: as many tries as wanted, no time limit.
        max_attempts=None,
        time_limit_minutes=None,
        articles=list(ArticlePage.objects.filter(slug__in=HOAX_QUIZ_ARTICLES).order_by("pk")),
    )


# Session tests --------------------------------------------------------------------------------


def _past_window(session, purpose):
    """Past sessions: the pre-test from the day before until an hour into the session, the
    post-test from the last hour until the day after."""
    day, hour = datetime.timedelta(days=1), datetime.timedelta(hours=1)
    if purpose == Purpose.PRE:
        return session.starts_at - day, session.starts_at + hour
    return session.ends_at - hour, session.ends_at + day


def _open_window(session, purpose):
    """Today's and the upcoming session: as in the past, except that on the day both tests stay
    open through the session, so a demo participant can try both."""
    day = datetime.timedelta(days=1)
    if purpose == Purpose.PRE:
        return session.starts_at - day, session.ends_at
    return session.starts_at, session.ends_at + day


def _session_test(note, quiz, session, purpose, opens_at, closes_at):
    if not SessionTest.objects.filter(session=session, purpose=purpose).exists():
        SessionTest.objects.create(
            quiz=quiz, session=session, purpose=purpose, opens_at=opens_at, closes_at=closes_at
        )
        note(f"{Purpose(purpose).label} {session.title}")


# Attempts -------------------------------------------------------------------------------------


def _sigmoid(x):
    return 1 / (1 + math.exp(-x))


def _logit(p):
    return math.log(p / (1 - p))


class _Learner:
    """How one participant does in one session: a pre-test ability around 50%, and the share of
    what they did not know that they learned (a few learn nothing, or do worse)."""

    def __init__(self, rng):
        self.pre = min(0.85, max(0.2, rng.gauss(0.5, 0.11)))
        if rng.random() < 0.08:
            gain = rng.uniform(-0.25, 0.05)
        else:
            gain = min(0.9, max(0.15, rng.gauss(0.6, 0.15)))
        self.post = min(0.97, max(0.1, self.pre + (1 - self.pre) * gain))


def _choose(rng, question, options, ability, difficulty):
    """The keys one participant chooses: right with a chance that falls with the question's
    difficulty; a wrong multiple-choice answer is often partly right. None leaves it blank."""
    if rng.random() < 0.02:
        return None
    right = [str(o.key) for o in options if o.is_correct]
    wrong = [str(o.key) for o in options if not o.is_correct]
    if rng.random() < _sigmoid(_logit(ability) - difficulty):
        return right
    if question.kind != QuestionKind.MULTIPLE:
        return [rng.choice(wrong)]
    chosen = rng.sample(right, rng.randint(1, len(right) - 1)) if len(right) > 1 else []
    return chosen + rng.sample(wrong, 1 if chosen else rng.randint(1, 2))


def _take(context, participant, questions, options, difficulty, rng, *, ability, start, minutes):
    """Start and submit one attempt through the services, at the session's time."""
    attempt = services.attempt_start(context=context, participant=participant, now=start)
    positions = dict(attempt.answers.values_list("question_id", "position"))
    answers = {}
    # In the quiz's question order, not the attempt's shuffled one: the seed decides alone.
    for question in questions:
        chosen = _choose(rng, question, options[question.pk], ability, difficulty[question.pk])
        if chosen is not None:
            answers[positions[question.pk]] = chosen
    submitted = start + datetime.timedelta(minutes=minutes)
    return services.attempt_submit(
        participant=participant, key=attempt.key, answers=answers, now=submitted
    )


def _past_attempts(note, session, quizzes, questions, difficulty):
    """The pre- and post-test of everyone who attended, unless they already have them. Some
    arrived too late for the pre-test; a few left before the post-test."""
    pre_test = selectors.session_test_context(session, Purpose.PRE)
    post_test = selectors.session_test_context(session, Purpose.POST)
    if [pre_test.quiz, post_test.quiz] != quizzes:
        return  # someone gave the session other tests: leave them alone
    done = {
        (purpose, participant_id)
        for purpose, participant_id in Attempt.objects.filter(session=session).values_list(
            "purpose", "participant_id"
        )
    }
    attendances = (
        Attendance.objects.filter(session=session, status__in=ATTENDED_STATUSES)
        .select_related("participant")
        .order_by("participant__username")
    )
    options = {}
    for option in Option.objects.filter(question__in=questions).order_by("sort_order", "pk"):
        options.setdefault(option.question_id, []).append(option)
    made = 0
    for attendance in attendances:
        person = attendance.participant
        rng = random.Random(f"{SEED}:{session.slug}:{person.username}")
        learner = _Learner(rng)
        arrived = max(attendance.checked_in_at, session.starts_at - datetime.timedelta(minutes=10))
        pre_start = arrived + datetime.timedelta(minutes=rng.randint(1, 8))
        takes_pre = pre_start <= pre_test.closes_at - datetime.timedelta(minutes=15)
        takes_post = rng.random() >= 0.05
        post_start = session.ends_at - datetime.timedelta(minutes=rng.randint(15, 40))
        for context, ability, start, taken in (
            (pre_test, learner.pre, pre_start, takes_pre),
            (post_test, learner.post, post_start, takes_post),
        ):
            if not taken or (context.purpose, person.pk) in done:
                continue
            _take(
                context,
                person,
                questions,
                options,
                difficulty,
                rng,
                ability=ability,
                start=start,
                minutes=rng.randint(6, 18),
            )
            made += 1
    if made:
        note(f"{made} percobaan pre-test dan post-test {session.title}")
