"""`check --deploy` fails when certificates could not be signed."""

from content.certificates.checks import signing_key_opens


def test_a_missing_or_locked_key_fails_the_deploy_check(settings, tmp_path):
    assert signing_key_opens(None) == []  # the test run's own key
    passphrase = settings.CERTIFICATE_SIGNING_PASSPHRASE
    settings.CERTIFICATE_SIGNING_PASSPHRASE = "salah"
    assert [error.id for error in signing_key_opens(None)] == ["lentera.E002"]
    settings.CERTIFICATE_SIGNING_PASSPHRASE = passphrase
    settings.CERTIFICATE_SIGNING_P12 = str(tmp_path / "tidak-ada.p12")
    assert [error.id for error in signing_key_opens(None)] == ["lentera.E002"]
