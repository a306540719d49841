"""Profile one page of the benchmark marketplace in-process: its queries and where its time goes (pyinstrument, or
the standard library's cProfile when pyinstrument is not installed or --cprofile is given).

    .venv/bin/pip install pyinstrument      # for the run only; not a project dependency
    .venv/bin/python bench/perf/profile_page.py /vi/catalogue/ [--repeat 20] [--queries] [--html out.html]
    .venv/bin/python bench/perf/profile_page.py /vi/catalogue/ --cprofile [--sort tottime] [--lines 40]

Requests go straight to Django's WSGI handler (not the test client, whose template instrumentation would dominate
the profile) with the production settings the load runs with (DEBUG off), after one warm-up request. Prints the mean time per request, the number of queries and, with --queries, the slowest ones.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import environment  # noqa: E402
import server  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--database", default=environment.DEFAULT_DATABASE)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--queries", action="store_true", help="list the slowest queries of one request")
    parser.add_argument("--html", help="write pyinstrument's HTML report here")
    parser.add_argument("--cprofile", action="store_true", help="profile with cProfile instead of pyinstrument")
    parser.add_argument("--sort", default="cumulative", help="cProfile's order: cumulative, tottime, ...")
    parser.add_argument("--lines", type=int, default=40, help="how many of cProfile's functions to print")
    options = parser.parse_args()

    server.collect_static(options.database)
    environment.setup_django(options.database, extra={"ALLOWED_HOSTS": "testserver,127.0.0.1"})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get(options.path)
    with CaptureQueriesContext(connection) as captured:
        status, body = get(options.path)
    print(f"{options.path}: {status}, {len(body)} bytes, {len(captured)} queries")
    if options.queries:
        for query in sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:15]:
            print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:400]}")

    cpu = []
    for _ in range(options.repeat):  # unprofiled first: the profilers' own cost would hide the page's
        started = time.process_time()
        get(options.path)
        cpu.append((time.process_time() - started) * 1000)
    print(f"CPU per request unprofiled: mean {statistics.fmean(cpu):.1f} ms, median {statistics.median(cpu):.1f} ms")
    try:
        from pyinstrument import Profiler
    except ImportError:
        options.cprofile = True
    if options.cprofile:
        profile_with_cprofile(options)
        return
    timings = []
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(options.repeat):
        started = time.perf_counter()
        get(options.path)
        timings.append((time.perf_counter() - started) * 1000)
    profiler.stop()
    print(f"mean {statistics.fmean(timings):.1f} ms, median {statistics.median(timings):.1f} ms per request")
    if options.html:
        Path(options.html).write_text(profiler.output_html())
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def profile_with_cprofile(options):
    import cProfile
    import pstats

    profiler = cProfile.Profile(time.process_time)  # CPU time: waiting for the database is not the page's cost here
    profiler.enable()
    for _ in range(options.repeat):
        get(options.path)
    profiler.disable()
    pstats.Stats(profiler).strip_dirs().sort_stats(options.sort).print_stats(options.lines)


def get(path):
    """(status line, body) of a GET of ``path`` by a first-time anonymous visitor, through the WSGI handler."""
    from urllib.parse import urlsplit
    from wsgiref.util import setup_testing_defaults

    from django.core.handlers.wsgi import WSGIHandler

    global handler
    if handler is None:
        handler = WSGIHandler()
    parts = urlsplit(path)
    environ = {"PATH_INFO": parts.path, "QUERY_STRING": parts.query, "HTTP_HOST": "127.0.0.1", "REQUEST_METHOD": "GET"}
    setup_testing_defaults(environ)
    started = []
    body = b"".join(handler(environ, lambda status, headers, exc_info=None: started.append(status)))
    return started[0], body


handler = None


if __name__ == "__main__":
    main()
