"""A cooperative member's own stall application under /<lang>/my-stall/: overview, guided steps, submission, the
stored certificate, the cooperative's members and invitations.

No URL here names a cooperative: each view works on the signed-in user's own one (``application.membership_for``),
so another cooperative's application can never be reached. Visitors who are not signed in go to the login page;
every signed-in account gets in, with a stall or without one (``stall_access = "applicant"``): here it starts one.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from shop.private_files import private_file_response
from storefronts import application, seller_centre, workflow
from storefronts.access import StallMemberRequiredMixin
from storefronts.forms import STEPS, STEPS_BY_SLUG, InvitationForm, checklist, first_incomplete_step, next_step


def step_url(step):
    return reverse("storefronts:application-step", kwargs={"step": step.slug})


class ApplicantMixin(StallMemberRequiredMixin):
    """Signed-in users, with a stall or not; ``membership`` and ``storefront`` are the user's own (or None)."""

    stall_access = "applicant"


class ApplicationView(ApplicantMixin, View):
    """The stall home: a welcome before the application starts, then its status, checklist and submit button; once
    the stall has opened, the seller centre on top (what needs doing now, and every tool)."""

    def get(self, request):
        storefront = self.storefront
        if storefront is None:
            return render(request, "storefronts/application/welcome.html", {"first_step": STEPS[0]})
        steps = checklist(storefront)
        editable = application.is_editable(storefront)
        context = {
            "storefront": storefront,
            "cooperative": storefront.cooperative,
            "steps": steps,
            "editable": editable,
            "can_submit": editable and all(complete for _, complete in steps),
            "decision": application.latest_reason(storefront),
            "is_owner": application.is_owner(self.membership),
            "certificate_uploaded_at": application.certificate_uploaded_at(storefront.cooperative),
        }
        if storefront.partner_id is not None:  # the stall has opened: its home is the seller centre
            context["tasks"] = seller_centre.tasks(storefront)
            context["tools"] = seller_centre.tools()
        return render(request, "storefronts/application/overview.html", context)


class ApplicationStepView(ApplicantMixin, View):
    """One step of the guided form; each valid POST saves the draft and moves on (or back to the overview)."""

    def get(self, request, step):
        step = self.get_step(step)
        refusal = self.refuse(step)
        if refusal:
            return refusal
        return self.render_step(step, step.form(self.storefront, cooperative=self.cooperative))

    def post(self, request, step):
        step = self.get_step(step)
        refusal = self.refuse(step)
        if refusal:
            return refusal
        form = step.form(self.storefront, request.POST, request.FILES, cooperative=self.cooperative)
        if form.is_valid():
            try:
                application.save_step(request.user, self.storefront, form)
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                return self.after_save(step)
        return self.render_step(step, form, status=400)

    def get_step(self, slug):
        try:
            return STEPS_BY_SLUG[slug]
        except KeyError:
            raise Http404 from None

    def refuse(self, step):
        """A redirect when this step cannot be edited now, else None."""
        if self.storefront is None and step is not STEPS[0]:
            messages.info(self.request, _("Hãy bắt đầu với thông tin hợp tác xã."))
            return redirect(step_url(STEPS[0]))
        if not application.is_editable(self.storefront):
            messages.warning(self.request, application.not_editable_message(self.storefront))
            return redirect("storefronts:application")
        return None

    def after_save(self, step):
        following = next_step(step)
        if "save_later" in self.request.POST:
            messages.success(self.request, _("Đã lưu bản nháp. Bạn có thể quay lại hoàn thành hồ sơ bất cứ lúc nào."))
            return redirect("storefronts:application")
        if following is None:
            messages.success(self.request, _("Đã lưu. Hãy xem lại hồ sơ rồi gửi duyệt."))
            return redirect("storefronts:application")
        return redirect(step_url(following))

    def render_step(self, step, form, status=200):
        storefront = self.storefront
        index = STEPS.index(step)
        context = {
            "step": step,
            "form": form,
            "storefront": storefront,
            "steps": checklist(storefront) if storefront else [(each, False) for each in STEPS],
            "number": index + 1,
            "total": len(STEPS),
            "previous": STEPS[index - 1] if index else None,
            "is_last": next_step(step) is None,
        }
        return render(self.request, "storefronts/application/step.html", context, status=status)


class SubmitApplicationView(ApplicantMixin, View):
    """Send the application (or send it again after changes were requested) for union staff to review."""

    http_method_names = ["post"]

    def post(self, request):
        storefront = self.storefront
        if storefront is None:
            raise Http404
        missing = first_incomplete_step(storefront) if application.is_editable(storefront) else None
        if missing is not None:
            messages.error(
                request,
                _("Hồ sơ chưa đủ để gửi: hãy hoàn thành bước “%(step)s”.") % {"step": missing.title},
            )
            return redirect(step_url(missing))
        try:
            workflow.submit_application(storefront, request.user)
        except workflow.IllegalTransition as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request,
                _("Đã gửi hồ sơ. Cán bộ Liên minh HTX sẽ xem xét và báo kết quả qua thư điện tử."),
            )
        return redirect("storefronts:application")


class OwnCertificateView(ApplicantMixin, View):
    """The user's own cooperative's registration certificate, always as a download."""

    def get(self, request):
        download = application.certificate_download(self.cooperative) if self.cooperative else None
        if download is None:
            raise Http404
        document, content_type, filename = download
        return private_file_response(document, filename=filename, content_type=content_type)


class MembersView(ApplicantMixin, View):
    """The owner's page of the people who act for the cooperative, and invitations for more."""

    template_name = "storefronts/application/members.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if self.membership is None:
                raise Http404
            if not application.is_owner(self.membership):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render_members(InvitationForm())

    def post(self, request):
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                invitation = application.invite_member(self.cooperative, request.user, form.cleaned_data["email"])
            except ValidationError as refused:
                form.add_error("email", refused)
            else:
                messages.success(request, _("Đã gửi lời mời tới %(email)s.") % {"email": invitation.email})
                return redirect("storefronts:members")
        return self.render_members(form, status=400)

    def render_members(self, form, status=200):
        cooperative = self.cooperative
        context = {
            "cooperative": cooperative,
            "memberships": cooperative.memberships.select_related("user").order_by("-role", "created_at", "pk"),
            "invitations": application.pending_invitations(cooperative),
            "form": form,
        }
        return render(self.request, self.template_name, context, status=status)


class AcceptInvitationView(ApplicantMixin, View):
    """The invitation behind an e-mailed link: GET shows it, POST accepts it. Unknown or used links are 404."""

    template_name = "storefronts/application/invitation.html"

    def get(self, request, token):
        return self.render_invitation(self.get_invitation(token))

    def post(self, request, token):
        invitation = self.get_invitation(token)
        try:
            membership = application.accept_invitation(invitation, request.user)
        except ValidationError as refused:
            return self.render_invitation(invitation, error=refused.messages[0], status=400)
        if membership is None:
            raise Http404
        messages.success(
            request,
            _("Bạn đã tham gia %(cooperative)s. Từ nay bạn có thể cùng quản lý gian hàng.")
            % {"cooperative": invitation.cooperative.name},
        )
        return redirect("storefronts:application")

    def get_invitation(self, token):
        invitation = application.open_invitation(token)
        if invitation is None:
            raise Http404
        return invitation

    def render_invitation(self, invitation, error=None, status=200):
        cooperative = invitation.cooperative
        context = {
            "invitation": invitation,
            "cooperative": cooperative,
            "already_member": cooperative.memberships.filter(user=self.request.user).exists(),
            "conflict": error or application.invitation_conflict(invitation, self.request.user),
        }
        return render(self.request, self.template_name, context, status=status)
