from django.http import Http404
from django.views import View


class Placeholder(View):  # replaced by the member's application journey
    def dispatch(self, *args, **kwargs):
        raise Http404


ApplicationView = ApplicationStepView = SubmitApplicationView = OwnCertificateView = Placeholder
MembersView = AcceptInvitationView = Placeholder
