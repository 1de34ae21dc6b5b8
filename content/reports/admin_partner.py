"""Forwarding to Bawaslu in the admin: the desk's "Teruskan ke Bawaslu" and the partner's
"Kasus Bawaslu" (the forwarded cases, their evidence and the outcome form)."""

from wagtail import hooks

from content.reports.services import partner


@hooks.register("register_log_actions")
def register_partner_log_actions(actions):
    actions.register_action(
        partner.FORWARD_ACTION, "Teruskan ke Bawaslu", "Kasus diteruskan ke Bawaslu"
    )
    actions.register_action(
        partner.OUTCOME_ACTION, "Hasil tindak lanjut Bawaslu", "Hasil tindak lanjut Bawaslu dicatat"
    )
