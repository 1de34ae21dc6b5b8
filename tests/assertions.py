"""Assertions several test modules share."""


def assert_admin_refused(response):
    """Wagtail's admin answers a permission refusal by sending the user back to the dashboard
    (with a message), not with the page asked for."""
    assert response.status_code == 302, response.status_code
    assert response["Location"] == "/admin/"
