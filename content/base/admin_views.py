"""Building blocks for admin screens over operational records, which only services may write."""

from urllib.parse import urlencode

from django.db.models import ProtectedError
from django.shortcuts import redirect
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from content.base.errors import NotAllowed


class LimitedActionsPolicy(ModelPermissionPolicy):
    """Model permissions, but only for `actions`: no one, superusers included, may take any
    other action through the admin. Screens a model should not have (creating a log entry,
    deleting an attendance) then disappear, with their buttons and URLs."""

    def __init__(self, model, *, actions):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in self.actions])


class ServiceSaveMixin:
    """For Wagtail's generic create and edit views: the write goes through a service instead of
    `form.save()`. A refusal from the service (NotAllowed) is shown on the form and nothing is
    written; a save is recorded in the admin's history as Wagtail's own save would be."""

    log_action = "wagtail.edit"

    def save_with_service(self, form):
        """Write through the service and return the saved instance."""
        raise NotImplementedError

    def save_instance(self):
        instance = self.save_with_service(self.form)
        log(instance, self.log_action, user=self.request.user)
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except NotAllowed as refusal:
            form.add_error(None, refusal.message)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


def _with_next(url, next_url):
    return f"{url}?{urlencode({'next': next_url})}" if url and next_url else url


class KeepListIndexView(IndexView):
    """A list whose edit links carry the list's own address (filters, search, page), so saving
    an edit returns to the same filtered list (see ReturnToListMixin)."""

    def get_edit_url(self, instance):
        return _with_next(super().get_edit_url(instance), self.request.get_full_path())


class ReturnToListMixin:
    """For edit views reached from a KeepListIndexView: the form keeps `next`, and a save goes
    back there instead of to the unfiltered list."""

    def get_edit_url(self):
        return _with_next(super().get_edit_url(), get_valid_next_url_from_request(self.request))

    def get_success_url(self):
        return get_valid_next_url_from_request(self.request) or super().get_success_url()


class ProtectedDeleteMixin:
    """For Wagtail's delete views (models and snippets): deleting something that records still
    point to with on_delete=PROTECT (an agency of past attendance, a question already answered)
    is refused with a message naming what uses it, instead of a server error. Wagtail's own
    usage check cannot see those records: operational records stay out of its reference index.
    """

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError as error:
            users = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
            messages.error(
                self.request,
                f"{self.object} tidak dapat dihapus karena masih dipakai oleh {', '.join(users)}.",
            )
            return redirect(self.get_success_url())


class ProtectedDeleteView(ProtectedDeleteMixin, DeleteView):
    pass
