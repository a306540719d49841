"""The WSGI application (gunicorn: ``gunicorn shop.wsgi``).

Python's full garbage collections walk every object the process holds. A worker holds about 300,000 objects once
Django, Oscar and Wagtail have served a page, nearly all of them alive for as long as the process, so each full
collection took 200–250 ms and landed on a random request every few dozen: the long tail of the category page under
load (bench/README.md). Those long-lived objects are moved out of the collector's reach (``gc.freeze``): once when the
application is loaded, and again once the first request has loaded the templates, URL patterns and translations.
"""

import gc
import os

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

application = get_wsgi_application()


def freeze_what_lives_on(**kwargs):
    """At the start of the second request: what the first one loaded stays, and the first request itself is gone."""
    request_started.disconnect(freeze_what_lives_on)
    gc.collect()
    gc.freeze()


def freeze_at_the_next_request(**kwargs):
    request_finished.disconnect(freeze_at_the_next_request)
    request_started.connect(freeze_what_lives_on)


gc.collect()
gc.freeze()
request_finished.connect(freeze_at_the_next_request)
