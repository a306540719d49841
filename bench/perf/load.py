"""Load drivers: pages at a fixed rate (open loop, Python threads), pages as fast as they come (wrk, closed loop),
add to basket at a fixed rate, and buyers checking out with cash on delivery.

The fixed-rate driver measures each request from the moment it was due, not from when a thread got round to it, so
a server falling behind shows as latency instead of a lower rate (no coordinated omission, as wrk2 does).
"""

import http.client
import json
import random
import re
import statistics
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

HERE = Path(__file__).resolve().parent
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
SHIPPING_FIELD = re.compile(r'name="(shipping_\d+)"')
TIMEOUT = 30


@dataclass
class Result:
    """Figures of one scenario: latencies in milliseconds."""

    name: str
    mode: str  # "fixed 20/s", "wrk 10 connections", "checkout 8 buyers"
    requests: int = 0
    seconds: float = 0.0
    latencies: list = field(default_factory=list)
    errors: int = 0
    statuses: dict = field(default_factory=dict)
    hits: int = 0
    extra: dict = field(default_factory=dict)
    percentiles: dict = field(default_factory=dict)  # when the tool gives them directly (wrk)

    @property
    def rate(self):
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, fraction):
        key = f"p{round(fraction * 100)}"
        if key in self.percentiles:
            return self.percentiles[key]
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]

    def as_dict(self):
        return {
            "name": self.name,
            "mode": self.mode,
            "requests": self.requests,
            "seconds": round(self.seconds, 2),
            "rate": round(self.rate, 1),
            "p50_ms": round(self.percentile(0.50), 1),
            "p95_ms": round(self.percentile(0.95), 1),
            "p99_ms": round(self.percentile(0.99), 1),
            "mean_ms": round(statistics.fmean(self.latencies), 1) if self.latencies else None,
            "errors": self.errors,
            "error_rate": round(self.errors / self.requests, 4) if self.requests else 0,
            "statuses": self.statuses,
            "cache_hits": self.hits,
            **self.extra,
        }


class Visitor:
    """One browser: its own connection and cookies (kept by hand: the site marks them Secure, and the load arrives
    over plain HTTP as it would from a TLS-terminating proxy)."""

    def __init__(self, base):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.cookies = {}
        self.connection = None

    def request(self, method, path, form=None, headers=None):
        """(status, headers, body text); reconnects when the server closed the connection (gunicorn's sync
        workers close after each response)."""
        body = urlencode(form, doseq=True) if form is not None else None
        sent = {"Host": f"{self.host}:{self.port}", "Accept-Encoding": "identity", **(headers or {})}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
            try:
                self.connection.request(method, path, body=body, headers=sent)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                self.connection = None
                if attempt:
                    raise
        self.keep_cookies(response.msg.get_all("Set-Cookie") or [])
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        return response.status, response, text

    def keep_cookies(self, headers):
        for header in headers:
            pair, *attributes = header.split(";")
            name, _, value = pair.strip().partition("=")
            expired = any(a.strip().lower() in ("max-age=0",) for a in attributes) or (
                any("expires=thu, 01 jan 1970" in a.strip().lower() for a in attributes)
            )
            if expired or value in ('""', ""):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


# --- Pages at a fixed rate ---------------------------------------------------------------------------------------


def fixed_rate(base, name, paths, rate, seconds, method="GET", make_request=None, workers=64):
    """Send ``rate`` requests a second for ``seconds``, cycling through ``paths``; each request on a fresh
    anonymous visitor unless ``make_request(visitor_pool_index)`` supplies (visitor, method, path, form)."""
    result = Result(name, f"fixed {rate:g}/s")
    total = int(rate * seconds)
    lock = threading.Lock()
    local = threading.local()
    started = time.perf_counter()

    def one(index, due):
        if make_request is not None:
            visitor, verb, path, form = make_request(index)
        else:
            visitor = getattr(local, "visitor", None)
            if visitor is None:
                visitor = local.visitor = Visitor(base)
            visitor.cookies.clear()  # anonymous, as a first-time visitor
            verb, path, form = method, paths[index % len(paths)], None
        try:
            status, response, _text = visitor.request(verb, path, form)
            hit = response.getheader("X-Page-Cache") == "hit"
        except Exception:  # noqa: BLE001 (a refused or timed-out request is an error of the run, counted)
            status, hit = 599, False
        latency = (time.perf_counter() - due) * 1000
        with lock:
            result.latencies.append(latency)
            result.statuses[status] = result.statuses.get(status, 0) + 1
            result.errors += status >= 500 or (status >= 400 and status != 409)
            result.hits += hit
            slowest = result.extra.setdefault("slowest", [])
            slowest.append((round(latency), round((due - started) * 1000), path))
            slowest.sort(reverse=True)
            del slowest[5:]

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for index in range(total):
            due = started + index / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, index, due)
    result.seconds = time.perf_counter() - started
    result.requests = total
    return result


# --- Pages as fast as the server answers (wrk) -------------------------------------------------------------------


def wrk(base, name, paths, seconds, connections=10, threads=2, workdir=None):
    workdir = Path(workdir or "/tmp")
    listing = workdir / f"wrk-{name.replace(' ', '-')}.txt"
    listing.write_text("\n".join(paths) + "\n")
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(HERE / "pages.lua"),
        base,
        "--",
        str(listing),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    result = Result(name, f"wrk {connections} connections")
    result.requests = figures["requests"]
    result.seconds = figures["duration_us"] / 1e6
    result.statuses = {int(status): count for status, count in figures["statuses"].items()}
    result.errors = figures["socket_errors"] + sum(count for status, count in result.statuses.items() if status >= 400)
    result.hits = figures["hits"]
    result.percentiles = {key: figures[f"{key}_us"] / 1000 for key in ("p50", "p95", "p99")}
    return result


# --- Add to basket -----------------------------------------------------------------------------------------------


def add_to_basket(base, products, rate, seconds, visitors=40):
    """POST /<lang>/basket/add/<pk>/ at a fixed rate, from ``visitors`` shoppers who each opened a product page
    first (for the CSRF cookie and token); each add puts one more unit of some product in that shopper's basket."""
    pool = []
    for index in range(visitors):
        visitor = Visitor(base)
        _status, _response, text = visitor.request("GET", products[index % len(products)]["url"])
        pool.append((visitor, TOKEN.search(text).group(1), threading.Lock()))

    def make_request(index):
        visitor, token, _lock = pool[index % len(pool)]
        product = products[index % len(products)]
        path = f"/vi/basket/add/{product['pk']}/"
        return visitor, "POST", path, {"csrfmiddlewaretoken": token, "quantity": 1}

    # One request at a time per visitor: a browser does not send two forms at once on one connection.
    return fixed_rate(base, "add to basket", [], rate, seconds, make_request=locked(pool, make_request))


def locked(pool, make_request):
    """Wraps each visitor so that two requests never share its connection at once."""

    class Serialised:
        def __init__(self, visitor, lock):
            self.visitor, self.lock = visitor, lock

        def request(self, *args, **kwargs):
            with self.lock:
                return self.visitor.request(*args, **kwargs)

    def wrapped(index):
        visitor, verb, path, form = make_request(index)
        lock = pool[index % len(pool)][2]
        return Serialised(visitor, lock), verb, path, form

    return wrapped


# --- Checkout with cash on delivery ------------------------------------------------------------------------------


class Refused(Exception):
    """The shop refused the order for a reason a buyer can see (the product sold out): not an error."""


def checkout_buyers(base, products, province_id, seconds, buyers=8, seed=5):
    """``buyers`` shoppers in parallel, each again and again: open a product page, add 1-2 units, fill in the
    checkout form (cash on delivery, delivery by every stall), confirm on the review page. Counts the orders made,
    the purchases refused because the product sold out, and everything else that went wrong."""
    result = Result("checkout (COD)", f"checkout {buyers} buyers")
    steps = {}
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()
    orders, refused = [], []

    def timed(step, visitor, method, path, form=None):
        begun = time.perf_counter()
        status, response, text = visitor.request(method, path, form)
        with lock:
            steps.setdefault(step, []).append((time.perf_counter() - begun) * 1000)
            result.statuses[status] = result.statuses.get(status, 0) + 1
            result.requests += 1
        return status, response, text

    def buyer(number):
        rng = random.Random(seed * 1000 + number)
        while time.perf_counter() < deadline:
            visitor = Visitor(base)
            product = rng.choice(products)
            begun = time.perf_counter()
            try:
                number_made = purchase(visitor, product, rng.randint(1, 2), province_id, timed)
            except Refused:
                with lock:
                    refused.append(product["pk"])
                continue
            except Exception as error:  # noqa: BLE001 (anything else is an error of the run, counted and shown)
                with lock:
                    result.errors += 1
                    result.extra.setdefault("error_samples", []).append(repr(error)[:300])
                continue
            finally:
                visitor.close()
            with lock:
                orders.append(number_made)
                result.latencies.append((time.perf_counter() - begun) * 1000)

    threads = [threading.Thread(target=buyer, args=(n,)) for n in range(buyers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    result.extra.update(
        orders=len(orders),
        orders_per_second=round(len(orders) / result.seconds, 2),
        refused_sold_out=len(refused),
        steps_p95_ms={
            step: round(Result("", "", latencies=values).percentile(0.95), 1) for step, values in steps.items()
        },
        order_numbers=orders,
    )
    result.extra["error_samples"] = result.extra.get("error_samples", [])[:5]
    return result


def purchase(visitor, product, quantity, province_id, timed):
    """One buyer's way from a product page to a placed order; returns the order number."""
    status, _response, text = timed("product page", visitor, "GET", product["url"])
    token = TOKEN.search(text)
    if status != 200 or token is None:
        raise RuntimeError(f"product page {product['url']}: {status}")
    if 'class="form-inline mb-3 add-to-basket"' not in text:
        raise Refused  # sold out already: the page offers no add-to-basket form
    form = {"csrfmiddlewaretoken": token.group(1), "quantity": quantity}
    status, response, _text = timed("add to basket", visitor, "POST", f"/vi/basket/add/{product['pk']}/", form)
    if status != 302:
        raise RuntimeError(f"add to basket: {status} {response.getheader('Location')}")
    status, response, text = timed("checkout form", visitor, "GET", "/vi/checkout/")
    if status == 302:
        raise Refused  # the basket could not take the product (sold out meanwhile)
    if status != 200:
        raise RuntimeError(f"checkout form: {status}")
    form = {
        "csrfmiddlewaretoken": TOKEN.search(text).group(1),
        "name": "Nguyễn Văn Bền",
        "email": "ben@bench.example.vn",
        "phone": "0912345678",
        "country": "VN",
        "province": province_id,
        "commune": "Phường Bến Nghé",
        "street": "12 Nguyễn Huệ",
        "method": "cod",
    }
    for name in SHIPPING_FIELD.findall(text):
        form[name] = "delivery"
    status, response, text = timed("checkout submit", visitor, "POST", "/vi/checkout/", form)
    if status == 302 and "/basket/" in response.getheader("Location", ""):
        raise Refused  # sold out while the buyer filled in the form: sent back to the basket
    if status != 302:
        raise RuntimeError(f"checkout submit: {status} {re.findall(r'invalid-feedback[^>]*>([^<]+)', text)[:3]}")
    status, response, text = timed("review page", visitor, "GET", "/vi/checkout/review/")
    if status != 200:
        raise RuntimeError(f"review page: {status} {response.getheader('Location')} {sorted(visitor.cookies)}")
    form = {"csrfmiddlewaretoken": TOKEN.search(text).group(1)}
    status, response, text = timed("place order", visitor, "POST", "/vi/checkout/review/", form)
    if status == 409:
        raise Refused
    if status != 302 or "/checkout/orders/" not in response.getheader("Location", ""):
        raise RuntimeError(f"place order: {status} {response.getheader('Location')}")
    return response.getheader("Location").rstrip("/").rsplit("/", 1)[-1]
