from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.models import *  # noqa: F403 (Oscar's fork pattern: its ProductAlert)


class PrivacyConsent(models.Model):
    """A person's agreement to the privacy policy, as the sign-up form's box recorded it: which version, when, and in
    which language they read it (Law 91/2025/QH15: consent must be provable). Kept when the account is deleted: it
    names no one once the account is anonymised."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="privacy_consents")
    policy_version = models.CharField(_("Phiên bản chính sách"), max_length=64)
    language = models.CharField(_("Ngôn ngữ"), max_length=10)
    consented_at = models.DateTimeField(_("Đồng ý lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-consented_at", "-pk"]
        verbose_name = _("Đồng ý chính sách bảo vệ dữ liệu cá nhân")
        verbose_name_plural = _("Đồng ý chính sách bảo vệ dữ liệu cá nhân")

    def __str__(self):
        return f"{self.user} – {self.policy_version}"
