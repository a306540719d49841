"""A spreadsheet of products a member uploaded, and how its import went (see catalog/spreadsheet_import/).

The uploaded file is kept on the private storage (no URL) so that a Celery worker on another machine can read it;
the row only records who sent which file for which stall, the progress and, when it failed, every row error.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from storefronts.models import private_storage


def import_file_path(instance, filename):
    """An unguessable name that keeps only the file's extension."""
    return f"product-imports/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class ProductImport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ xử lý")
        RUNNING = "running", _("Đang xử lý")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Không nhập được")

    storefront = models.ForeignKey(
        "storefronts.Storefront",
        verbose_name=_("Gian hàng"),
        related_name="product_imports",
        on_delete=models.CASCADE,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tải lên"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    file_name = models.CharField(_("Tên tệp"), max_length=255)
    source = models.FileField(_("Tệp bảng tính"), upload_to=import_file_path, storage=private_storage, blank=True)
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(_("Số dòng"), default=0)
    processed_rows = models.PositiveIntegerField(_("Số dòng đã kiểm tra"), default=0)
    created_count = models.PositiveIntegerField(_("Số sản phẩm đã tạo"), default=0)
    # Each error: {"row": spreadsheet row number (the header is row 1) or None, "column": column name, "message": text}
    language = models.CharField(_("Ngôn ngữ của thông báo lỗi"), max_length=16, default=settings.LANGUAGE_CODE)
    errors = models.JSONField(_("Lỗi"), default=list, blank=True)
    created_at = models.DateTimeField(_("Thời điểm tải lên"), auto_now_add=True)
    finished_at = models.DateTimeField(_("Thời điểm xong"), null=True, blank=True)

    class Meta:
        app_label = "catalogue"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Lượt nhập sản phẩm từ bảng tính")
        verbose_name_plural = _("Lượt nhập sản phẩm từ bảng tính")

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self):
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0
