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
