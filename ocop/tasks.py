from celery import shared_task

from ocop.workflow import run_daily


@shared_task
def ocop_daily():
    """The daily OCOP job, for Celery beat."""
    return run_daily()
