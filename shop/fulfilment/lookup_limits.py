"""How often the guest order lookup may be tried, per client and per e-mail.

Order numbers follow each other: with a buyer's e-mail, a script could walk the numbers and read the name, address
and phone of every order they made. A buyer types their number and e-mail once or twice; the lookup form takes a few
tries per client (ocop.ratelimit's client address, TRUSTED_PROXY_COUNT-aware) and per e-mail (whichever clients
it comes from), then answers 429 until the window ends. The e-mail is counted hashed, case and spaces ignored.
"""

import hashlib
import time
from math import ceil

from ocop.ratelimit import RateLimit


class PerEmailLimit(RateLimit):
    """A RateLimit counted by the e-mail posted in the form instead of by the client."""

    def key(self, request, now):
        email = request.POST.get("email", "").strip().lower()
        digest = hashlib.sha256(email.encode()).hexdigest()[:32]
        return f"ratelimit:{self.scope}:{digest}:{int(now // self.window)}"


PER_CLIENT = RateLimit(scope="order-lookup", limit=10, window=10 * 60)
PER_EMAIL = PerEmailLimit(scope="order-lookup-email", limit=10, window=60 * 60)


def count_lookup(request, email_given):
    """Count one lookup against the client's limit, then (once the form has a valid e-mail) the e-mail's."""
    now = time.time()
    decision = PER_CLIENT.hit(request, now)
    if decision.allowed and email_given:
        decision = PER_EMAIL.hit(request, now)
    return decision


def minutes(decision):
    return ceil(decision.retry_after / 60)
