"""Lighthouse on the pages a shopper sees first: the home page, a category, a product, a stall and a search (and a
news item and a guide).

    .venv/bin/python bench/lighthouse/run.py                        # serve the demo marketplace and measure it
    .venv/bin/python bench/lighthouse/run.py --db var/db.sqlite3    # start from a copy of this database
    .venv/bin/python bench/lighthouse/run.py --url http://127.0.0.1:8000   # measure a site already running

Without --url the site is served here with `make run`'s settings (DEBUG=1, SQLite, static files from the apps)
by gunicorn, its text responses gzipped as the reverse proxy in front of production would (bench/lighthouse/wsgi.py;
Django's development server compresses nothing), from a throwaway folder: a copy of --db (default var/db.sqlite3
when it exists, brought up to date with migrate, seed_reference_data and load_demo) or a demo database built from
scratch, with its own media, so var/ is never written to. The pages to measure are found in the site's sitemap (the
first category, product and stall in Vietnamese).

Lighthouse (npm, pinned below) is installed into bench/lighthouse/node_modules on first use and runs Debian's
chromium (CHROME_PATH, default /usr/bin/chromium) headless with its default mobile settings (a mid-range phone,
simulated slow 4G). For each page it prints the performance and accessibility scores, the cumulative layout shift
and the HTML, CSS and JS the page loads, as transferred and gzipped (each response compressed here with gzip -6, so
the figure holds for a site measured with --url that sends them uncompressed), images and fonts left out. Pages
that miss a budget are listed with the audits that cost them points. The JSON reports stay in the output folder
(--out, default a temporary one). Never part of the test run.
"""

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
LIGHTHOUSE_VERSION = "12.8.2"  # the last line that runs on Debian's Node 20 (13.x wants Node 22)
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
PYTHON = sys.executable

BUDGET_BYTES = 100 * 1024  # HTML + CSS + JS, gzipped
BUDGET_SCORE = 0.90
BUDGET_CLS = 0.1
CODE_TYPES = {"Document", "Stylesheet", "Script"}


# --- Lighthouse --------------------------------------------------------------------------------------------------------


def install_lighthouse():
    if LIGHTHOUSE.exists():
        return
    print(f"Installing lighthouse@{LIGHTHOUSE_VERSION} into {HERE / 'node_modules'} …", flush=True)
    subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(HERE),
            "--no-save",
            "--no-package-lock",
            "--no-audit",
            "--no-fund",
            f"lighthouse@{LIGHTHOUSE_VERSION}",
        ],
        check=True,
    )


def run_lighthouse(url, report_path, attempts=3):
    """One Lighthouse run; tried again when Chrome fails to record the load (Lighthouse's NO_NAVSTART and the like
    happen now and then on a busy machine)."""
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    command = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=performance,accessibility",
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        f"--output-path={report_path}",
        "--quiet",
    ]
    for attempt in range(1, attempts + 1):
        if subprocess.run(command, env=env).returncode == 0:
            return json.loads(Path(report_path).read_text())
        print(f"  Lighthouse failed (attempt {attempt} of {attempts}).", flush=True)
    raise SystemExit(f"Lighthouse could not measure {url}.")


# --- Serving the demo site ---------------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_environment(folder):
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="shop.settings",
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        PRIVATE_MEDIA_ROOT=str(folder / "private"),
        EMAIL_URL="consolemail://",
        LOG_LEVEL="WARNING",
    )


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare_site(folder, database):
    """The demo marketplace in ``folder``: a copy of ``database`` (and its media), or one built from scratch."""
    env = site_environment(folder)
    if database and Path(database).exists():
        shutil.copy(database, folder / "db.sqlite3")
        media = Path(database).parent / "media"
        if media.is_dir():
            shutil.copytree(media, folder / "media")
        print(f"Serving a copy of {database}.", flush=True)
    else:
        print("Building the demo marketplace (a minute or two) …", flush=True)
    manage(env, "migrate", "--no-input")
    manage(env, "seed_reference_data")
    manage(env, "load_demo")
    return env


def serve(env, port):
    """gunicorn on bench/lighthouse/wsgi.py: the site of `make run` (DEBUG=1, static files from the apps), its text
    responses gzipped as the reverse proxy in front of it would."""
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            f"--bind=127.0.0.1:{port}",
            "--workers=1",
            "--threads=8",
            "bench.lighthouse.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2)
            return server, base
        except OSError:
            if server.poll() is not None:
                raise SystemExit("The server stopped; run it by hand to see why.") from None
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("The server did not answer within a minute.")


# --- What to measure ---------------------------------------------------------------------------------------------------


def pages_to_measure(base):
    """(name, address) of the home, the first category, product and stall of the sitemap, and a search."""
    sitemap = fetch(urljoin(base, "/sitemap.xml")).decode()
    locations = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]

    def first(pattern):
        return next(path for path in locations if re.match(pattern, path))

    pages = [
        ("home", urljoin(base, "/vi/")),
        ("category", urljoin(base, first(r"^/vi/catalogue/category/"))),
        ("product", urljoin(base, first(r"^/vi/catalogue/(?!category/)[^/]+/$"))),
        ("stall", urljoin(base, first(r"^/vi/stalls/[^/]+/$"))),
        ("search", urljoin(base, "/vi/search/?q=mat+ong")),
    ]
    # The content pages too, when the site has them: a news item and a guide (Wagtail pages two levels down).
    for name, pattern in (("news", r"^/vi/tin-tuc/[^/]+/$"), ("guide", r"^/vi/huong-dan/[^/]+/$")):
        path = next((path for path in locations if re.match(pattern, path)), None)
        if path:
            pages.append((name, urljoin(base, path)))
    return pages


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def code_bytes(report):
    """(transferred, gzipped) bytes of the page's HTML, CSS and JS, from Lighthouse's list of requests."""
    requests = report["audits"]["network-requests"]["details"]["items"]
    transferred = gzipped = 0
    for request in requests:
        if request.get("resourceType") not in CODE_TYPES or not request["url"].startswith("http"):
            continue
        transferred += request.get("transferSize") or 0
        gzipped += len(gzip.compress(fetch(request["url"]), compresslevel=6))
    return transferred, gzipped


def lost_points(report, category):
    """The audits of ``category`` that did not pass, most costly first (id and title)."""
    audits = report["audits"]
    refs = report["categories"][category]["auditRefs"]
    failing = [
        (ref["weight"], ref["id"], audits[ref["id"]]["title"])
        for ref in refs
        if audits[ref["id"]].get("score") is not None and audits[ref["id"]]["score"] < 0.9
    ]
    failing.sort(key=lambda item: (-item[0], item[1]))
    return [f"{audit_id} ({title})" for _weight, audit_id, title in failing]


def opportunities(report):
    """Lighthouse's performance opportunities with an estimated saving, largest first."""
    found = []
    for audit in report["audits"].values():
        details = audit.get("details") or {}
        saving = details.get("overallSavingsMs") or 0
        if details.get("type") == "opportunity" and saving >= 50:
            found.append((saving, f"{audit['id']} (~{saving / 1000:.1f} s)"))
    return [text for _saving, text in sorted(found, reverse=True)]


def measure(pages, out):
    rows, notes = [], []
    for name, url in pages:
        print(f"Lighthouse: {name} {url}", flush=True)
        report = run_lighthouse(url, out / f"{name}.json")
        performance = report["categories"]["performance"]["score"]
        accessibility = report["categories"]["accessibility"]["score"]
        cls = report["audits"]["cumulative-layout-shift"]["numericValue"]
        lcp = report["audits"]["largest-contentful-paint"]["numericValue"] / 1000
        transferred, gzipped = code_bytes(report)
        rows.append((name, performance, accessibility, cls, lcp, transferred, gzipped))
        misses = []
        if performance < BUDGET_SCORE:
            misses.append("performance: " + ", ".join(opportunities(report) or lost_points(report, "performance")))
        if accessibility < BUDGET_SCORE or lost_points(report, "accessibility"):
            misses.append("accessibility: " + ", ".join(lost_points(report, "accessibility")))
        if cls > BUDGET_CLS:
            misses.append(f"CLS {cls:.3f}")
        if gzipped > BUDGET_BYTES:
            misses.append(f"{gzipped / 1024:.0f} KB of HTML+CSS+JS")
        if misses:
            notes.append((name, misses))
    return rows, notes


def print_table(rows, notes, out):
    print()
    print("| page | performance | accessibility | CLS | LCP (s) | HTML+CSS+JS transferred | gzipped |")
    print("|---|---|---|---|---|---|---|")
    for name, performance, accessibility, cls, lcp, transferred, gzipped in rows:
        print(
            f"| {name} | {performance * 100:.0f} | {accessibility * 100:.0f} | {cls:.3f} | {lcp:.1f} "
            f"| {transferred / 1024:.0f} KB | {gzipped / 1024:.0f} KB |"
        )
    print(
        f"\nBudgets: performance and accessibility ≥ {BUDGET_SCORE * 100:.0f}, CLS ≤ {BUDGET_CLS}, "
        f"≤ {BUDGET_BYTES // 1024} KB gzipped."
    )
    for name, misses in notes:
        print(f"\n{name}:")
        for miss in misses:
            print(f"  - {miss}")
    print(f"\nReports: {out}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="measure a site already running at this address instead of serving one")
    parser.add_argument("--db", default=str(ROOT / "var" / "db.sqlite3"), help="SQLite database to copy and serve")
    parser.add_argument("--out", help="folder for the JSON reports (default: a temporary folder)")
    args = parser.parse_args()

    install_lighthouse()
    out = Path(args.out or tempfile.mkdtemp(prefix="lighthouse-"))
    out.mkdir(parents=True, exist_ok=True)
    server = None
    with tempfile.TemporaryDirectory(prefix="cho-htx-lighthouse-") as folder:
        try:
            if args.url:
                base = args.url.rstrip("/")
            else:
                env = prepare_site(Path(folder), args.db)
                server, base = serve(env, free_port())
            rows, notes = measure(pages_to_measure(base), out)
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=10)
    print_table(rows, notes, out)


if __name__ == "__main__":
    main()
