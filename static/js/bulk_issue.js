// A bulk issue's page in the admin: the progress bar follows the task worker, and the page
// reloads once the job stops running, to show the failures and the ZIP, and when it stops or
// starts moving again, to show or hide the notice about a stopped worker.
const box = document.querySelector("[data-bulk-status-url]");
const statusUrl = box.dataset.bulkStatusUrl;
const startedAs = box.dataset.bulkStatus;
const fields = {
    label: box.querySelector("[data-bulk-label]"),
    done: box.querySelector("[data-bulk-done]"),
    total: box.querySelector("[data-bulk-total]"),
    percent: box.querySelector("[data-bulk-percent]"),
};
const bar = box.querySelector("[data-bulk-progress]");
const stalledNotice = box.querySelector("[data-bulk-stalled]");
const RUNNING = ["antre", "berjalan"];

async function refresh() {
    try {
        const response = await fetch(statusUrl, { headers: { Accept: "application/json" } });
        if (!response.ok) return;
        const state = await response.json();
        const stalledChanged = state.stalled === stalledNotice.hidden;
        if (
            stalledChanged ||
            !RUNNING.includes(state.status) ||
            (startedAs === "antre" && state.status !== "antre")
        ) {
            window.location.reload();
            return;
        }
        fields.label.textContent = state.label;
        fields.done.textContent = state.done;
        fields.total.textContent = state.total;
        fields.percent.textContent = state.percent;
        bar.max = Math.max(state.total, 1);
        bar.value = state.done;
    } catch (error) {
        // The connection dropped: try again on the next tick.
    }
}

setInterval(refresh, 2000);
