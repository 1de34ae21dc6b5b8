// Taking a quiz: every answer is saved on the server as soon as it is chosen. Without a
// connection it waits in this browser (localStorage) and is sent when the connection returns,
// so a reload or a phone that slept loses nothing. The page works without JavaScript too: the
// submit button sends every answer at once.
(() => {
    const root = document.querySelector("[data-quiz]");
    if (!root) return;
    const form = root.querySelector("[data-quiz-form]");
    const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    const storeKey = `lentera-kuis-${root.dataset.key}`;
    const status = root.querySelector("[data-save-status]");
    const offline = root.querySelector("[data-offline]");
    const questions = [...form.querySelectorAll("fieldset[data-position]")];
    let finished = false;

    const load = () => {
        try { return JSON.parse(localStorage.getItem(storeKey)) || {}; } catch { return {}; }
    };
    const store = (pending) => {
        try {
            if (Object.keys(pending).length) localStorage.setItem(storeKey, JSON.stringify(pending));
            else localStorage.removeItem(storeKey);
        } catch { /* private mode: answers still go to the server directly */ }
    };
    const chosen = (fieldset) =>
        [...fieldset.querySelectorAll("input:checked")].map((input) => input.value);
    const say = (text) => { status.textContent = text; };

    const progress = root.querySelector("[data-progress]");
    const showProgress = (current) => {
        const answered = questions.filter((q) => chosen(q).length).length;
        const where = current === undefined ? "" : `Soal ${current + 1} dari ${questions.length} · `;
        progress.textContent = `${where}${answered} dari ${questions.length} terjawab`;
    };

    let sending = false;
    const flush = async () => {
        if (sending || finished) return;
        sending = true;
        try {
            for (const [position, options] of Object.entries(load())) {
                let response;
                try {
                    response = await fetch(root.dataset.answerUrl, {
                        method: "POST",
                        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
                        body: JSON.stringify({ position: Number(position), options }),
                        credentials: "same-origin",
                    });
                } catch {
                    offline.hidden = false;
                    say("Belum terkirim: menunggu koneksi.");
                    return;
                }
                const pending = load();
                if (response.ok || response.status === 400) {
                    // Saved, or refused for good: either way it is no longer pending, unless
                    // the participant changed it again meanwhile.
                    if (JSON.stringify(pending[position]) === JSON.stringify(options)) {
                        delete pending[position];
                        store(pending);
                    }
                    offline.hidden = true;
                    say(response.ok ? "Jawaban tersimpan." : "Jawaban tidak dapat disimpan.");
                } else if (response.status === 409) {
                    const data = await response.json().catch(() => ({}));
                    store({});
                    finished = true;
                    say(data.error || "Kuis sudah selesai.");
                    if (data.result_url) window.location.assign(data.result_url);
                    return;
                } else {
                    say("Belum terkirim; dicoba lagi sebentar lagi.");
                    setTimeout(flush, 5000);
                    return;
                }
            }
        } finally {
            sending = false;
        }
    };

    // Answers chosen here but not yet on the server (a reload while offline) are put back.
    for (const [position, options] of Object.entries(load())) {
        const fieldset = form.querySelector(`fieldset[data-position="${position}"]`);
        if (!fieldset) continue;
        fieldset.querySelectorAll("input").forEach((input) => {
            input.checked = options.includes(input.value);
        });
    }

    form.addEventListener("change", (event) => {
        const fieldset = event.target.closest("fieldset[data-position]");
        if (!fieldset) return;
        const pending = load();
        pending[fieldset.dataset.position] = chosen(fieldset);
        store(pending);
        say("Menyimpan…");
        showProgress(paged ? current : undefined);
        flush();
    });
    window.addEventListener("online", flush);
    window.addEventListener("offline", () => { offline.hidden = false; });

    form.addEventListener("submit", (event) => {
        if (!navigator.onLine) {
            event.preventDefault();
            offline.hidden = false;
            say("Tidak ada koneksi. Kirim lagi saat sudah tersambung; jawaban Anda aman.");
            return;
        }
        finished = true;
        store({});
    });

    // One question per screen: previous and next, and the place kept across reloads.
    const paged = root.dataset.layout === "satu" && questions.length > 1;
    const placeKey = `${storeKey}-nomor`;
    let current = 0;
    const nav = root.querySelector("[data-quiz-nav]");
    const submitArea = root.querySelector("[data-submit-area]");
    const show = (index, focus) => {
        current = Math.max(0, Math.min(index, questions.length - 1));
        questions.forEach((q, i) => { q.hidden = i !== current; });
        nav.querySelector("[data-prev]").disabled = current === 0;
        nav.querySelector("[data-next]").hidden = current === questions.length - 1;
        submitArea.hidden = current !== questions.length - 1;
        try { sessionStorage.setItem(placeKey, String(current)); } catch { /* ignore */ }
        showProgress(current);
        if (focus) questions[current].querySelector("input")?.focus();
    };
    if (paged) {
        root.classList.add("quiz--paged");
        nav.hidden = false;
        nav.querySelector("[data-prev]").addEventListener("click", () => show(current - 1, true));
        nav.querySelector("[data-next]").addEventListener("click", () => show(current + 1, true));
        let saved = 0;
        try { saved = Number(sessionStorage.getItem(placeKey)) || 0; } catch { /* ignore */ }
        show(saved, false);
    } else {
        showProgress();
    }

    // The time left, from the server's count (the phone's clock may be wrong). Screen readers
    // hear it at five minutes, one minute and at the end, not every second.
    if (root.dataset.secondsLeft !== undefined) {
        const timer = root.querySelector("[data-timer]");
        const announce = root.querySelector("[data-timer-announce]");
        const endsAt = Date.now() + Number(root.dataset.secondsLeft) * 1000;
        let interval;
        const tick = () => {
            const left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
            const minutes = Math.floor(left / 60);
            timer.textContent = `${minutes}:${String(left % 60).padStart(2, "0")}`;
            timer.closest(".quiz__timer").classList.toggle("quiz__timer--low", left <= 60);
            if (left === 300) announce.textContent = "Sisa waktu lima menit.";
            if (left === 60) announce.textContent = "Sisa waktu satu menit.";
            if (left === 0) {
                announce.textContent = "Waktu habis. Jawaban Anda dikirim.";
                clearInterval(interval);
                if (navigator.onLine && !finished) form.requestSubmit();
            }
        };
        interval = setInterval(tick, 1000);
        tick();
    }

    flush();
})();
