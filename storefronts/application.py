"""A cooperative member's stall application: the draft, its documents and the people invited to act for it.

An account acts for one cooperative. The first valid step of the guided form opens the application: it saves the
cooperative, makes the user its owner and opens a draft stall whose name and address (slug) are placeholders until
the stall step is filled in. Every later step saves straight into the draft, as long as the stall is a draft or staff
asked for changes. Status changes (submission included) belong to ``storefronts.workflow``.

Documents are judged by their content, never by their name or the browser's word: a registration certificate must
start like a PDF, JPEG or PNG file, and an image must decode completely with Pillow.
"""

import re
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, IntegerField, Value, When
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image

from shop.locking import lock_one
from shop.tasks import send_email_on_commit
from storefronts.models import Cooperative, Invitation, Membership, Storefront

Status = Storefront.Status

EDITABLE_STATUSES = (Status.DRAFT, Status.CHANGES_REQUESTED)
# The latest staff decision explains these statuses to the cooperative.
STATUSES_WITH_REASON = (Status.CHANGES_REQUESTED, Status.REJECTED, Status.SUSPENDED)

# --- The draft --------------------------------------------------------------------------------------------------------


def membership_for(user):
    """The membership through which ``user`` acts: their own cooperative first (owner), else the oldest one."""
    if not user.is_authenticated:
        return None
    owner_first = Case(When(role=Membership.Role.OWNER, then=Value(0)), default=Value(1), output_field=IntegerField())
    return (
        Membership.objects.filter(user=user)
        .select_related("cooperative__province", "cooperative__storefront")
        .order_by(owner_first, "created_at", "pk")
        .first()
    )


def storefront_of(membership):
    """The cooperative's stall, or None when the cooperative has none yet."""
    if membership is None:
        return None
    try:
        return membership.cooperative.storefront
    except Storefront.DoesNotExist:
        return None


def is_editable(storefront):
    return storefront is None or storefront.status in EDITABLE_STATUSES


def latest_reason(storefront):
    """The staff decision (with its reason) that put the stall in its current status, when that status needs one."""
    if storefront.status not in STATUSES_WITH_REASON:
        return None
    return storefront.transitions.filter(to_status=storefront.status).select_related("actor").first()


def start_application(user, cooperative):
    """Save the cooperative of the first step and open its draft stall, with ``user`` as its owner.

    ``cooperative`` is new, or the user's own cooperative when it was registered without a stall (e.g. in the admin).

    A second click on the same button finds the application already open and returns it unchanged.
    """
    user_model = get_user_model()
    with transaction.atomic():
        lock_one(user_model, user.pk)  # one application at a time per account
        existing = membership_for(user)
        if existing is not None and storefront_of(existing) is not None:
            return existing.cooperative.storefront
        try:
            with transaction.atomic():
                cooperative.save()
        except IntegrityError as clash:  # another application took the number since the form checked it
            message = Cooperative._meta.get_field("registration_number").error_messages["unique"]
            raise ValidationError({"registration_number": ValidationError(message, code="unique")}) from clash
        if existing is None:
            Membership.objects.create(
                user=user, cooperative=cooperative, role=Membership.Role.OWNER, language=current_language()
            )
        return Storefront.objects.create(
            cooperative=cooperative,
            slug=placeholder_slug(cooperative),
            name_vi=cooperative.name[: Storefront._meta.get_field("name").max_length],
            status=Status.DRAFT,
        )


def save_step(user, storefront, form):
    """Save one valid step of the guided form into the draft; the first step opens the application."""
    if storefront is None:
        return start_application(user, form.save(commit=False))
    if not is_editable(storefront):
        raise ValidationError(not_editable_message(storefront), code="not_editable")
    form.save()
    storefront.refresh_from_db()
    return storefront


def not_editable_message(storefront):
    return _(
        "Hồ sơ đang ở trạng thái “%(status)s” nên không sửa được. Chỉ sửa được bản nháp hoặc khi cán bộ Liên minh HTX yêu cầu bổ sung."
    ) % {"status": storefront.get_status_display()}


def current_language():
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


# --- The stall's address (slug) ---------------------------------------------------------------------------------------

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # lower-case ASCII words joined by single hyphens
PLACEHOLDER_SLUG_PREFIX = "draft_"  # the stall form never accepts "_", so a chosen address never looks like this


def placeholder_slug(cooperative):
    return f"{PLACEHOLDER_SLUG_PREFIX}{cooperative.pk}"


def is_placeholder_slug(slug):
    return slug.startswith(PLACEHOLDER_SLUG_PREFIX)


def slug_from(text):
    """An ASCII address from Vietnamese text: "Mật ong Đắk Lắk" → "mat-ong-dak-lak"."""
    return slugify((text or "").replace("đ", "d").replace("Đ", "D"))


def suggest_slug(text, storefront=None):
    """A free address built from ``text``, numbered ("-2", "-3"...) when another stall already uses it."""
    base = slug_from(text)[:70].strip("-") or "gian-hang"
    taken = set(
        Storefront.objects.filter(slug__startswith=base)
        .exclude(pk=getattr(storefront, "pk", None))
        .values_list("slug", flat=True)
    )
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def slug_is_taken(slug, storefront=None):
    return Storefront.objects.filter(slug=slug).exclude(pk=getattr(storefront, "pk", None)).exists()


# --- Documents --------------------------------------------------------------------------------------------------------

MAX_DOCUMENT_SIZE = 10 * 1024 * 1024
# The first bytes of each accepted format and the extension the stored file gets.
DOCUMENT_SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)
PDF_END_MARKER = b"%%EOF"
PDF_TAIL = 4096  # readers look for the end marker near the end of the file
MAX_IMAGE_PIXELS = 50_000_000  # an A4 page scanned at 600 dpi is about 35 million


def document_type(head):
    """(content type, extension) that the first bytes announce, or None for any other content."""
    for signature, content_type, extension in DOCUMENT_SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    return None


def check_document(upload):
    """Refuse anything but a complete PDF, JPEG or PNG of at most 10 MB; returns (content type, extension)."""
    if upload.size > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            _(
                "Tệp nặng %(size)s, vượt quá giới hạn 10 MB. Hãy quét lại với độ phân giải thấp hơn hoặc chụp ảnh giấy chứng nhận."
            ),
            code="too_large",
            params={"size": filesizeformat(upload.size)},
        )
    upload.seek(0)
    kind = document_type(upload.read(16))
    if kind is None:
        raise ValidationError(
            _(
                "Tệp này không phải PDF, JPEG hay PNG (dù tên tệp có thể ghi như vậy). Hãy tải lên bản quét hoặc ảnh chụp giấy chứng nhận ở dạng PDF, JPG hoặc PNG."
            ),
            code="invalid_type",
        )
    content_type, _extension = kind
    if content_type == "application/pdf":
        check_pdf(upload)
    else:
        check_image(upload)
    upload.seek(0)
    return kind


def check_pdf(upload):
    upload.seek(max(upload.size - PDF_TAIL, 0))
    if PDF_END_MARKER not in upload.read():
        raise ValidationError(
            _("Tệp PDF không trọn vẹn (có thể bị cắt khi tải lên hoặc khi lưu). Hãy lưu lại tệp rồi tải lên lần nữa."),
            code="broken",
        )


def check_image(upload):
    """The image must pass Pillow's integrity check, be of a sane size, and decode to the last pixel."""
    upload.seek(0)
    with unreadable_image_refused(), Image.open(upload) as image:
        width, height = image.size
        image.verify()
    if width * height > MAX_IMAGE_PIXELS:  # a small file may still unpack into gigabytes of pixels
        raise ValidationError(
            _("Ảnh quá lớn (%(width)s × %(height)s điểm ảnh). Hãy chụp hoặc quét với độ phân giải thấp hơn."),
            code="too_many_pixels",
            params={"width": width, "height": height},
        )
    upload.seek(0)
    with unreadable_image_refused(), Image.open(upload) as image:
        image.load()


@contextmanager
def unreadable_image_refused():
    try:
        yield
    except Exception as broken:  # Pillow signals a damaged file with many exception types; each means "unreadable"
        raise ValidationError(
            _(
                "Ảnh bị hỏng hoặc không trọn vẹn nên không đọc được. Hãy chụp hoặc quét lại giấy chứng nhận rồi tải lên lần nữa."
            ),
            code="broken",
        ) from broken


def has_certificate(cooperative):
    document = cooperative.registration_certificate
    return bool(document) and document.storage.exists(document.name)


def certificate_uploaded_at(cooperative):
    """When the stored certificate was uploaded (its file's time), or None when there is none."""
    if not has_certificate(cooperative):
        return None
    document = cooperative.registration_certificate
    return document.storage.get_modified_time(document.name)


def store_certificate(cooperative, upload, extension):
    """Keep ``upload`` as the cooperative's certificate; the one it replaces is deleted once the change is saved."""
    previous = cooperative.registration_certificate.name if has_certificate(cooperative) else None
    upload.name = f"giay-chung-nhan{extension}"
    cooperative.registration_certificate = upload
    cooperative.save(update_fields=["registration_certificate", "updated_at"])
    if previous and previous != cooperative.registration_certificate.name:
        storage = cooperative.registration_certificate.storage
        transaction.on_commit(lambda: storage.delete(previous))


def certificate_download(cooperative):
    """(stored file, content type, download name) of the certificate, or None when there is none."""
    if not has_certificate(cooperative):
        return None
    document = cooperative.registration_certificate
    kind = document_type(document.storage.head(document.name, 16))
    content_type, extension = kind or ("application/octet-stream", "")
    return document, content_type, f"giay-chung-nhan-{cooperative.registration_number}{extension}"


# --- Invitations ------------------------------------------------------------------------------------------------------


def is_owner(membership):
    return membership is not None and membership.role == Membership.Role.OWNER


def pending_invitations(cooperative):
    return cooperative.invitations.filter(accepted_at__isnull=True).select_related("invited_by")


def invite_member(cooperative, inviter, email):
    """Record an invitation for ``email`` and e-mail its link, written in the inviter's current language."""
    email = email.strip()
    if cooperative.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(_("%(email)s đã là thành viên của hợp tác xã."), code="member", params={"email": email})
    if pending_invitations(cooperative).filter(email__iexact=email).exists():
        raise ValidationError(
            _("Đã có lời mời gửi tới %(email)s đang chờ trả lời; không gửi thêm lời mời trùng."),
            code="pending",
            params={"email": email},
        )
    invitation = Invitation.objects.create(cooperative=cooperative, email=email, invited_by=inviter)
    context = {
        "invitation": invitation,
        "cooperative": cooperative,
        "inviter": inviter,
        "accept_url": settings.SITE_URL + reverse("storefronts:accept-invitation", kwargs={"token": invitation.token}),
    }
    subject = " ".join(render_to_string("storefronts/email/invitation_subject.txt", context).split())
    body = render_to_string("storefronts/email/invitation_body.txt", context)
    send_email_on_commit(subject, body, [email])
    return invitation


def open_invitation(token):
    """The unanswered invitation with this token, or None."""
    return (
        Invitation.objects.select_related("cooperative", "invited_by")
        .filter(token=token, accepted_at__isnull=True)
        .first()
    )


def invitation_conflict(invitation, user):
    """Why ``user`` cannot accept the invitation (they already act for another cooperative), or None."""
    other = (
        Membership.objects.filter(user=user)
        .exclude(cooperative=invitation.cooperative)
        .select_related("cooperative")
        .first()
    )
    if other is None:
        return None
    return _(
        "Tài khoản của bạn đang đại diện cho %(cooperative)s. Mỗi tài khoản chỉ làm việc cho một hợp tác xã; hãy đăng nhập bằng tài khoản khác để nhận lời mời này."
    ) % {"cooperative": other.cooperative.name}


def accept_invitation(invitation, user):
    """Make ``user`` a member of the inviting cooperative (and of its partner, once the stall has opened).

    The token is the credential: whoever signs in with the link may accept it, once. Returns the membership, or
    None when the invitation was answered meanwhile.
    """
    with transaction.atomic():
        try:
            invitation = lock_one(Invitation.objects.filter(accepted_at__isnull=True), invitation.pk)
        except Invitation.DoesNotExist:  # answered meanwhile
            return None
        conflict = invitation_conflict(invitation, user)
        if conflict:
            raise ValidationError(conflict, code="other_cooperative")
        membership, _created = Membership.objects.get_or_create(
            user=user,
            cooperative=invitation.cooperative,
            defaults={"role": Membership.Role.MEMBER, "language": current_language()},
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        storefront = Storefront.objects.select_related("partner").filter(cooperative=invitation.cooperative).first()
        if storefront is not None and storefront.partner is not None:
            grant_partner_access(storefront.partner, user)
    return membership


def grant_partner_access(partner, user):
    """What ``workflow.open_partner`` gives every member when the stall first opens: a user of the stall's partner,
    never Oscar's dashboard (members work in /<lang>/my-stall/ only)."""
    partner.users.add(user)
