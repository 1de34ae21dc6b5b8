"""Demo content for the load_demo_data command: realistic Indonesian materials and fact-checks."""

TOPICS = [
    {
        "name": "Literasi Digital",
        "slug": "literasi-digital",
        "description": (
            "Materi untuk membangun kecakapan bermedia digital: memahami jejak digital, melindungi "
            "data pribadi, beretika di media sosial, dan mendampingi anak di ruang daring."
        ),
    },
    {
        "name": "Anti-Hoaks",
        "slug": "anti-hoaks",
        "description": (
            "Panduan mengenali, memeriksa, dan melaporkan hoaks, mulai dari pesan berantai di grup "
            "WhatsApp hingga video hasil rekayasa kecerdasan buatan, beserta hasil cek fakta "
            "Diskominfo."
        ),
    },
    {
        "name": "Netralitas ASN",
        "slug": "netralitas-asn",
        "description": (
            "Rambu-rambu netralitas bagi ASN dan pegawai non-ASN di lingkungan Pemerintah Kota "
            "Lentera, khususnya menjelang dan selama tahapan Pilkada."
        ),
    },
    {
        "name": "Keamanan Digital",
        "slug": "keamanan-digital",
        "description": (
            "Tips praktis mengamankan akun, perangkat, dan data dari penipuan daring, phishing, "
            "aplikasi berbahaya, serta jeratan pinjol ilegal."
        ),
    },
]

ARTICLES = [
    {
        "title": "Kenali Ciri Hoaks di Grup WhatsApp Keluarga dan Kantor",
        "slug": "kenali-ciri-hoaks-di-grup-whatsapp",
        "topic": "anti-hoaks",
        "audience": "umum",
        "tags": ["hoaks", "whatsapp", "cek-fakta"],
        "author": "Tim Literasi Digital Diskominfo",
        "days_ago": 3,
        "summary": (
            "Pesan berantai di grup WhatsApp sering menjadi jalur tercepat penyebaran hoaks. "
            "Kenali ciri-cirinya dan biasakan berhenti sejenak sebelum meneruskan pesan."
        ),
        "body": [
            (
                "paragraph",
                "Grup WhatsApp keluarga, RT, maupun kantor adalah ruang yang akrab dan penuh rasa "
                "percaya. Justru karena itulah pesan berantai mudah diteruskan tanpa diperiksa "
                "terlebih dahulu. Sebagian besar hoaks yang ditangani Tim Cek Fakta Diskominfo "
                "Kota Lentera pertama kali beredar lewat grup-grup seperti ini.",
            ),
            ("heading", "Ciri-ciri pesan hoaks yang perlu diwaspadai"),
            (
                "paragraph",
                "Hoaks biasanya memakai judul yang memancing emosi, seperti kata SEGERA, PENTING, "
                "atau VIRAL yang ditulis dengan huruf kapital. Pesan semacam itu kerap mencatut "
                "nama lembaga resmi tanpa menyertakan tautan sumber yang bisa diperiksa. Kalimat "
                'penutup seperti "sebarkan ke sepuluh grup sebelum dihapus" juga patut '
                "dicurigai.",
            ),
            (
                "paragraph",
                'Perhatikan pula label "Diteruskan berkali-kali" yang muncul di atas pesan. '
                "Label tersebut menandakan pesan sudah berpindah tangan melalui banyak "
                "percakapan, sehingga asal-usulnya semakin sulit dilacak. Semakin jauh sebuah "
                "pesan dari sumber aslinya, semakin besar kemungkinan isinya sudah berubah.",
            ),
            ("heading", "Langkah sederhana sebelum meneruskan pesan"),
            (
                "paragraph",
                "Biasakan membaca pesan sampai habis, lalu cari kata kunci utamanya di mesin "
                "pencari atau di situs cek fakta. Periksa apakah informasi yang sama dimuat di "
                "situs resmi instansi terkait atau di media arus utama. Jika belum yakin, lebih "
                "baik tidak meneruskannya sama sekali.",
            ),
            (
                "paragraph",
                "Waspadai juga pesan yang meminta Anda mengklik tautan, mengisi data diri, atau "
                "mengunduh file untuk mendapatkan hadiah maupun bantuan. Pesan semacam ini bukan "
                "sekadar hoaks, tetapi sering kali menjadi pintu masuk penipuan. Ingat, instansi "
                "pemerintah tidak pernah menyampaikan informasi resmi melalui pesan berantai.",
            ),
            (
                "quote",
                "Jempol kita adalah garda terdepan. Satu kali menahan diri untuk tidak meneruskan "
                "pesan yang belum jelas sudah ikut memutus rantai hoaks.",
                "Kepala Diskominfo Kota Lentera",
            ),
            (
                "paragraph",
                "Bila menemukan pesan yang diduga hoaks, kirimkan ke kanal aduan Diskominfo Kota "
                "Lentera atau ke aduankonten.id. Sampaikan juga dengan sopan kepada anggota grup "
                "bahwa informasi tersebut belum terverifikasi. Teguran yang santun sering lebih "
                "efektif daripada perdebatan panjang.",
            ),
        ],
    },
    {
        "title": "Cek Sumber Sebelum Berbagi: Panduan Singkat Memverifikasi Informasi",
        "slug": "cek-sumber-sebelum-berbagi",
        "topic": "anti-hoaks",
        "audience": "umum",
        "tags": ["cek-fakta", "sumber-informasi", "hoaks", "surat-edaran"],
        "author": "Tim Literasi Digital Diskominfo",
        "days_ago": 9,
        "summary": (
            "Tidak semua tautan yang tampak meyakinkan berasal dari sumber tepercaya. Berikut "
            "langkah praktis memeriksa situs, akun, dan dokumen sebelum sebuah informasi dibagikan."
        ),
        "body": [
            (
                "paragraph",
                "Di era media sosial, siapa pun dapat membuat situs atau akun yang tampilannya "
                "mirip media berita maupun lembaga pemerintah. Karena itu, memeriksa sumber "
                "menjadi kebiasaan wajib sebelum kita memercayai atau membagikan sebuah "
                "informasi. Langkah ini tidak memerlukan keahlian khusus, cukup ketelitian dan "
                "sedikit waktu.",
            ),
            ("heading", "Periksa alamat situs dan akun pengunggah"),
            (
                "paragraph",
                "Situs resmi pemerintah di Indonesia menggunakan domain go.id, sedangkan situs "
                "palsu sering memakai domain gratisan atau nama yang dibuat mirip, misalnya "
                "dengan tambahan angka atau huruf. Untuk akun media sosial, periksa tanda "
                "verifikasi, tanggal akun dibuat, dan riwayat unggahannya. Akun yang baru dibuat "
                "tetapi langsung mengunggah informasi sensasional patut dicurigai.",
            ),
            (
                "paragraph",
                "Jangan berhenti pada judul. Banyak unggahan yang judulnya provokatif, padahal "
                "isi beritanya tidak mendukung klaim tersebut atau bahkan menyatakan hal yang "
                "sebaliknya. Perhatikan juga tanggal terbit, karena berita lama sering diedarkan "
                "ulang seolah-olah baru terjadi.",
            ),
            ("heading", "Telusuri foto, video, dan dokumen"),
            (
                "paragraph",
                "Asal-usul foto dapat ditelusuri dengan fitur pencarian gambar terbalik di mesin "
                "pencari. Untuk dokumen seperti surat edaran, cocokkan nomor surat, kop, dan "
                "tanda tangan dengan yang diumumkan di situs atau akun resmi instansi penerbit. "
                "Jika instansi tersebut tidak pernah mengumumkannya, besar kemungkinan dokumen "
                "itu palsu atau sudah kedaluwarsa.",
            ),
            (
                "paragraph",
                "Untuk video, perhatikan detail seperti papan nama, pelat kendaraan, logat "
                "bahasa, atau cuaca yang tampak di dalam rekaman. Detail kecil ini sering "
                "membantu memastikan apakah peristiwa benar terjadi di tempat dan waktu yang "
                "diklaim. Tangkapan layar percakapan juga mudah dipalsukan, sehingga jangan "
                "dijadikan satu-satunya bukti.",
            ),
            (
                "quote",
                "Kalau sumbernya tidak jelas, anggap saja informasinya belum selesai diperiksa.",
                "Tim Cek Fakta Diskominfo Kota Lentera",
            ),
            (
                "paragraph",
                "Terakhir, bandingkan dengan sumber lain. Informasi penting dari pemerintah "
                "hampir selalu diberitakan oleh beberapa media kredibel sekaligus. Bila hanya "
                "satu akun anonim yang menyebarkannya, tahan dulu jempol Anda. Hasil penelusuran "
                "kami juga dapat dibaca di rubrik Cek Fakta situs ini.",
            ),
        ],
    },
    {
        "title": "Deepfake dan Konten Buatan AI: Jangan Langsung Percaya pada yang Terlihat",
        "slug": "mengenali-deepfake-dan-konten-ai",
        "topic": "anti-hoaks",
        "audience": "umum",
        "tags": ["deepfake", "kecerdasan-buatan", "hoaks", "penipuan-online"],
        "author": "Tim Cek Fakta Diskominfo",
        "days_ago": 14,
        "summary": (
            "Kecerdasan buatan kini mampu meniru wajah dan suara seseorang dengan sangat "
            "meyakinkan. Kenali tanda-tanda deepfake agar tidak tertipu video atau rekaman suara "
            "palsu."
        ),
        "body": [
            (
                "paragraph",
                "Kecerdasan buatan atau AI kini bisa menghasilkan foto, video, dan rekaman suara "
                "yang sangat mirip aslinya. Teknologi ini bermanfaat untuk banyak hal, tetapi "
                "juga disalahgunakan untuk membuat deepfake, yakni konten palsu yang menampilkan "
                "seseorang seolah-olah mengatakan atau melakukan sesuatu. Tokoh publik, pejabat, "
                "hingga warga biasa dapat menjadi korbannya.",
            ),
            ("heading", "Tanda-tanda visual dan audio yang janggal"),
            (
                "paragraph",
                "Perhatikan gerak bibir yang tidak sinkron dengan suara, kedipan mata yang tidak "
                "wajar, atau tepi wajah yang tampak kabur saat kepala bergerak. Pada foto, "
                "kejanggalan sering terlihat di bagian tangan, jari, telinga, perhiasan, atau "
                "tulisan di latar belakang. Suara hasil kloning biasanya terdengar datar dan "
                "kurang memiliki jeda napas yang alami.",
            ),
            (
                "paragraph",
                "Meski begitu, kualitas deepfake terus membaik sehingga pengamatan mata saja "
                "tidak selalu cukup. Karena itu, konteks menjadi kunci. Tanyakan siapa yang "
                "pertama kali mengunggah, kapan peristiwa itu terjadi, dan apakah ada media "
                "kredibel yang memberitakannya. Pencarian kata kunci dan pencarian gambar "
                "terbalik sering kali mengarahkan kita pada video asli yang kemudian dimanipulasi.",
            ),
            (
                "quote",
                "Kalau sebuah video membuat kita sangat marah atau sangat kaget, itulah saatnya "
                "berhenti dan memeriksa, bukan membagikan.",
                "Tim Cek Fakta Diskominfo Kota Lentera",
            ),
            ("heading", "Waspadai penipuan dengan suara tiruan"),
            (
                "paragraph",
                "Modus baru yang perlu diwaspadai adalah panggilan atau pesan suara yang meniru "
                "suara anggota keluarga atau atasan untuk meminta transfer uang secara mendesak. "
                "Sepakati kata kunci keluarga yang hanya diketahui orang terdekat, lalu gunakan "
                "untuk memastikan identitas penelepon. Jika ragu, tutup panggilan dan hubungi "
                "kembali nomor yang sudah Anda simpan sebelumnya.",
            ),
            (
                "paragraph",
                "Jika menemukan deepfake yang mencatut pejabat atau instansi Pemerintah Kota "
                "Lentera, laporkan melalui kanal aduan Diskominfo. Tim kami akan berkoordinasi "
                "dengan perangkat daerah terkait untuk segera menyampaikan klarifikasi kepada "
                "publik. Jangan membagikan ulang konten tersebut meskipun dengan maksud "
                "mengingatkan orang lain, karena setiap unggahan ulang ikut memperluas "
                "jangkauannya.",
            ),
        ],
    },
    {
        "title": "Waspada Undangan Pernikahan Digital Berformat APK",
        "slug": "waspada-undangan-pernikahan-apk",
        "topic": "keamanan-digital",
        "audience": "umum",
        "tags": ["phishing", "whatsapp", "apk", "penipuan-online"],
        "author": "Tim Keamanan Informasi Diskominfo",
        "days_ago": 6,
        "summary": (
            "File undangan berakhiran .apk yang dikirim lewat WhatsApp bisa mencuri data dan "
            "menguras rekening. Jangan pernah memasang aplikasi dari pesan yang tidak jelas "
            "asal-usulnya."
        ),
        "body": [
            (
                "paragraph",
                "Beberapa pekan terakhir, warga Kota Lentera melaporkan pesan WhatsApp berisi "
                'file bernama "Undangan Pernikahan" atau "Surat Undangan Digital". Sekilas '
                "tampak biasa, tetapi file tersebut berakhiran .apk, yaitu format aplikasi "
                "Android. Begitu dipasang, aplikasi itu dapat membaca SMS, termasuk kode OTP dari "
                "bank.",
            ),
            ("heading", "Bagaimana modus ini bekerja"),
            (
                "paragraph",
                "Undangan pernikahan yang asli biasanya berupa gambar, PDF, atau tautan ke situs "
                "undangan, bukan aplikasi yang harus dipasang. File APK berbahaya meminta izin "
                "akses ke SMS, notifikasi, dan kontak. Dengan izin itu, pelaku bisa mengambil "
                "alih akun WhatsApp, membobol aplikasi perbankan, dan mengirimkan file serupa ke "
                "seluruh kontak korban.",
            ),
            (
                "paragraph",
                "Modus yang sama juga muncul dengan nama lain, seperti tagihan listrik, surat "
                "tilang elektronik, atau pemberitahuan pajak. Pengirimnya kadang memakai foto "
                "profil kurir atau logo instansi agar terlihat meyakinkan. Kuncinya tetap sama: "
                "jangan membuka file berakhiran .apk dari pesan yang tidak Anda minta.",
            ),
            (
                "paragraph",
                "Sebagai langkah pencegahan, matikan opsi pemasangan aplikasi dari sumber tidak "
                "dikenal di pengaturan ponsel. Pasang aplikasi hanya dari toko aplikasi resmi dan "
                "perbarui sistem operasi secara berkala.",
            ),
            (
                "quote",
                "Undangan pernikahan itu cukup dibaca, tidak perlu dipasang. Kalau diminta "
                "memasang aplikasi, hampir pasti itu penipuan.",
                "Bidang Persandian dan Keamanan Informasi Diskominfo Kota Lentera",
            ),
            ("heading", "Yang harus dilakukan jika telanjur memasang"),
            (
                "paragraph",
                "Segera putuskan koneksi internet di ponsel, lalu hapus aplikasi yang "
                "mencurigakan melalui menu pengaturan. Hubungi call center resmi bank Anda untuk "
                "memblokir akses mobile banking sementara, dan ganti kata sandi akun penting dari "
                "perangkat lain. Jika perlu, lakukan pengaturan ulang pabrik setelah data penting "
                "dicadangkan.",
            ),
            (
                "paragraph",
                "Beri tahu keluarga dan rekan kerja bahwa akun Anda mungkin sempat "
                "disalahgunakan. Laporkan juga nomor pengirim melalui fitur laporkan di WhatsApp "
                "agar tidak memakan korban lain. Jika saldo rekening telanjur berkurang, segera "
                "laporkan ke bank dan kepolisian dengan menyertakan tangkapan layar pesan serta "
                "bukti transaksi.",
            ),
        ],
    },
    {
        "title": "Pesan Kurir Palsu: Kenali Modus Cek Resi Sebelum Mengklik",
        "slug": "modus-pesan-kurir-palsu",
        "topic": "keamanan-digital",
        "audience": "ptt",
        "tags": ["phishing", "penipuan-online", "whatsapp", "apk"],
        "author": "Tim Keamanan Informasi Diskominfo",
        "days_ago": 21,
        "summary": (
            "Pesan yang mengaku dari kurir dan meminta Anda membuka foto resi atau tautan "
            "pelacakan bisa berujung pada pencurian data. Begini cara memeriksanya dengan aman."
        ),
        "body": [
            (
                "paragraph",
                "Belanja daring membuat kita terbiasa menerima kabar dari kurir. Pelaku kejahatan "
                'memanfaatkan kebiasaan ini dengan mengirim pesan seperti "Permisi, paket atas '
                'nama Bapak/Ibu tertahan, silakan cek foto resinya". Lampiran yang dikirim '
                "ternyata bukan foto, melainkan aplikasi atau tautan palsu. Satu klik saja dapat "
                "membuka akses pelaku ke ponsel Anda.",
            ),
            ("heading", "Ciri pesan kurir yang mencurigakan"),
            (
                "paragraph",
                "Kurir sungguhan biasanya menghubungi terkait paket yang memang sedang Anda "
                "tunggu dan menyebutkan nama penjual atau nomor pesanan. Pesan penipuan cenderung "
                "bersifat umum, mendesak, dan meminta Anda membuka file atau tautan. Tautan "
                "pelacakan palsu juga kerap meminta pembayaran ongkos kirim tambahan atau data "
                "kartu ATM.",
            ),
            (
                "paragraph",
                "Bagi rekan-rekan pegawai yang sering menerima kiriman dokumen dan barang untuk "
                "kantor, kewaspadaan ini menjadi lebih penting. Ponsel yang dipakai untuk grup "
                "kerja dan aplikasi layanan kantor bisa menjadi pintu masuk kebocoran data "
                "instansi. Satu kali salah klik dapat berdampak pada banyak orang.",
            ),
            ("heading", "Cara aman memeriksa status paket"),
            (
                "paragraph",
                "Cek status pengiriman hanya melalui aplikasi belanja atau situs resmi perusahaan "
                "ekspedisi dengan mengetik nomor resi sendiri. Jangan mengunduh dan membuka file "
                "yang dikirim oleh nomor tak dikenal, terutama yang berakhiran .apk. Aktifkan "
                "juga pengaturan keamanan ponsel yang memblokir pemasangan aplikasi dari sumber "
                "tidak dikenal.",
            ),
            (
                "paragraph",
                "Jika Anda memang sedang menunggu paket dan ragu dengan pesan yang diterima, "
                "hubungi layanan pelanggan ekspedisi melalui nomor yang tercantum di situs "
                "resminya. Jangan gunakan nomor atau tautan yang dikirimkan oleh pengirim pesan. "
                "Perusahaan ekspedisi juga tidak pernah meminta pembayaran ke rekening pribadi.",
            ),
            (
                "quote",
                "Kurir itu mengantar paket, bukan mengirim aplikasi.",
                "Tim Literasi Digital Diskominfo Kota Lentera",
            ),
            (
                "paragraph",
                "Jika menerima pesan serupa, laporkan nomor tersebut dan periksa rekening tujuan "
                "yang diminta pelaku melalui layanan cekrekening.id. Laporan dari masyarakat "
                "membantu aparat dan perbankan memutus jaringan penipuan. Simpan tangkapan layar "
                "pesan sebagai bukti sebelum memblokir nomor pengirim.",
            ),
        ],
    },
    {
        "title": "Kata Sandi Kuat dan Verifikasi Dua Langkah untuk Akun Kedinasan",
        "slug": "kata-sandi-kuat-dan-verifikasi-dua-langkah",
        "topic": "keamanan-digital",
        "audience": "asn",
        "tags": ["kata-sandi", "2fa", "data-pribadi"],
        "author": "Tim Keamanan Informasi Diskominfo",
        "days_ago": 28,
        "summary": (
            "Akun surel dan aplikasi kedinasan menyimpan data warga. Lindungi dengan kata sandi "
            "yang kuat dan unik, serta aktifkan verifikasi dua langkah."
        ),
        "body": [
            (
                "paragraph",
                "Setiap ASN di lingkungan Pemerintah Kota Lentera mengelola akun penting, mulai "
                "dari surel dinas, aplikasi kepegawaian, hingga sistem layanan publik. Jika salah "
                "satu akun itu dibobol, yang dipertaruhkan bukan hanya data pribadi pegawai, "
                "tetapi juga data warga yang dilayani. Karena itu, keamanan akun adalah bagian "
                "dari tanggung jawab jabatan.",
            ),
            ("heading", "Ciri kata sandi yang kuat"),
            (
                "paragraph",
                "Kata sandi yang baik panjangnya minimal 12 karakter dan tidak memakai informasi "
                "yang mudah ditebak, seperti tanggal lahir, NIP, atau nama anak. Cara mudah "
                "membuatnya adalah menggabungkan beberapa kata acak menjadi frasa, lalu "
                "menambahkan angka dan simbol. Frasa seperti ini lebih mudah diingat, tetapi "
                "sulit ditebak oleh mesin. Hindari pula menyimpan kata sandi di catatan ponsel "
                "atau kertas yang ditempel di meja kerja.",
            ),
            (
                "paragraph",
                "Gunakan kata sandi yang berbeda untuk setiap akun. Jika satu layanan mengalami "
                "kebocoran data, pelaku biasanya mencoba kombinasi surel dan kata sandi yang sama "
                "di layanan lain. Aplikasi pengelola kata sandi dapat membantu menyimpan banyak "
                "kata sandi dengan aman. Pastikan aplikasi tersebut berasal dari pengembang "
                "tepercaya dan dilindungi kata sandi utama yang kuat.",
            ),
            ("heading", "Aktifkan verifikasi dua langkah"),
            (
                "paragraph",
                "Verifikasi dua langkah atau 2FA menambahkan lapisan pengaman berupa kode sekali "
                "pakai setiap kali akun dibuka dari perangkat baru. Gunakan aplikasi autentikator "
                "bila tersedia, karena lebih aman dibandingkan kode lewat SMS. Jangan pernah "
                "memberikan kode tersebut kepada siapa pun, termasuk orang yang mengaku petugas "
                "IT.",
            ),
            (
                "quote",
                "Petugas kami tidak akan pernah meminta kata sandi atau kode OTP Bapak dan Ibu. "
                "Siapa pun yang memintanya patut dicurigai.",
                "Bidang Persandian dan Keamanan Informasi Diskominfo Kota Lentera",
            ),
            (
                "paragraph",
                "Segera ganti kata sandi jika Anda menerima notifikasi masuk yang mencurigakan, "
                "lalu laporkan ke pengelola sistem di perangkat daerah masing-masing. Semakin "
                "cepat dilaporkan, semakin kecil dampak yang ditimbulkan. Pengelola sistem dapat "
                "membantu memeriksa riwayat akses dan memutus sesi yang tidak dikenal.",
            ),
        ],
    },
    {
        "title": "Mengenal UU Pelindungan Data Pribadi: Hak Warga dan Kewajiban Pengelola Data",
        "slug": "mengenal-uu-pelindungan-data-pribadi",
        "topic": "literasi-digital",
        "audience": "umum",
        "tags": ["data-pribadi", "uu-pdp", "privasi", "regulasi"],
        "author": "Tim Literasi Digital Diskominfo",
        "days_ago": 35,
        "summary": (
            "UU Nomor 27 Tahun 2022 memberi warga hak atas data pribadinya dan mewajibkan setiap "
            "pengelola data, termasuk instansi pemerintah, menjaganya dengan baik."
        ),
        "body": [
            (
                "paragraph",
                "Nomor KTP, nomor telepon, alamat rumah, hingga foto wajah adalah data pribadi "
                "yang nilainya sangat tinggi. Data tersebut bisa disalahgunakan untuk mengajukan "
                "pinjaman online, membuat akun palsu, atau melakukan penipuan atas nama kita. "
                "Untuk itulah negara menerbitkan Undang-Undang Nomor 27 Tahun 2022 tentang "
                "Pelindungan Data Pribadi atau UU PDP.",
            ),
            ("heading", "Hak-hak Anda sebagai pemilik data"),
            (
                "paragraph",
                "UU PDP menyebut pemilik data sebagai subjek data pribadi. Subjek data berhak "
                "mengetahui untuk apa datanya dikumpulkan, meminta akses dan salinan datanya, "
                "memperbaiki data yang keliru, serta meminta penghapusan data dalam kondisi "
                "tertentu. Anda juga berhak menarik kembali persetujuan yang pernah diberikan.",
            ),
            (
                "paragraph",
                "Undang-undang ini juga mengenal data pribadi yang bersifat spesifik, seperti "
                "data kesehatan, data biometrik, catatan kejahatan, data anak, dan data keuangan "
                "pribadi. Pemrosesan data jenis ini menuntut perlindungan yang lebih ketat karena "
                "dampaknya besar bila bocor.",
            ),
            ("heading", "Kewajiban pengendali data, termasuk instansi pemerintah"),
            (
                "paragraph",
                "Setiap pihak yang menentukan tujuan dan cara pemrosesan data, baik perusahaan "
                "maupun instansi pemerintah, disebut pengendali data pribadi. Pengendali wajib "
                "memiliki dasar pemrosesan yang sah, menjaga kerahasiaan data, dan memberitahukan "
                "subjek data apabila terjadi kegagalan pelindungan data. Pelanggaran dapat "
                "dikenai sanksi administratif, sedangkan memperoleh atau menjual data pribadi "
                "secara melawan hukum diancam pidana.",
            ),
            (
                "paragraph",
                "UU PDP berlaku penuh sejak Oktober 2024 setelah masa penyesuaian selama dua "
                "tahun. Artinya, setiap pengendali data, termasuk perangkat daerah di Kota "
                "Lentera, wajib menyesuaikan tata kelola datanya dengan ketentuan undang-undang "
                "ini.",
            ),
            (
                "quote",
                "Melindungi data warga bukan sekadar urusan teknologi, melainkan soal amanah.",
                "Kepala Diskominfo Kota Lentera",
            ),
            (
                "paragraph",
                "Sebagai warga, mulailah dari kebiasaan sederhana. Jangan mengunggah foto KTP "
                "atau KK di media sosial, bubuhkan tanda air saat mengirim salinan dokumen, dan "
                "baca izin akses sebelum memasang aplikasi. Jika data Anda disalahgunakan, simpan "
                "buktinya dan laporkan kepada pihak pengelola data tersebut maupun aparat penegak "
                "hukum.",
            ),
        ],
    },
    {
        "title": "Netralitas ASN di Masa Pilkada: Apa yang Boleh dan Tidak Boleh",
        "slug": "netralitas-asn-di-masa-pilkada",
        "topic": "netralitas-asn",
        "audience": "asn",
        "tags": ["netralitas-asn", "pilkada", "media-sosial", "disiplin-asn"],
        "author": "Tim Literasi Digital Diskominfo",
        "days_ago": 12,
        "summary": (
            "ASN memiliki hak pilih, tetapi wajib netral dalam sikap dan tindakan. Kenali "
            "batasannya, termasuk di media sosial, agar tidak tersandung pelanggaran."
        ),
        "body": [
            (
                "paragraph",
                "Menjelang Pilkada, suasana politik di Kota Lentera mulai menghangat, termasuk di "
                "media sosial. Sebagai aparatur negara, ASN tetap memiliki hak pilih dan bebas "
                "menentukan pilihan di bilik suara. Namun, di luar bilik suara, ASN wajib menjaga "
                "netralitas sesuai amanat Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur "
                "Sipil Negara.",
            ),
            ("heading", "Larangan dalam kegiatan sehari-hari"),
            (
                "paragraph",
                "ASN dilarang menjadi peserta atau pelaksana kampanye, apalagi dengan memakai "
                "seragam dinas atau atribut PNS. ASN juga tidak boleh menggunakan fasilitas "
                "negara untuk kegiatan politik, menghadiri deklarasi pasangan calon, atau membuat "
                "keputusan yang menguntungkan salah satu calon. Berfoto bersama calon dengan "
                "gestur tangan yang menunjukkan dukungan pun termasuk pelanggaran.",
            ),
            ("heading", "Larangan di media sosial"),
            (
                "paragraph",
                "Di ruang digital, batasnya sering kali kurang disadari. Memberikan tanda suka, "
                "berkomentar, atau membagikan unggahan kampanye pasangan calon dapat dianggap "
                "sebagai bentuk keberpihakan. Hal yang sama berlaku untuk mengunggah foto calon, "
                "memasang bingkai foto profil bertema kampanye, dan bergabung dalam grup "
                "pemenangan.",
            ),
            (
                "paragraph",
                "Perlu diingat, kewajiban netral tidak hanya berlaku selama masa kampanye resmi, "
                "tetapi sepanjang tahapan Pilkada, termasuk ketika calon masih berstatus bakal "
                "calon. Akun pribadi tetap menjadi tanggung jawab pemiliknya, termasuk komentar "
                "yang ditulis di akun orang lain.",
            ),
            (
                "quote",
                "Netral bukan berarti apatis. Gunakan hak pilih Anda, tetapi simpan pilihan itu "
                "di bilik suara.",
                "Sekretaris Daerah Kota Lentera",
            ),
            (
                "paragraph",
                "Apabila menerima pesan kampanye di grup WhatsApp, sebaiknya tidak ikut "
                "menanggapi atau meneruskannya. Jika grup kerja dipakai untuk kegiatan politik, "
                "ingatkan admin dengan santun agar grup kembali pada fungsinya. Keluar dari grup "
                "yang jelas-jelas menjadi alat pemenangan juga merupakan pilihan yang bijak.",
            ),
            (
                "paragraph",
                "Ragu apakah suatu tindakan termasuk pelanggaran? Konsultasikan dengan BKPSDM "
                "Kota Lentera atau atasan langsung sebelum bertindak. Lebih baik bertanya "
                "sekarang daripada berurusan dengan sanksi di kemudian hari.",
            ),
        ],
    },
    {
        "title": "Sanksi Pelanggaran Netralitas ASN Menurut PP 94/2021 dan SKB Netralitas",
        "slug": "sanksi-pelanggaran-netralitas-asn",
        "topic": "netralitas-asn",
        "audience": "asn",
        "tags": ["netralitas-asn", "pilkada", "disiplin-asn", "regulasi"],
        "author": "Tim Literasi Digital Diskominfo",
        "days_ago": 40,
        "summary": (
            "Pelanggaran netralitas bukan sekadar soal etika. PP Nomor 94 Tahun 2021 mengatur "
            "hukuman disiplin mulai dari teguran hingga pemberhentian."
        ),
        "body": [
            (
                "paragraph",
                "Masih ada anggapan bahwa pelanggaran netralitas hanya berujung teguran. "
                "Kenyataannya, Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai "
                "Negeri Sipil mengatur larangan memberikan dukungan kepada calon kepala daerah "
                "beserta hukuman disiplinnya. Berat ringannya hukuman bergantung pada bentuk "
                "pelanggaran dan dampaknya.",
            ),
            ("heading", "Tingkatan hukuman disiplin"),
            (
                "paragraph",
                "PP 94/2021 membagi hukuman disiplin menjadi tiga tingkat. Hukuman ringan berupa "
                "teguran lisan, teguran tertulis, atau pernyataan tidak puas secara tertulis. "
                "Hukuman sedang berupa pemotongan tunjangan kinerja sebesar 25 persen selama 6, "
                "9, atau 12 bulan. Hukuman dijatuhkan oleh pejabat yang berwenang setelah melalui "
                "proses pemeriksaan.",
            ),
            (
                "paragraph",
                "Hukuman berat meliputi penurunan jabatan setingkat lebih rendah selama 12 bulan, "
                "pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan, hingga "
                "pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS. "
                "Pelanggaran seperti ikut kampanye dengan menggunakan fasilitas negara atau "
                "membuat keputusan yang menguntungkan calon tertentu dapat dijatuhi hukuman "
                "sedang hingga berat.",
            ),
            ("heading", "Peran SKB Netralitas ASN"),
            (
                "paragraph",
                "Pada 2022, Kementerian PANRB, Kementerian Dalam Negeri, BKN, KASN, dan Bawaslu "
                "menandatangani Surat Keputusan Bersama tentang pedoman pembinaan dan pengawasan "
                "netralitas pegawai ASN dalam penyelenggaraan pemilu dan pemilihan. SKB ini "
                "merinci contoh pelanggaran, termasuk aktivitas di media sosial, beserta alur "
                "penanganannya. Dengan pedoman ini, laporan pelanggaran dapat ditindaklanjuti "
                "secara lebih cepat dan seragam.",
            ),
            (
                "paragraph",
                "Di luar hukuman itu sendiri, catatan pelanggaran dapat berdampak pada perjalanan "
                "karier, misalnya dalam pertimbangan kenaikan pangkat dan promosi jabatan. "
                "Kerugian ini jauh lebih besar dibandingkan kepuasan sesaat karena menekan tombol "
                "suka pada unggahan kampanye.",
            ),
            (
                "quote",
                "Kami berharap tidak ada satu pun ASN Kota Lentera yang harus berhadapan dengan "
                "sanksi netralitas. Pencegahan selalu lebih baik.",
                "Kepala BKPSDM Kota Lentera",
            ),
            (
                "paragraph",
                "Masyarakat dapat melaporkan dugaan pelanggaran netralitas ASN kepada Bawaslu "
                "atau melalui kanal pengaduan pemerintah daerah. Sertakan bukti seperti tangkapan "
                "layar, foto, atau tautan unggahan agar laporan mudah diverifikasi.",
            ),
        ],
    },
    {
        "title": "Pegawai Non-ASN Juga Wajib Menjaga Netralitas",
        "slug": "pegawai-non-asn-wajib-netral",
        "topic": "netralitas-asn",
        "audience": "ptt",
        "tags": ["netralitas-asn", "pilkada", "media-sosial", "etika-digital"],
        "author": "Tim Literasi Digital Diskominfo",
        "days_ago": 17,
        "summary": (
            "Tenaga non-ASN dan pegawai tidak tetap bekerja atas nama pemerintah daerah. Karena "
            "itu, sikap netral selama Pilkada juga menjadi kewajiban mereka."
        ),
        "body": [
            (
                "paragraph",
                "Pertanyaan ini sering muncul dalam sosialisasi: apakah pegawai tidak tetap atau "
                "tenaga non-ASN juga harus netral? Jawabannya ya. Meskipun aturan disiplin PNS "
                "tidak berlaku secara langsung, tenaga non-ASN terikat perjanjian kerja dan tata "
                "tertib instansi tempatnya bekerja. Hak pilih tetap sepenuhnya milik Anda di "
                "bilik suara.",
            ),
            ("heading", "Mengapa netralitas juga berlaku untuk non-ASN"),
            (
                "paragraph",
                "Di mata warga, petugas loket, operator, pengemudi, atau staf administrasi di "
                "kantor pemerintah adalah wajah pemerintah daerah. Jika mereka terlihat "
                "berkampanye dengan seragam atau identitas kantor, warga dapat menganggap "
                "instansinya ikut berpihak. Kepercayaan publik yang dibangun bertahun-tahun bisa "
                "runtuh karena satu unggahan.",
            ),
            (
                "paragraph",
                "Pemerintah Kota Lentera telah menerbitkan imbauan agar seluruh pegawai, baik ASN "
                "maupun non-ASN, tidak menggunakan fasilitas kantor untuk kegiatan politik. "
                "Pelanggaran dapat berujung pada evaluasi kinerja hingga pemutusan perjanjian "
                "kerja sesuai ketentuan yang berlaku. Imbauan tersebut juga mencakup penggunaan "
                "kendaraan dinas, ruang rapat, dan akun media sosial resmi perangkat daerah.",
            ),
            ("heading", "Tips aman bermedia sosial selama Pilkada"),
            (
                "paragraph",
                "Pisahkan akun pribadi dari identitas pekerjaan, dan hindari memasang foto "
                "berseragam dinas di akun yang aktif membahas politik. Tahan diri untuk tidak "
                "menyukai, mengomentari, atau membagikan unggahan kampanye. Jika ingin mengikuti "
                "perkembangan Pilkada, pilih sumber informasi resmi seperti KPU dan Bawaslu.",
            ),
            (
                "paragraph",
                "Pegawai non-ASN yang berencana menjadi anggota tim kampanye atau petugas "
                "penyelenggara pemilu sebaiknya memahami ketentuan dalam perjanjian kerjanya "
                "terlebih dahulu. Konsultasikan rencana tersebut dengan bagian kepegawaian agar "
                "tidak menimbulkan masalah di kemudian hari.",
            ),
            (
                "quote",
                "Seragam dan kartu identitas kantor melekat pada nama instansi. Mari bersama "
                "menjaganya tetap netral.",
                "Kepala Diskominfo Kota Lentera",
            ),
            (
                "paragraph",
                "Bila ragu, tanyakan kepada atasan langsung atau bagian kepegawaian di unit kerja "
                "masing-masing. Menjaga netralitas berarti menjaga kepercayaan warga terhadap "
                "layanan yang kita berikan setiap hari. Sikap netral adalah bentuk "
                "profesionalisme, bukan pembatasan hak pribadi.",
            ),
        ],
    },
    {
        "title": "Etika ASN Bermedia Sosial: Akun Pribadi, Sorotan Publik",
        "slug": "etika-asn-bermedia-sosial",
        "topic": "literasi-digital",
        "audience": "asn",
        "tags": ["media-sosial", "etika-digital", "jejak-digital"],
        "author": "Tim Literasi Digital Diskominfo",
        "days_ago": 47,
        "summary": (
            "Akun pribadi ASN tetap dibaca publik sebagai cerminan aparatur negara. Kenali etika "
            "dasarnya agar bermedia sosial tetap nyaman dan bertanggung jawab."
        ),
        "body": [
            (
                "paragraph",
                "Banyak ASN merasa akun media sosial adalah ruang pribadi yang bebas dari urusan "
                "kantor. Padahal, begitu publik mengetahui status kepegawaian seseorang, setiap "
                "unggahannya bisa dikaitkan dengan instansi tempatnya bekerja. Kasus viral yang "
                "menimpa aparatur di berbagai daerah menunjukkan bahwa satu unggahan dapat "
                "berdampak panjang.",
            ),
            ("heading", "Prinsip dasar bermedia sosial bagi ASN"),
            (
                "paragraph",
                "Hindari unggahan yang mengandung ujaran kebencian, SARA, atau hinaan terhadap "
                "pemerintah maupun lembaga negara. Kritik tetap boleh disampaikan, tetapi lewat "
                "saluran yang tepat dan dengan bahasa yang santun. Jangan pula memamerkan gaya "
                "hidup berlebihan yang dapat memancing pertanyaan publik.",
            ),
            (
                "paragraph",
                "ASN juga wajib menjaga rahasia jabatan. Dokumen internal, data warga, atau "
                "tangkapan layar aplikasi kedinasan tidak boleh diunggah, meskipun niatnya hanya "
                "berbagi kesibukan kerja. Kebocoran kecil seperti ini bisa melanggar aturan dan "
                "merugikan warga. Hal yang sama berlaku untuk foto lembar disposisi, daftar "
                "penerima bantuan, atau berkas pemohon layanan.",
            ),
            ("heading", "Menjadi teladan di ruang digital"),
            (
                "paragraph",
                "Di sisi lain, ASN punya peluang besar untuk menjadi penyebar informasi yang "
                "benar. Bagikan informasi layanan publik dari akun resmi, bantu luruskan hoaks "
                "dengan sopan, dan arahkan warga ke kanal pengaduan yang tepat. Sikap seperti ini "
                "ikut membangun citra positif pemerintah daerah.",
            ),
            (
                "paragraph",
                "Perhatikan juga pengaturan privasi dan daftar pertemanan. Unggahan yang "
                "dibagikan hanya untuk teman dekat tetap bisa ditangkap layar dan disebarkan ke "
                "luar lingkaran tersebut. Karena itu, anggaplah setiap unggahan berpotensi dibaca "
                "oleh publik.",
            ),
            (
                "quote",
                "Bermedia sosial itu seperti berbicara di alun-alun. Siapa pun bisa mendengar, "
                "dan rekamannya bisa diputar ulang kapan saja.",
                "Tim Literasi Digital Diskominfo Kota Lentera",
            ),
            (
                "paragraph",
                "Sebelum mengunggah, tanyakan pada diri sendiri: apakah saya nyaman jika unggahan "
                "ini dibaca oleh atasan, keluarga, dan warga yang saya layani? Jika jawabannya "
                "ragu, sebaiknya urungkan. Kebiasaan berhenti sejenak sebelum menekan tombol "
                "unggah dapat mencegah banyak masalah.",
            ),
        ],
    },
    {
        "title": "Jejak Digital: Yang Diunggah Hari Ini Bisa Dibaca Bertahun-tahun Lagi",
        "slug": "jejak-digital-bertahan-lama",
        "topic": "literasi-digital",
        "audience": "ptt",
        "tags": ["jejak-digital", "media-sosial", "privasi", "seleksi-asn"],
        "author": "Tim Literasi Digital Diskominfo",
        "days_ago": 58,
        "summary": (
            "Unggahan, komentar, dan foto yang kita bagikan membentuk jejak digital yang sulit "
            "dihapus. Kelola jejak itu sejak sekarang, terutama jika Anda berencana mengikuti "
            "seleksi kerja."
        ),
        "body": [
            (
                "paragraph",
                "Jejak digital adalah seluruh rekam aktivitas kita di internet, mulai dari "
                "unggahan, komentar, tanda suka, hingga foto yang ditandai oleh orang lain. "
                "Sebagian jejak terlihat jelas, sebagian lain tersimpan tanpa kita sadari. Yang "
                "pasti, jejak ini tidak mudah dihapus karena bisa disalin, disimpan, dan diunggah "
                "ulang oleh siapa saja.",
            ),
            ("heading", "Mengapa jejak digital penting bagi pegawai"),
            (
                "paragraph",
                "Bagi rekan-rekan pegawai tidak tetap yang berencana mengikuti seleksi PPPK atau "
                "melamar pekerjaan lain, jejak digital bisa ikut menjadi bahan pertimbangan. "
                "Tidak sedikit perekrut kini menelusuri akun media sosial calon pegawai. Komentar "
                "kasar atau unggahan bernada provokatif dari beberapa tahun lalu dapat "
                "meninggalkan kesan yang kurang baik.",
            ),
            ("heading", "Langkah merapikan dan menjaga jejak digital"),
            (
                "paragraph",
                "Mulailah dengan mengetik nama Anda sendiri di mesin pencari dan melihat apa saja "
                "yang muncul. Tinjau kembali unggahan lama, arsipkan atau hapus yang sudah tidak "
                "pantas, dan periksa foto yang menandai akun Anda. Atur juga privasi akun agar "
                "informasi seperti nomor telepon dan tanggal lahir tidak terbuka untuk umum.",
            ),
            (
                "paragraph",
                "Biasakan berpikir sebelum mengunggah. Hindari membagikan lokasi secara langsung, "
                "foto dokumen, atau informasi tentang rutinitas harian yang bisa dimanfaatkan "
                "orang lain. Unggahan yang tampak sepele bisa menjadi potongan informasi berharga "
                "bagi pelaku kejahatan. Contohnya, foto tiket pesawat dapat memperlihatkan kode "
                "pemesanan sekaligus memberi tahu orang lain bahwa rumah sedang kosong.",
            ),
            (
                "quote",
                "Internet tidak pernah benar-benar lupa. Karena itu, jadikan jejak digital Anda "
                "sebagai portofolio, bukan beban.",
                "Tim Literasi Digital Diskominfo Kota Lentera",
            ),
            (
                "paragraph",
                "Jejak digital juga bisa menjadi nilai tambah. Bagikan karya, pengalaman kerja, "
                "dan kegiatan positif yang menunjukkan kompetensi Anda. Dengan begitu, siapa pun "
                "yang menelusuri nama Anda akan menemukan hal-hal yang membanggakan. Profil "
                "profesional yang rapi dan unggahan yang santun jauh lebih bermanfaat daripada "
                "sekadar menyembunyikan akun.",
            ),
        ],
    },
    {
        "title": "Pinjol Ilegal dan Investasi Bodong: Ingat Prinsip Legal dan Logis",
        "slug": "waspada-pinjol-ilegal-dan-investasi-bodong",
        "topic": "keamanan-digital",
        "audience": "umum",
        "tags": ["penipuan-online", "pinjol", "data-pribadi"],
        "author": "Tim Literasi Digital Diskominfo",
        "days_ago": 76,
        "summary": (
            "Tawaran pinjaman cepat cair dan investasi untung besar masih menjerat banyak warga. "
            "Terapkan prinsip 2L, legal dan logis, sebelum menyerahkan uang atau data pribadi."
        ),
        "body": [
            (
                "paragraph",
                "Tawaran pinjaman online tanpa agunan yang cair dalam hitungan menit terdengar "
                "sangat membantu saat kebutuhan mendesak. Sayangnya, banyak tawaran itu datang "
                "dari pinjol ilegal yang tidak terdaftar dan tidak diawasi Otoritas Jasa Keuangan "
                "(OJK). Korbannya kerap terjerat bunga dan denda yang mencekik, ditambah "
                "penagihan yang mengintimidasi.",
            ),
            ("heading", "Ciri pinjol ilegal"),
            (
                "paragraph",
                "Pinjol ilegal biasanya menawarkan pinjaman lewat SMS atau WhatsApp tanpa "
                "diminta, tidak mencantumkan alamat kantor yang jelas, dan meminta akses ke "
                "seluruh kontak serta galeri foto di ponsel. Akses inilah yang kemudian dipakai "
                "untuk menagih dengan cara mempermalukan peminjam di depan keluarga dan rekan "
                "kerjanya. Pinjol legal hanya boleh mengakses kamera, mikrofon, dan lokasi.",
            ),
            (
                "paragraph",
                "Ciri lain yang patut diwaspadai adalah bunga dan biaya yang tidak dijelaskan "
                "sejak awal, serta potongan besar saat dana dicairkan. Peminjam sering kali baru "
                "menyadari total kewajibannya setelah jatuh tempo. Karena itu, baca semua "
                "ketentuan dengan saksama sebelum menyetujui perjanjian pinjaman.",
            ),
            ("heading", "Investasi bodong dengan janji tidak masuk akal"),
            (
                "paragraph",
                "Investasi bodong umumnya menjanjikan keuntungan tetap yang tinggi dalam waktu "
                "singkat, misalnya 10 persen per minggu, tanpa risiko. Skemanya sering "
                "mengandalkan perekrutan anggota baru, sehingga keuntungan anggota lama "
                "sebenarnya dibayar dari setoran anggota baru. Ketika perekrutan berhenti, skema "
                "ini runtuh dan sebagian besar anggota kehilangan uangnya.",
            ),
            (
                "paragraph",
                "Waspadai pula tawaran investasi yang memakai foto tokoh terkenal, testimoni "
                "anggota, atau bukti transfer sebagai daya tarik. Semua itu mudah dipalsukan dan "
                "bukan jaminan legalitas. Ajakan untuk segera menyetor dana sebelum kuota habis "
                "juga merupakan tanda bahaya.",
            ),
            (
                "quote",
                "Ingat 2L: legal dan logis. Cek izinnya dulu, lalu tanyakan apakah keuntungan "
                "yang dijanjikan masuk akal.",
                "Tim Literasi Digital Diskominfo Kota Lentera",
            ),
            (
                "paragraph",
                "Sebelum meminjam atau berinvestasi, periksa legalitas perusahaan melalui situs "
                "resmi OJK atau Kontak OJK 157. Jika sudah menjadi korban, kumpulkan bukti dan "
                "laporkan ke Satgas PASTI, OJK, atau kepolisian. Jangan melunasi utang pinjol "
                "ilegal dengan meminjam dari pinjol ilegal lainnya, karena utang hanya akan "
                "semakin menumpuk.",
            ),
        ],
    },
    {
        "title": "Anak Aman di Dunia Digital: Panduan untuk Orang Tua",
        "slug": "panduan-orang-tua-anak-aman-di-internet",
        "topic": "literasi-digital",
        "audience": "umum",
        "tags": ["anak", "privasi", "media-sosial", "data-pribadi"],
        "author": "Tim Literasi Digital Diskominfo",
        "days_ago": 104,
        "summary": (
            "Anak-anak kini mengenal gawai sejak dini. Orang tua perlu mendampingi, membuat aturan "
            "bersama, dan membangun komunikasi terbuka agar anak aman di ruang digital."
        ),
        "body": [
            (
                "paragraph",
                "Gawai sudah menjadi bagian dari keseharian anak, mulai dari belajar, bermain "
                "gim, hingga berkomunikasi dengan teman. Di balik manfaatnya, ada risiko seperti "
                "paparan konten tidak pantas, perundungan siber, dan orang asing yang berniat "
                "jahat. Orang tua tidak perlu melarang sepenuhnya, tetapi perlu hadir mendampingi.",
            ),
            ("heading", "Atur penggunaan gawai bersama anak"),
            (
                "paragraph",
                "Buat kesepakatan keluarga tentang durasi pemakaian gawai, aplikasi yang boleh "
                "dipasang, dan waktu bebas layar, misalnya saat makan dan menjelang tidur. "
                "Aktifkan fitur kontrol orang tua di ponsel, tablet, dan layanan video. Pastikan "
                "pula batas usia setiap media sosial dipatuhi, karena sebagian besar platform "
                "mensyaratkan pengguna berusia minimal 13 tahun. Orang tua juga perlu memberi "
                "contoh dengan tidak sibuk bermain ponsel saat waktu bersama keluarga.",
            ),
            (
                "paragraph",
                "Hindari membagikan foto anak secara berlebihan, terutama yang menampilkan "
                "seragam sekolah, alamat rumah, atau lokasi yang sering dikunjungi. Informasi "
                "tersebut dapat dimanfaatkan oleh orang yang berniat buruk. Data anak termasuk "
                "data pribadi yang bersifat spesifik dan perlu dilindungi lebih ketat. Mintalah "
                "persetujuan anak yang sudah cukup besar sebelum mengunggah fotonya.",
            ),
            ("heading", "Bangun komunikasi yang terbuka"),
            (
                "paragraph",
                "Ajak anak bercerita tentang apa yang mereka tonton dan dengan siapa mereka "
                "mengobrol di internet. Tanamkan aturan sederhana: jangan memberikan data "
                "pribadi, jangan menemui kenalan dari internet tanpa sepengetahuan orang tua, dan "
                "segera bercerita jika ada yang membuat tidak nyaman. Anak yang yakin tidak akan "
                "dimarahi lebih berani melapor ketika menghadapi masalah.",
            ),
            (
                "quote",
                "Pendampingan terbaik bukanlah pengawasan yang menakutkan, melainkan kedekatan "
                "yang membuat anak mau bercerita.",
                "Tim Literasi Digital Diskominfo Kota Lentera",
            ),
            (
                "paragraph",
                "Jika anak menjadi korban perundungan siber atau eksploitasi daring, simpan "
                "buktinya dan segera laporkan. Orang tua dapat menghubungi layanan SAPA 129 atau "
                "mendatangi unit layanan perlindungan perempuan dan anak di Kota Lentera. Jangan "
                "menyalahkan anak, karena dukungan orang tua sangat menentukan pemulihannya.",
            ),
        ],
    },
]

FACT_CHECKS = [
    {
        "title": "[HOAKS] Rekrutmen CPNS dan PPPK Pemkot Lentera Jalur Khusus Lewat WhatsApp",
        "slug": "hoaks-rekrutmen-cpns-pppk-lewat-whatsapp",
        "topic": "anti-hoaks",
        "tags": ["hoaks", "whatsapp", "seleksi-asn", "penipuan-online"],
        "author": "Tim Cek Fakta Diskominfo",
        "days_ago": 2,
        "verdict": "hoaks",
        "claim": (
            "Dibuka penerimaan CPNS dan PPPK Pemerintah Kota Lentera jalur khusus TANPA TES. Kuota "
            "terbatas! Kirim CV, foto KTP, ijazah, dan biaya administrasi Rp750.000 ke nomor "
            "WhatsApp panitia di bawah ini paling lambat hari Jumat."
        ),
        "claim_origin": "Grup WhatsApp, Facebook",
        "claim_short": "Rekrutmen CPNS dan PPPK Pemkot Lentera dibuka lewat WhatsApp tanpa tes",
        "claim_author": "Akun WhatsApp yang mengaku panitia seleksi",
        "claim_author_kind": "person",
        "claim_first_seen_days_ago": 6,
        "summary": (
            "Pemerintah Kota Lentera tidak pernah membuka rekrutmen CPNS atau PPPK melalui "
            "WhatsApp dan tidak memungut biaya apa pun. Pendaftaran seleksi ASN hanya dilakukan "
            "melalui portal resmi SSCASN BKN."
        ),
        "explanation": [
            (
                "Sejak pekan lalu beredar pesan berantai di sejumlah grup WhatsApp dan grup jual "
                "beli di Facebook yang mengklaim adanya penerimaan CPNS dan PPPK Pemerintah Kota "
                "Lentera jalur khusus tanpa tes. Calon pelamar diminta mengirimkan data pribadi "
                "beserta biaya administrasi sebesar Rp750.000 ke nomor WhatsApp yang mengaku "
                "sebagai panitia."
            ),
            (
                "BKPSDM Kota Lentera memastikan informasi tersebut tidak benar. Pengadaan CPNS dan "
                "PPPK dilaksanakan secara nasional dan pendaftarannya hanya melalui portal resmi "
                "sscasn.bkn.go.id. Tidak ada jalur khusus tanpa tes, dan seluruh tahapan seleksi "
                "tidak dipungut biaya."
            ),
            (
                "Badan Kepegawaian Negara juga berulang kali mengingatkan masyarakat agar "
                "mewaspadai penipuan yang mengatasnamakan panitia seleksi ASN. Informasi resmi "
                "hanya diumumkan melalui situs dan akun media sosial resmi BKN serta instansi "
                "pembuka formasi. Warga yang telanjur mengirim data atau uang diimbau segera "
                "melapor ke kepolisian dan memblokir nomor pelaku."
            ),
        ],
        "sources": [
            (
                "Portal Resmi Pendaftaran Seleksi Calon ASN",
                "Badan Kepegawaian Negara",
                "https://sscasn.bkn.go.id/",
            ),
            (
                "BKN Imbau Masyarakat Waspadai Penipuan Mengatasnamakan Seleksi CASN",
                "Badan Kepegawaian Negara",
                "https://www.bkn.go.id/berita/waspada-penipuan-seleksi-casn",
            ),
            (
                "Klarifikasi BKPSDM soal Rekrutmen ASN Jalur Khusus",
                "BKPSDM Kota Lentera",
                "https://bkpsdm.lentera.go.id/berita/klarifikasi-rekrutmen-asn-jalur-khusus",
            ),
        ],
        "archive_links": [
            (
                "https://web.archive.org/web/20240910/https://lowongan-asn-lentera.example.com/"
                "jalur-khusus",
                "Arsip halaman pendaftaran palsu",
            ),
        ],
    },
    {
        "title": (
            "[HOAKS] Tautan Pendaftaran Bantuan Tunai Rp600 Ribu untuk Seluruh Warga Kota Lentera"
        ),
        "slug": "hoaks-tautan-pendaftaran-bansos-tunai",
        "topic": "anti-hoaks",
        "tags": ["hoaks", "bansos", "penipuan-online", "data-pribadi"],
        "author": "Tim Cek Fakta Diskominfo",
        "days_ago": 11,
        "verdict": "hoaks",
        "claim": (
            "Bantuan tunai Rp600.000 untuk seluruh warga Kota Lentera sudah cair! Klik tautan ini, "
            "isi NIK, nomor KK, dan nomor rekening Anda untuk pencairan. Pendaftaran ditutup dalam "
            "24 jam, bagikan ke 10 grup agar data terverifikasi."
        ),
        "claim_origin": "Grup WhatsApp, Facebook, SMS",
        "claim_short": "Bantuan tunai Rp600.000 untuk semua warga cair lewat tautan",
        "claim_author": "Pesan berantai tanpa pengirim asal",
        "claim_author_kind": "person",
        "claim_first_seen_days_ago": 13,
        "summary": (
            "Tautan tersebut mengarah ke situs phishing yang meniru tampilan situs pemerintah "
            "untuk mencuri data kependudukan dan data rekening. Tidak ada pendaftaran bantuan "
            "tunai melalui tautan berantai."
        ),
        "explanation": [
            (
                "Tautan yang beredar mengarah ke situs berlogo Pemerintah Kota Lentera dan "
                "Kementerian Sosial, tetapi tidak menggunakan domain resmi go.id. Situs itu "
                "meminta pengunjung mengisi NIK, nomor KK, nama ibu kandung, nomor rekening, "
                "hingga kode OTP, lalu meminta pengunjung membagikan tautan ke sepuluh grup "
                "WhatsApp."
            ),
            (
                "Dinas Sosial Kota Lentera menegaskan tidak ada program bantuan tunai Rp600.000 "
                "untuk seluruh warga. Penyaluran bantuan sosial didasarkan pada data terpadu yang "
                "diverifikasi berjenjang melalui kelurahan, bukan pendaftaran terbuka lewat "
                "tautan. Warga dapat memeriksa status kepesertaan bantuan sosial melalui laman "
                "resmi cekbansos.kemensos.go.id."
            ),
            (
                "Data yang dikumpulkan situs semacam ini berisiko disalahgunakan untuk pinjaman "
                "online ilegal, pembobolan rekening, atau pembuatan akun palsu. Warga yang "
                "telanjur mengisi data diimbau segera menghubungi bank untuk mengamankan rekening "
                "serta mengganti PIN dan kata sandi perbankan."
            ),
        ],
        "sources": [
            ("Cek Bansos", "Kementerian Sosial RI", "https://cekbansos.kemensos.go.id/"),
            (
                "Waspada Tautan Palsu Pendaftaran Bantuan Sosial",
                "Kementerian Komunikasi dan Digital",
                "https://www.komdigi.go.id/berita/pengumuman/detail/"
                "waspada-tautan-palsu-pendaftaran-bansos",
            ),
            (
                "Penjelasan Dinas Sosial tentang Hoaks Bantuan Tunai",
                "Dinas Sosial Kota Lentera",
                "https://dinsos.lentera.go.id/berita/penjelasan-hoaks-bantuan-tunai",
            ),
        ],
        "archive_links": [
            (
                "https://web.archive.org/web/20240918/https://bantuan-tunai-lentera.example.net/"
                "daftar",
                "Arsip situs phishing pendaftaran bansos",
            ),
            (
                "https://web.archive.org/web/20240918/https://www.example.com/posts/"
                "bantuan-tunai-600-ribu",
                "Arsip unggahan yang menyebarkan tautan",
            ),
        ],
    },
    {
        "title": (
            "[DISINFORMASI] Video Sekda Kota Lentera Ajak ASN Menangkan Pasangan Calon Tertentu"
        ),
        "slug": "disinformasi-video-sekda-ajak-asn-dukung-calon",
        "topic": "anti-hoaks",
        "tags": ["pilkada", "netralitas-asn", "cek-fakta"],
        "author": "Tim Cek Fakta Diskominfo",
        "days_ago": 5,
        "verdict": "disinformasi",
        "claim": (
            "VIDEO: Sekda Kota Lentera terang-terangan minta seluruh ASN memenangkan paslon nomor "
            "urut 2. Netralitas ASN cuma omong kosong!"
        ),
        "claim_origin": "TikTok, Facebook, Grup WhatsApp",
        "claim_short": "Video Sekda minta ASN memenangkan paslon nomor urut 2",
        "claim_author": "Akun TikTok anonim",
        "claim_author_kind": "person",
        "claim_first_seen_days_ago": 7,
        "summary": (
            "Video tersebut merupakan potongan yang disunting dari sambutan Sekda dalam apel "
            "netralitas ASN. Dalam rekaman utuh, Sekda justru meminta seluruh ASN menjaga "
            "netralitas dan tidak mendukung pasangan calon mana pun."
        ),
        "explanation": [
            (
                "Video berdurasi 28 detik beredar di TikTok dan Facebook dengan narasi bahwa "
                "Sekretaris Daerah Kota Lentera meminta ASN memenangkan pasangan calon tertentu. "
                'Dalam video itu terdengar kalimat "pastikan nomor dua" yang disertai teks besar '
                "berwarna merah."
            ),
            (
                "Tim Cek Fakta Diskominfo Kota Lentera menelusuri rekaman asli yang diunggah di "
                "kanal YouTube resmi Pemerintah Kota Lentera. Video tersebut berasal dari sambutan "
                'Sekda pada apel netralitas ASN. Pada rekaman utuh, Sekda menyampaikan "pastikan '
                "nomor dua, yaitu larangan memberikan dukungan di media sosial, dipahami seluruh "
                'pegawai". Potongan kalimat itu dipenggal dan diberi narasi yang berbeda.'
            ),
            (
                "Karena konten disunting secara sengaja untuk menyesatkan publik, klaim tersebut "
                "dikategorikan sebagai disinformasi. Masyarakat diimbau tidak menyebarluaskan "
                "video tersebut dan merujuk pada rekaman utuh di kanal resmi. Dugaan pelanggaran "
                "netralitas ASN tetap dapat dilaporkan ke Bawaslu dengan bukti yang dapat "
                "diverifikasi."
            ),
        ],
        "sources": [
            (
                "Rekaman Utuh Apel Netralitas ASN Pemerintah Kota Lentera",
                "Pemerintah Kota Lentera",
                "https://www.lentera.go.id/berita/apel-netralitas-asn",
            ),
            (
                "SKB Pedoman Pembinaan dan Pengawasan Netralitas Pegawai ASN",
                "Kementerian PANRB",
                "https://www.menpan.go.id/site/berita-terkini/skb-netralitas-asn",
            ),
        ],
        "archive_links": [
            (
                "https://web.archive.org/web/20241020/https://video-viral.example.com/"
                "sekda-lentera-paslon",
                "Arsip unggahan video yang telah disunting",
            ),
        ],
    },
    {
        "title": "[MISINFORMASI] Surat Edaran Libur Sekolah karena Cuaca Ekstrem Hari Senin",
        "slug": "misinformasi-surat-edaran-libur-sekolah",
        "topic": "anti-hoaks",
        "tags": ["surat-edaran", "whatsapp", "cek-fakta", "sumber-informasi"],
        "author": "Tim Cek Fakta Diskominfo",
        "days_ago": 24,
        "verdict": "misinformasi",
        "claim": (
            "Pengumuman: berdasarkan Surat Edaran Wali Kota, seluruh sekolah di Kota Lentera "
            "diliburkan hari Senin karena cuaca ekstrem. Mohon diteruskan ke grup wali murid."
        ),
        "claim_origin": "Grup WhatsApp wali murid",
        "claim_short": "Surat edaran Wali Kota meliburkan semua sekolah hari Senin",
        "claim_author": "Tidak diketahui (pesan berantai di grup wali murid)",
        "claim_author_kind": "person",
        "claim_first_seen_days_ago": 25,
        "summary": (
            "Surat edaran yang beredar memang asli, tetapi diterbitkan tahun lalu saat banjir "
            "melanda sejumlah kelurahan. Tidak ada kebijakan libur sekolah pada hari Senin ini."
        ),
        "explanation": [
            (
                "Pada Minggu malam, foto surat edaran tentang peliburan sekolah akibat cuaca "
                "ekstrem beredar luas di grup WhatsApp wali murid. Banyak orang tua meneruskannya "
                "dengan niat baik karena khawatir anak-anak mereka tetap berangkat ke sekolah."
            ),
            (
                "Setelah ditelusuri, surat tersebut adalah surat edaran asli yang diterbitkan Wali "
                "Kota Lentera tahun lalu, ketika sejumlah kelurahan terdampak banjir. Tanggal pada "
                "surat tertera jelas, tetapi luput diperhatikan oleh sebagian besar penerusnya. "
                "Dinas Pendidikan Kota Lentera memastikan kegiatan belajar mengajar pada hari "
                "Senin berlangsung seperti biasa."
            ),
            (
                "Karena informasi keliru ini tersebar tanpa niat menyesatkan, Tim Cek Fakta "
                "mengategorikannya sebagai misinformasi. Sebelum meneruskan surat edaran, periksa "
                "tanggal dan nomornya, lalu cocokkan dengan pengumuman di situs atau akun media "
                "sosial resmi Pemerintah Kota Lentera dan Dinas Pendidikan."
            ),
        ],
        "sources": [
            (
                "Klarifikasi Dinas Pendidikan: Kegiatan Belajar Mengajar Berjalan Normal",
                "Dinas Pendidikan Kota Lentera",
                "https://disdik.lentera.go.id/berita/klarifikasi-kbm-berjalan-normal",
            ),
            (
                "Daftar Surat Edaran Wali Kota Lentera",
                "JDIH Kota Lentera",
                "https://jdih.lentera.go.id/produk-hukum/surat-edaran",
            ),
        ],
        "archive_links": [
            (
                "https://web.archive.org/web/20240805/https://forum-wali-murid.example.com/"
                "pengumuman-libur-senin",
                "Arsip unggahan ulang surat edaran di forum daring",
            ),
        ],
    },
    {
        "title": (
            "[SATIRE] ASN Pemkot Lentera Wajib Berangkat Kerja Naik Sepeda Tandem Bersama Atasan"
        ),
        "slug": "satire-asn-wajib-sepeda-tandem-bersama-atasan",
        "topic": "anti-hoaks",
        "tags": ["satire", "media-sosial", "cek-fakta", "sumber-informasi"],
        "author": "Tim Cek Fakta Diskominfo",
        "days_ago": 33,
        "verdict": "satire",
        "claim": (
            "Mulai bulan depan, seluruh ASN Pemkot Lentera wajib berangkat kerja naik sepeda "
            "tandem bersama atasan langsung demi menghemat BBM dan mempererat koordinasi."
        ),
        "claim_origin": "Situs humor, Facebook, X",
        "claim_short": "ASN Pemkot Lentera wajib naik sepeda tandem bersama atasan",
        "claim_author": "Situs humor daring",
        "claim_author_kind": "organization",
        "claim_first_seen_days_ago": 36,
        "summary": (
            "Artikel tersebut berasal dari situs humor yang secara terbuka menyatakan seluruh "
            "kontennya fiksi. Tidak ada kebijakan semacam itu di Pemerintah Kota Lentera."
        ),
        "explanation": [
            (
                'Tangkapan layar artikel berjudul "ASN Lentera Wajib Naik Sepeda Tandem Bersama '
                'Atasan" ramai dibagikan di Facebook dan X. Sebagian warganet menanggapinya '
                "dengan serius dan mempertanyakan kebijakan tersebut kepada akun resmi Pemerintah "
                "Kota Lentera."
            ),
            (
                "Artikel itu bersumber dari situs humor yang pada halaman Tentang Kami menyebutkan "
                "bahwa semua tulisannya adalah karangan dan dibuat untuk hiburan. Artikel aslinya "
                "juga mencantumkan label satire, tetapi label tersebut terpotong pada tangkapan "
                "layar yang beredar."
            ),
            (
                "Bagian Organisasi Sekretariat Daerah Kota Lentera memastikan tidak ada aturan "
                "mengenai kewajiban bersepeda tandem. Pemerintah Kota Lentera memang mendorong ASN "
                "menggunakan transportasi umum atau bersepeda pada hari tertentu, tetapi sifatnya "
                "imbauan. Tim Cek Fakta mengingatkan warganet untuk memeriksa sumber asli sebelum "
                "membagikan tangkapan layar."
            ),
        ],
        "sources": [
            (
                "Klarifikasi Pemkot Lentera soal Artikel Sepeda Tandem ASN",
                "Diskominfo Kota Lentera",
                "https://www.lentera.go.id/cek-fakta/klarifikasi-sepeda-tandem-asn",
            ),
            (
                "Mengenal Ragam Gangguan Informasi: Misinformasi, Disinformasi, dan Satire",
                "Kementerian Komunikasi dan Informatika",
                "https://www.kominfo.go.id/content/detail/ragam-gangguan-informasi/0/artikel",
            ),
        ],
        "archive_links": [
            (
                "https://web.archive.org/web/20240715/https://kabar-jenaka.example.com/"
                "asn-lentera-sepeda-tandem",
                "Arsip artikel asli di situs humor",
            ),
        ],
    },
    {
        "title": "[MENYESATKAN] Air Rebusan Jahe dan Lemon Bisa Menggantikan Obat Darah Tinggi",
        "slug": "menyesatkan-rebusan-jahe-lemon-ganti-obat-hipertensi",
        "topic": "anti-hoaks",
        "tags": ["kesehatan", "whatsapp", "hoaks"],
        "author": "Tim Cek Fakta Diskominfo",
        "days_ago": 45,
        "verdict": "menyesatkan",
        "claim": (
            "Dokter tidak akan memberi tahu ini! Minum air rebusan jahe dan lemon setiap pagi "
            "selama seminggu, tensi langsung normal dan obat darah tinggi bisa dihentikan "
            "selamanya."
        ),
        "claim_origin": "Grup WhatsApp, Facebook",
        "claim_short": "Rebusan jahe dan lemon menormalkan tensi tanpa obat",
        "claim_author": "Akun Facebook penjual jamu",
        "claim_author_kind": "person",
        "claim_first_seen_days_ago": 60,
        "summary": (
            "Jahe dan lemon dapat menjadi bagian dari pola makan sehat, tetapi tidak terbukti "
            "menggantikan obat antihipertensi. Menghentikan obat tanpa anjuran dokter justru "
            "berbahaya."
        ),
        "explanation": [
            (
                "Pesan berantai yang disertai foto minuman jahe dan irisan lemon beredar di grup "
                "WhatsApp dan Facebook. Pesan tersebut mengklaim minuman itu dapat menormalkan "
                "tekanan darah dalam seminggu sehingga penderita hipertensi bisa berhenti minum "
                "obat."
            ),
            (
                "Sejumlah penelitian memang mengkaji manfaat jahe dan buah-buahan bagi kesehatan "
                "jantung dan pembuluh darah. Namun, tidak ada bukti ilmiah yang kuat bahwa minuman "
                "tersebut dapat menggantikan obat antihipertensi. Pengendalian tekanan darah "
                "memerlukan pola makan rendah garam, aktivitas fisik teratur, dan pengobatan "
                "sesuai anjuran dokter."
            ),
            (
                "Dinas Kesehatan Kota Lentera mengingatkan bahwa menghentikan obat darah tinggi "
                "secara mendadak dapat meningkatkan risiko stroke dan serangan jantung. Karena "
                "klaim ini mencampurkan informasi yang sebagian benar dengan kesimpulan yang "
                "keliru, Tim Cek Fakta mengategorikannya sebagai konten menyesatkan. Konsultasikan "
                "setiap perubahan pengobatan dengan dokter atau petugas puskesmas."
            ),
        ],
        "sources": [
            (
                "Hipertensi: Penyebab, Gejala, dan Pengendaliannya",
                "Kementerian Kesehatan RI",
                "https://ayosehat.kemkes.go.id/topik-penyakit/penyakit-kardiovaskular/hipertensi",
            ),
            (
                "Imbauan Dinas Kesehatan tentang Pengobatan Hipertensi",
                "Dinas Kesehatan Kota Lentera",
                "https://dinkes.lentera.go.id/berita/imbauan-pengobatan-hipertensi",
            ),
        ],
        "archive_links": [
            (
                "https://web.archive.org/web/20240620/https://resep-sehat-alami.example.com/"
                "jahe-lemon-tensi",
                "Arsip artikel sumber klaim",
            ),
        ],
    },
    {
        "title": (
            "[FAKTA] Diskominfo Kota Lentera Buka Kelas Keamanan Digital Gratis untuk Pelaku UMKM"
        ),
        "slug": "fakta-kelas-keamanan-digital-gratis-umkm",
        "topic": "anti-hoaks",
        "tags": ["umkm", "kata-sandi", "cek-fakta", "penipuan-online"],
        "author": "Tim Cek Fakta Diskominfo",
        "days_ago": 1,
        "verdict": "fakta",
        "claim": (
            "Diskominfo Kota Lentera membuka kelas keamanan digital GRATIS untuk pelaku UMKM. "
            "Materi: mengamankan akun toko daring, mengenali penipuan, dan membuat kata sandi yang "
            "kuat. Daftar lewat situs resmi Diskominfo."
        ),
        "claim_origin": "Instagram, Grup WhatsApp",
        "claim_short": "Diskominfo membuka kelas keamanan digital gratis untuk UMKM",
        "claim_author": "Dinas Komunikasi dan Informatika Kota Lentera",
        "claim_author_kind": "organization",
        "claim_first_seen_days_ago": 3,
        "summary": (
            "Informasi tersebut benar. Diskominfo Kota Lentera membuka kelas keamanan digital "
            "tanpa biaya bagi pelaku UMKM, dengan pendaftaran hanya melalui situs resmi Diskominfo."
        ),
        "explanation": [
            (
                "Poster kelas keamanan digital untuk pelaku UMKM beredar di Instagram dan grup "
                "WhatsApp. Sebagian warga menanyakan keasliannya karena maraknya penipuan yang "
                "mencatut nama instansi pemerintah."
            ),
            (
                "Diskominfo Kota Lentera memastikan poster tersebut resmi. Kelas diselenggarakan "
                "dalam beberapa gelombang di ruang pelatihan Diskominfo, tanpa biaya, dengan kuota "
                "40 peserta per gelombang. Pendaftaran hanya dilakukan melalui situs resmi "
                "Diskominfo Kota Lentera, dan panitia tidak pernah meminta transfer uang atau kode "
                "OTP."
            ),
            (
                "Warga tetap diimbau berhati-hati terhadap poster tiruan yang mencantumkan nomor "
                "rekening atau tautan pendaftaran di luar domain resmi lentera.go.id. Jika "
                "menemukan poster yang mencurigakan, laporkan ke kanal aduan Diskominfo untuk "
                "diverifikasi."
            ),
        ],
        "sources": [
            (
                "Pendaftaran Kelas Keamanan Digital untuk UMKM",
                "Diskominfo Kota Lentera",
                "https://www.lentera.go.id/agenda/kelas-keamanan-digital-umkm",
            ),
            (
                "Program Literasi Digital Nasional",
                "Kementerian Komunikasi dan Digital",
                "https://www.komdigi.go.id/berita/program-literasi-digital-nasional",
            ),
        ],
        "archive_links": [
            (
                "https://web.archive.org/web/20241101/https://www.lentera.go.id/agenda/"
                "kelas-keamanan-digital-umkm",
                "Arsip halaman pendaftaran resmi",
            ),
        ],
    },
]
