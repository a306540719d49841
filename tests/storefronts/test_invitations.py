"""An owner invites people by e-mail to act for the cooperative; the link makes whoever signs in with it a member."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from storefronts.models import Invitation, Membership
from tests.factories import DraftStorefrontFactory, MembershipFactory, StorefrontFactory, UserFactory

MEMBERS = reverse("storefronts:members")


def accept_url(invitation):
    return reverse("storefronts:accept-invitation", kwargs={"token": invitation.token})


@pytest.fixture
def owner(db):
    stall = DraftStorefrontFactory(cooperative__name="Hợp tác xã Chè Shan tuyết Suối Giàng")
    return MembershipFactory(cooperative=stall.cooperative, user__email="chunhiem@suoigiang.example.vn").user


@pytest.fixture
def invitation(owner):
    return Invitation.objects.create(
        cooperative=owner.cooperatives.get(), email="ke-toan@suoigiang.example.vn", invited_by=owner
    )


def test_owner_invites_by_email_and_the_invitee_receives_the_link(client, owner, django_capture_on_commit_callbacks):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MEMBERS, {"email": "ke-toan@suoigiang.example.vn"})
    assert response["Location"] == MEMBERS
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.invited_by, invitation.accepted_at) == (
        "ke-toan@suoigiang.example.vn",
        owner,
        None,
    )
    [message] = mail.outbox
    assert message.to == ["ke-toan@suoigiang.example.vn"]
    assert "Hợp tác xã Chè Shan tuyết Suối Giàng" in message.subject
    assert settings.SITE_URL + accept_url(invitation) in message.body
    page = client.get(MEMBERS).content.decode()
    assert "Đã gửi lời mời tới ke-toan@suoigiang.example.vn." in page
    assert "ke-toan@suoigiang.example.vn" in page.split("Lời mời đang chờ trả lời", 1)[1]


def test_invitation_link_follows_the_language_the_owner_is_using(client, owner, django_capture_on_commit_callbacks):
    client.force_login(owner)
    with translation.override("en"):
        members_in_english = reverse("storefronts:members")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(members_in_english, {"email": "friend@example.com"})
    with translation.override("en"):
        link = settings.SITE_URL + accept_url(Invitation.objects.get())
    assert link.startswith(settings.SITE_URL + "/en/invitations/")
    assert link in mail.outbox[0].body


@pytest.mark.parametrize(
    "email, refusal",
    [
        ("chunhiem@suoigiang.example.vn", "chunhiem@suoigiang.example.vn đã là thành viên của hợp tác xã."),
        ("KE-TOAN@suoigiang.example.vn", "đang chờ trả lời; không gửi thêm lời mời trùng"),
    ],
    ids=["member", "pending-invitation"],
)
def test_inviting_a_member_or_an_address_already_invited_is_refused(
    client, owner, invitation, email, refusal, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MEMBERS, {"email": email})
    assert response.status_code == 400
    page = response.content.decode()
    assert refusal in page
    assert f'value="{email}"' in page
    assert Invitation.objects.count() == 1
    assert Membership.objects.count() == 1
    assert mail.outbox == []


def test_invalid_address_is_refused_and_kept(client, owner):
    client.force_login(owner)
    response = client.post(MEMBERS, {"email": "khong phai thu"})
    assert response.status_code == 400
    assert 'value="khong phai thu"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_invitee_accepts_and_becomes_a_member(client, invitation):
    invitee = UserFactory(email="ke-toan@suoigiang.example.vn")
    client.force_login(invitee)
    page = client.get(accept_url(invitation)).content.decode()
    assert "Hợp tác xã Chè Shan tuyết Suối Giàng" in page
    assert "Nhận lời mời" in page
    response = client.post(accept_url(invitation))
    assert response["Location"] == reverse("storefronts:application")
    membership = Membership.objects.get(user=invitee)
    assert (membership.cooperative, membership.role) == (invitation.cooperative, Membership.Role.MEMBER)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    overview = client.get(reverse("storefronts:application")).content.decode()
    assert "Bạn đã tham gia Hợp tác xã Chè Shan tuyết Suối Giàng" in overview
    assert reverse("storefronts:members") not in overview  # members do not manage invitations


def test_invitee_of_an_open_stall_joins_its_partner_but_not_oscars_dashboard(client, db):
    stall = StorefrontFactory()
    owner = MembershipFactory(cooperative=stall.cooperative).user
    invitation = Invitation.objects.create(cooperative=stall.cooperative, email="moi@htx.vn", invited_by=owner)
    invitee = UserFactory(email="moi@htx.vn")
    client.force_login(invitee)
    client.post(accept_url(invitation))
    assert invitee in stall.partner.users.all()
    assert not type(invitee).objects.get(pk=invitee.pk).has_perm("partner.dashboard_access")


def test_invitation_links_open_after_signing_in(client, invitation):
    response = client.get(accept_url(invitation))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('customer:login')}?next={accept_url(invitation)}"


def test_used_or_unknown_invitation_links_are_not_found(client, invitation):
    client.force_login(UserFactory())
    client.post(accept_url(invitation))
    client.force_login(UserFactory())
    assert client.get(accept_url(invitation)).status_code == 404
    assert client.post(accept_url(invitation)).status_code == 404
    unknown = reverse("storefronts:accept-invitation", kwargs={"token": "khong-co-loi-moi-nay"})
    assert client.get(unknown).status_code == 404
    assert Membership.objects.filter(role=Membership.Role.MEMBER).count() == 1


def test_account_of_another_cooperative_cannot_accept(client, invitation):
    someone_else = MembershipFactory(cooperative__name="Hợp tác xã Mây tre đan Phú Vinh").user
    client.force_login(someone_else)
    response = client.post(accept_url(invitation))
    assert response.status_code == 400
    assert "Hợp tác xã Mây tre đan Phú Vinh" in response.content.decode()
    assert not Membership.objects.filter(user=someone_else, cooperative=invitation.cooperative).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_member_cannot_see_members_or_invite(client, owner, django_capture_on_commit_callbacks):
    member = MembershipFactory(cooperative=owner.cooperatives.get(), role=Membership.Role.MEMBER).user
    client.force_login(member)
    assert client.get(MEMBERS).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(MEMBERS, {"email": "ban@example.com"}).status_code == 403
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_user_without_a_cooperative_has_no_members_page(client, db):
    client.force_login(UserFactory())
    assert client.get(MEMBERS).status_code == 404


def test_members_page_lists_members_and_pending_invitations_in_few_queries(
    client, owner, django_assert_max_num_queries
):
    cooperative = owner.cooperatives.get()
    for number in range(5):
        MembershipFactory(cooperative=cooperative, role=Membership.Role.MEMBER, user__email=f"tv{number}@htx.vn")
        Invitation.objects.create(cooperative=cooperative, email=f"moi{number}@htx.vn", invited_by=owner)
    Invitation.objects.filter(email="moi0@htx.vn").update(accepted_at="2025-07-01T08:00:00+07:00")
    client.force_login(owner)
    with django_assert_max_num_queries(20):  # the layout alone (session, basket, menu) takes about 15
        page = client.get(MEMBERS).content.decode()
    assert all(f"tv{number}@htx.vn" in page for number in range(5))
    assert all(f"moi{number}@htx.vn" in page for number in range(1, 5))
    assert "moi0@htx.vn" not in page  # accepted invitations are no longer pending
