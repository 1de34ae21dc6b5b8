// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-copy]");
    if (!button || !navigator.clipboard) return;
    navigator.clipboard.writeText(button.dataset.copy).then(() => {
        const label = button.textContent;
        button.textContent = "Tautan disalin";
        setTimeout(() => { button.textContent = label; }, 2000);
    });
});

// Registration: show a NIP field only to ASN, a rank only to PNS, and filter the OPD list.
document.querySelectorAll("[data-registration]").forEach((form) => {
    const show = () => {
        const group = form.querySelector("input[name=participant_group]:checked")?.value;
        form.querySelector("[data-field=nip]").hidden = group === "ptt";
        form.querySelector("[data-field=rank]").hidden = group !== "pns";
    };
    form.addEventListener("change", show);
    show();
});
document.querySelectorAll("[data-filter-for]").forEach((input) => {
    const select = document.getElementById(input.dataset.filterFor);
    input.hidden = false;
    input.addEventListener("input", () => {
        const needle = input.value.trim().toLowerCase();
        for (const option of select.options) {
            option.hidden = option.value !== "" && !option.text.toLowerCase().includes(needle);
        }
    });
});
