"""What every party's page shows of a complaint: the part of the order it concerns, the photos, the messages (with
their author's party and time) and the status changes with their reasons, in a fixed number of queries."""

from shop.complaints.models import Complaint
from shop.complaints.workflow import COMPLAINTS


def complaints_with_thread():
    return Complaint.objects.select_related("stall_order__order", "stall_order__storefront", "refund").prefetch_related(
        "photos"
    )


def thread_context(complaint):
    stall_order = complaint.stall_order
    return {
        "complaint": complaint,
        "stall_order": stall_order,
        "order": stall_order.order,
        "lines": list(stall_order.lines().order_by("pk")),
        "photos": list(complaint.photos.all()),
        "thread_messages": list(complaint.messages.all()),
        "history": list(COMPLAINTS.history(complaint)),
    }
