// The projector page: a new QR code and short code each rotation, and a live counter.
const body = document.body;
const statusUrl = body.dataset.statusUrl;
const qr = document.querySelector("[data-qr]");
const code = document.querySelector("[data-code]");
const count = document.querySelector("[data-count]");
const seconds = document.querySelector("[data-seconds]");
let left = seconds ? Number(seconds.textContent) : 0;

async function refresh() {
    try {
        const response = await fetch(statusUrl, { headers: { Accept: "application/json" } });
        if (!response.ok) return;
        const state = await response.json();
        if (state.open !== Boolean(qr)) { window.location.reload(); return; }
        if (qr && state.qr) qr.innerHTML = state.qr;
        if (code) code.textContent = state.code;
        count.textContent = state.count;
        left = state.seconds_left;
    } catch (error) {
        // A dropped connection on the venue's Wi-Fi: try again on the next tick.
    }
}

setInterval(() => {
    left -= 1;
    if (seconds) seconds.textContent = Math.max(left, 0);
    if (left <= 0) refresh();
}, 1000);
setInterval(refresh, 5000);
