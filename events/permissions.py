"""Who may do what with registrations in the admin."""

from wagtail.permission_policies import ModelPermissionPolicy

from events.models import EventRegistration


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Managers view and correct registrations; seats change only through the rules.

    Nobody adds or deletes registrations in the admin: people register on the
    site, managers cancel (which promotes the waiting list), and the retention
    command deletes personal data.
    """

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(
            [a for a in actions if a not in ("add", "delete")] or ["change"]
        )


registration_permission_policy = RegistrationPermissionPolicy(EventRegistration)
