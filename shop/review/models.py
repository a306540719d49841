"""The log every review queue keeps: one row per change of a subject's status."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The "from" status of the row that records a subject coming into being (a certificate declared, a complaint filed).
NEW = ""


class StatusChange(models.Model):
    """One change of a subject's status: who made it (None: the system), when, from which status to which, and why.

    A concrete log adds the foreign key to its subject and redeclares ``from_status`` and ``to_status`` with the
    subject's status choices, so the history shows their labels.
    """

    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("Lý do"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.from_status or '∅'} → {self.to_status}"
