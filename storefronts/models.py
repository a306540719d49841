"""Cooperatives, the people who act for them, and their stalls (gian hàng) on the marketplace."""

import secrets
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shop import private_files
from shop.review.models import StatusChange
from storefronts.theming import validate_hex_colour
from storefronts.validators import normalize_phone, validate_phone, validate_registration_number


class Province(models.Model):
    """One of the 34 provincial-level units in force since 1 July 2025 (6 cities, 28 provinces)."""

    class Kind(models.TextChoices):
        CITY = "city", _("Thành phố trực thuộc trung ương")
        PROVINCE = "province", _("Tỉnh")

    slug = models.SlugField(_("Mã"), unique=True)
    name = models.CharField(_("Tên"), max_length=64, unique=True)
    kind = models.CharField(_("Loại"), max_length=16, choices=Kind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Tỉnh / thành phố")
        verbose_name_plural = _("Tỉnh / thành phố")

    def __str__(self):
        return self.name


def private_storage():
    """The "private" storage (shop/private_files.py); a function because the migrations name it."""
    return private_files.private_storage


def certificate_path(instance, filename):
    """An unguessable name that keeps only the file's extension."""
    return f"cooperatives/certificates/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Cooperative(models.Model):
    """A cooperative (hợp tác xã) as registered with the state."""

    class Kind(models.TextChoices):
        AGRICULTURAL = "agricultural", _("Hợp tác xã nông nghiệp")
        NON_AGRICULTURAL = "non_agricultural", _("Hợp tác xã phi nông nghiệp")
        UNION = "union", _("Liên hiệp hợp tác xã")
        GROUP = "group", _("Tổ hợp tác")

    name = models.CharField(_("Tên hợp tác xã"), max_length=200)
    short_name = models.CharField(_("Tên viết tắt"), max_length=80, blank=True)
    registration_number = models.CharField(
        _("Mã số HTX / mã số thuế"),
        max_length=14,
        unique=True,
        validators=[validate_registration_number],
        error_messages={"unique": _("Mã số này đã được một hợp tác xã khác đăng ký.")},
    )
    kind = models.CharField(_("Loại hình"), max_length=20, choices=Kind.choices, default=Kind.AGRICULTURAL)
    province = models.ForeignKey(Province, verbose_name=_("Tỉnh / thành phố"), on_delete=models.PROTECT)
    commune = models.CharField(_("Xã / phường / đặc khu"), max_length=100)
    street_address = models.CharField(_("Địa chỉ (thôn, ấp, số nhà, đường)"), max_length=200, blank=True)
    phone = models.CharField(_("Điện thoại"), max_length=20, validators=[validate_phone])
    email = models.EmailField(_("Thư điện tử"))
    website = models.URLField(_("Trang web"), blank=True)
    year_founded = models.PositiveSmallIntegerField(
        _("Năm thành lập"), null=True, blank=True, validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    member_count = models.PositiveIntegerField(_("Số thành viên"), null=True, blank=True)
    description = models.TextField(_("Giới thiệu"), blank=True)
    logo = models.ImageField(_("Logo"), upload_to="cooperatives/logos/", blank=True)
    registration_certificate = models.FileField(
        _("Giấy chứng nhận đăng ký hợp tác xã"), upload_to=certificate_path, storage=private_storage, blank=True
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="cooperatives", verbose_name=_("Thành viên")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Hợp tác xã")
        verbose_name_plural = _("Hợp tác xã")

    def __str__(self):
        return self.name

    def clean(self):
        self.phone = normalize_phone(self.phone)


class Membership(models.Model):
    """A user who acts for a cooperative: the owner manages the stall and invites members."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Chủ nhiệm / người đại diện")
        MEMBER = "member", _("Thành viên")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("Vai trò"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    language = models.CharField(
        _("Ngôn ngữ nhận thư"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "cooperative"], name="one_membership_per_cooperative")]
        verbose_name = _("Thành viên hợp tác xã")
        verbose_name_plural = _("Thành viên hợp tác xã")

    def __str__(self):
        return f"{self.user} – {self.cooperative} ({self.get_role_display()})"


class StorefrontQuerySet(models.QuerySet):
    def public(self):
        """Stalls a shopper may see: approved (a suspended stall is no longer approved)."""
        return self.filter(status=Storefront.Status.APPROVED)


class Storefront(models.Model):
    """A cooperative's stall. It sells through an Oscar Partner, created when the stall is first approved."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
        CHANGES_REQUESTED = "changes_requested", _("Cần bổ sung")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Bị từ chối")
        SUSPENDED = "suspended", _("Tạm ngừng")

    cooperative = models.OneToOneField(Cooperative, on_delete=models.CASCADE, related_name="storefront")
    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.PROTECT, null=True, blank=True, related_name="storefront"
    )
    slug = models.SlugField(_("Đường dẫn"), max_length=80, unique=True)
    name = models.CharField(_("Tên gian hàng"), max_length=120)
    tagline = models.CharField(_("Khẩu hiệu"), max_length=200, blank=True)
    about = models.TextField(_("Giới thiệu gian hàng"), blank=True)
    banner = models.ImageField(_("Ảnh bìa"), upload_to="storefronts/banners/", blank=True)
    logo = models.ImageField(_("Logo"), upload_to="storefronts/logos/", blank=True)
    # The look the stall chose on its appearance screen (storefronts.theming, storefronts.appearance). Empty theme or
    # colour: the default theme, the theme's own colour. The banner is cropped to the theme's shape from
    # banner_source, the cleaned picture the member uploaded, so a change of theme crops it again without loss.
    theme = models.CharField(_("Giao diện"), max_length=32, blank=True)
    primary_color = models.CharField(_("Màu chủ đạo"), max_length=7, blank=True, validators=[validate_hex_colour])
    banner_source = models.ImageField(_("Ảnh bìa gốc"), upload_to="storefronts/banners/sources/", blank=True)
    status = models.CharField(_("Trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    submitted_at = models.DateTimeField(_("Gửi duyệt lúc"), null=True, blank=True)

    objects = StorefrontQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Gian hàng")
        verbose_name_plural = _("Gian hàng")
        permissions = [("review_storefront", _("Duyệt, tạm ngừng và khôi phục gian hàng"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("storefronts:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED


class StorefrontTransition(StatusChange):
    """One change of a stall's status: who made it, when, from which status to which, and why."""

    storefront = models.ForeignKey(Storefront, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=Storefront.Status.choices)
    to_status = models.CharField(max_length=20, choices=Storefront.Status.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta(StatusChange.Meta):
        verbose_name = _("Lịch sử trạng thái gian hàng")
        verbose_name_plural = _("Lịch sử trạng thái gian hàng")

    def __str__(self):
        return f"{self.storefront}: {self.from_status} → {self.to_status}"


def invitation_token():
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """An owner's invitation, sent by e-mail, for someone to act for the cooperative as a member."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("Thư điện tử"))
    token = models.CharField(max_length=40, unique=True, default=invitation_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Lời mời thành viên")
        verbose_name_plural = _("Lời mời thành viên")

    def __str__(self):
        return f"{self.email} → {self.cooperative}"
