"""Background work: emails go out after the registration is committed, off the request."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from content.training.models.records import Registration


@task()
def send_registration_email(registration_id):
    registration = (
        Registration.objects.select_related("session", "participant")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.participant.email:
        return
    context = {"registration": registration, "session": registration.session}
    send_mail(
        subject=render_to_string("training/email/registration_subject.txt", context).strip(),
        message=render_to_string("training/email/registration.txt", context),
        from_email=None,
        recipient_list=[registration.participant.email],
    )
