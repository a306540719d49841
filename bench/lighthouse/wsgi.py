"""The site as a reverse proxy serves it: text responses gzipped when the browser accepts it (nginx's `gzip on`).

Django's development server sends everything uncompressed, which would make Lighthouse measure a transfer no
visitor sees; bench/lighthouse/run.py serves this module with gunicorn instead.
"""

import gzip

from django.core.wsgi import get_wsgi_application

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
MINIMUM_BYTES = 200


def gzip_responses(app):
    def compressed_app(environ, start_response):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=headers)
            return lambda data: None  # no write() callable users in Django

        body_iterable = app(environ, capture)
        try:
            body = b"".join(body_iterable)
        finally:
            if hasattr(body_iterable, "close"):
                body_iterable.close()
        headers = captured["headers"]
        names = {name.lower(): value for name, value in headers}
        if (
            "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "")
            and names.get("content-type", "").startswith(COMPRESSIBLE)
            and "content-encoding" not in names
            and len(body) >= MINIMUM_BYTES
        ):
            body = gzip.compress(body, compresslevel=6)
            vary = ", ".join(filter(None, [names.get("vary"), "Accept-Encoding"]))
            headers = [(name, value) for name, value in headers if name.lower() not in ("content-length", "vary")]
            headers += [("Content-Encoding", "gzip"), ("Content-Length", str(len(body))), ("Vary", vary)]
        start_response(captured["status"], headers)
        return [body]

    return compressed_app


application = gzip_responses(get_wsgi_application())
