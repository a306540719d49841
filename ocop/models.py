"""Product credentials: OCOP certificates (stars, verification, expiry) and traceability stamps (batches, QR serials).

OCOP ("Mỗi xã một sản phẩm") rates a product 3, 4 or 5 stars after scoring it out of 100: 3–4 stars are certified by
the province, 5 stars by the central government; a certificate is valid for 36 months.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.review.models import StatusChange
from storefronts.models import private_storage

VALIDITY_MONTHS = 36
SCORE_RANGES = {3: range(50, 70), 4: range(70, 90), 5: range(90, 101)}


def add_months(day, months):
    """The same day ``months`` later, or the month's last day when it has no such day (29–31)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def scan_path(instance, filename):
    return f"ocop/certificates/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class OcopCertificateQuerySet(models.QuerySet):
    def valid(self, today=None):
        """Verified and not past their expiry: the only certificates whose stars are shown."""
        today = today or timezone.localdate()
        return self.filter(status=OcopCertificate.Status.VERIFIED, expiry_date__gte=today)


class OcopCertificate(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Chờ xác minh")
        VERIFIED = "verified", _("Đã xác minh")
        REJECTED = "rejected", _("Bị từ chối")
        EXPIRED = "expired", _("Hết hiệu lực")
        REVOKED = "revoked", _("Bị thu hồi")

    class Level(models.TextChoices):
        PROVINCE = "province", _("Ủy ban nhân dân cấp tỉnh")
        CENTRAL = "central", _("Trung ương (Thủ tướng Chính phủ)")

    class Stars(models.IntegerChoices):
        THREE = 3, _("3 sao")
        FOUR = 4, _("4 sao")
        FIVE = 5, _("5 sao")

    storefront = models.ForeignKey(
        "storefronts.Storefront",
        on_delete=models.CASCADE,
        related_name="ocop_certificates",
        verbose_name=_("Gian hàng"),
    )
    products = models.ManyToManyField(
        "catalogue.Product", related_name="ocop_certificates", verbose_name=_("Sản phẩm được chứng nhận")
    )
    stars = models.PositiveSmallIntegerField(_("Số sao"), choices=Stars.choices)
    score = models.PositiveSmallIntegerField(_("Điểm"), validators=[MinValueValidator(0), MaxValueValidator(100)])
    certificate_number = models.CharField(_("Số giấy chứng nhận"), max_length=64)
    decision_number = models.CharField(_("Số quyết định"), max_length=64)
    decision_date = models.DateField(_("Ngày quyết định"))
    issuing_level = models.CharField(_("Cấp công nhận"), max_length=10, choices=Level.choices)
    issuing_province = models.ForeignKey(
        "storefronts.Province",
        verbose_name=_("Tỉnh / thành phố công nhận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issue_date = models.DateField(_("Ngày cấp"))
    expiry_date = models.DateField(
        _("Ngày hết hạn"),
        blank=True,
        help_text=_("Để trống: 36 tháng kể từ ngày cấp, như quy định của Chương trình OCOP."),
    )
    scan = models.FileField(_("Bản quét giấy chứng nhận"), upload_to=scan_path, storage=private_storage, blank=True)
    status = models.CharField(_("Trạng thái"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expiry_warning_sent_at = models.DateTimeField(null=True, blank=True)

    objects = OcopCertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issue_date", "-pk"]
        verbose_name = _("Giấy chứng nhận OCOP")
        verbose_name_plural = _("Giấy chứng nhận OCOP")
        permissions = [("verify_certificate", _("Xác minh, từ chối và thu hồi giấy chứng nhận OCOP"))]
        constraints = [
            # A rejected declaration does not block declaring the same certificate again, correctly this time.
            models.UniqueConstraint(
                fields=["certificate_number"],
                condition=~models.Q(status="rejected"),
                name="one_live_declaration_per_certificate_number",
                violation_error_message=_("Số giấy chứng nhận này đã được khai báo."),
            )
        ]

    def __str__(self):
        return f"{self.certificate_number} ({self.stars}★)"

    def save(self, *args, **kwargs):
        if self.issue_date and not self.expiry_date:
            self.expiry_date = add_months(self.issue_date, VALIDITY_MONTHS)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.stars in SCORE_RANGES and self.score is not None and self.score not in SCORE_RANGES[self.stars]:
            low, high = SCORE_RANGES[self.stars][0], SCORE_RANGES[self.stars][-1]
            errors["score"] = _("Sản phẩm %(stars)s sao phải đạt từ %(low)s đến %(high)s điểm.") % {
                "stars": self.stars,
                "low": low,
                "high": high,
            }
        if self.stars == 5 and self.issuing_level != self.Level.CENTRAL:
            errors["issuing_level"] = _("Sản phẩm 5 sao do Trung ương công nhận, không phải cấp tỉnh.")
        if self.stars in (3, 4) and self.issuing_level != self.Level.PROVINCE:
            errors["issuing_level"] = _("Sản phẩm 3 và 4 sao do Ủy ban nhân dân cấp tỉnh công nhận.")
        if self.issuing_level == self.Level.PROVINCE and not self.issuing_province_id:
            errors["issuing_province"] = _("Chọn tỉnh / thành phố đã công nhận sản phẩm.")
        if self.issuing_level == self.Level.CENTRAL and self.issuing_province_id:
            errors["issuing_province"] = _("Giấy chứng nhận cấp Trung ương không ghi tỉnh công nhận.")
        if self.issue_date and self.expiry_date and self.expiry_date <= self.issue_date:
            errors["expiry_date"] = _("Ngày hết hạn phải sau ngày cấp.")
        if self.issue_date and self.issue_date > timezone.localdate():
            errors["issue_date"] = _("Ngày cấp không thể ở tương lai.")
        if self.certificate_number and self.status != self.Status.REJECTED:
            live = OcopCertificate.objects.exclude(status=self.Status.REJECTED).exclude(pk=self.pk)
            if live.filter(certificate_number=self.certificate_number).exists():
                errors["certificate_number"] = _("Số giấy chứng nhận này đã được khai báo.")
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # The certificate number's uniqueness is checked in clean(), with the message on its field.
        super().validate_constraints(exclude={*(exclude or ()), "certificate_number"})

    def is_valid_on(self, day=None):
        return self.status == self.Status.VERIFIED and self.expiry_date >= (day or timezone.localdate())


class CertificateDecision(StatusChange):
    """One change of a certificate's status: who, when, from, to and why (from nothing to "submitted" when a member
    declares it)."""

    certificate = models.ForeignKey(OcopCertificate, on_delete=models.CASCADE, related_name="decisions")
    from_status = models.CharField(max_length=10, choices=OcopCertificate.Status.choices)
    to_status = models.CharField(max_length=10, choices=OcopCertificate.Status.choices)

    class Meta(StatusChange.Meta):
        pass

    def __str__(self):
        return f"{self.certificate}: {self.from_status} → {self.to_status}"


class Batch(models.Model):
    """A production lot (lô) of one product: what a traceability stamp points back to."""

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="batches", verbose_name=_("Sản phẩm")
    )
    lot_code = models.CharField(_("Mã lô"), max_length=40)
    production_date = models.DateField(_("Ngày sản xuất"))
    expiry_date = models.DateField(_("Hạn sử dụng"), null=True, blank=True)
    origin_area = models.CharField(_("Vùng nguyên liệu / nông trại"), max_length=200, blank=True)
    quantity = models.PositiveIntegerField(_("Số lượng"))
    notes = models.TextField(_("Ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-production_date", "-pk"]
        constraints = [models.UniqueConstraint(fields=["product", "lot_code"], name="one_lot_code_per_product")]
        verbose_name = _("Lô sản xuất")
        verbose_name_plural = _("Lô sản xuất")

    def __str__(self):
        return f"{self.product} – {self.lot_code}"

    def clean(self):
        if self.expiry_date and self.production_date and self.expiry_date <= self.production_date:
            raise ValidationError({"expiry_date": _("Hạn sử dụng phải sau ngày sản xuất.")})


class Stamp(models.Model):
    """One traceability stamp (tem): an unguessable serial with a check character, printed as a QR code."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="stamps")
    serial = models.CharField(_("Mã tem"), max_length=16, unique=True)
    check_count = models.PositiveIntegerField(default=0)
    first_checked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Tem truy xuất")
        verbose_name_plural = _("Tem truy xuất")

    def __str__(self):
        return self.serial
