"""What the application services refuse carries a code beside the member's message, so that a program can tell the
refusals apart without reading Vietnamese."""

import pytest
from django.core.exceptions import ValidationError

from storefronts import application
from storefronts.models import Invitation, Membership, Storefront
from tests.factories import DraftStorefrontFactory, MembershipFactory, UserFactory


@pytest.fixture
def owner(db):
    stall = DraftStorefrontFactory(cooperative__name="Hợp tác xã Chè Shan tuyết Suối Giàng")
    return MembershipFactory(cooperative=stall.cooperative).user


def test_an_application_waiting_for_review_cannot_be_edited_and_says_so_with_its_code(owner):
    stall = Storefront.objects.get()
    Storefront.objects.filter(pk=stall.pk).update(status=Storefront.Status.SUBMITTED)
    stall.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        application.save_step(owner, stall, form=None)

    assert refused.value.code == "not_editable"
    assert "không sửa được" in refused.value.messages[0]


def test_inviting_someone_already_a_member_is_refused_with_its_code(owner):
    cooperative = owner.cooperatives.get()

    with pytest.raises(ValidationError) as refused:
        application.invite_member(cooperative, owner, owner.email)

    assert refused.value.code == "member"
    assert not Invitation.objects.exists()


def test_an_account_of_another_cooperative_accepting_an_invitation_is_refused_with_its_code(owner):
    invitation = Invitation.objects.create(
        cooperative=owner.cooperatives.get(), email="ke-toan@suoigiang.example.vn", invited_by=owner
    )
    someone_else = MembershipFactory(cooperative__name="Hợp tác xã Mây tre đan Phú Vinh").user

    with pytest.raises(ValidationError) as refused:
        application.accept_invitation(invitation, someone_else)

    assert refused.value.code == "other_cooperative"
    assert "Hợp tác xã Mây tre đan Phú Vinh" in refused.value.messages[0]
    assert not Membership.objects.filter(user=someone_else, cooperative=invitation.cooperative).exists()


def test_an_invitation_answered_meanwhile_is_not_accepted_twice(owner):
    invitation = Invitation.objects.create(
        cooperative=owner.cooperatives.get(), email="ke-toan@suoigiang.example.vn", invited_by=owner
    )
    first, second = UserFactory(), UserFactory()
    assert application.accept_invitation(invitation, first) is not None

    assert application.accept_invitation(invitation, second) is None
    assert not Membership.objects.filter(user=second).exists()
