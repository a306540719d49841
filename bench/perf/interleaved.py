"""CPU per request of one kind of page in two copies of the code, measured in turns so both see the same machine.

    git archive <commit> | tar -x -C /tmp/before        # the code to compare with (its var/ is not needed)
    .venv/bin/python bench/perf/interleaved.py /tmp/before [--page product] [--rounds 8] [--per-round 60]

On a machine shared with other work the CPU a request costs grows with the load (caches and cores are shared), so
two runs of run.py minutes apart can differ by a third. Here each copy runs in a process of its own (its own code,
the same bench database, Redis as the cache, DEBUG off), and the two take turns: one round of ``--per-round``
requests each, again and again. Each round gives the process's CPU and its PostgreSQL backend's CPU per request;
the pairs of neighbouring rounds give the ratio. Requests go straight to Django's WSGI handler, as in
page_costs.py: no gunicorn, so the figures are lower than run.py's by the HTTP server's share, the same for both.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import environment  # noqa: E402
import server  # noqa: E402


def serve(root, page, count):
    """A worker: set up Django from ``root``, then answer each line on stdin with one round's figures."""
    os.environ.clear()
    os.environ.update(
        environment.site_environment(
            DATABASE,
            cache_url=environment.REDIS,
            extra={"ALLOWED_HOSTS": "testserver,127.0.0.1", "CONN_MAX_AGE": "3600"},
        )
    )
    os.chdir(root)
    sys.path.insert(0, root)
    import django

    django.setup()
    import run
    from django.db import connection
    from profile_page import get

    paths = run.pick_addresses()[page][:count]
    for path in paths:  # warm: templates, translations, the card and count caches
        get(path)
    for _line in sys.stdin:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
        database, app = server.cpu_seconds(backend), time.process_time()
        statuses = [get(path)[0] for path in paths]
        app, database = time.process_time() - app, server.cpu_seconds(backend) - database
        print(
            json.dumps(
                {
                    "app_ms": app * 1000 / len(paths),
                    "db_ms": database * 1000 / len(paths),
                    "not_ok": sum(not status.startswith("200") for status in statuses),
                    "load": os.getloadavg()[0],
                }
            ),
            flush=True,
        )


DATABASE = environment.DEFAULT_DATABASE


def worker(root, options):
    return subprocess.Popen(
        [sys.executable, str(HERE / "interleaved.py"), "--serve", root, "--page", options.page]
        + ["--per-round", str(options.per_round), "--database", options.database],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def one_round(process):
    process.stdin.write("go\n")
    process.stdin.flush()
    return json.loads(process.stdout.readline())


def main():
    global DATABASE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", nargs="?", help="the other copy of the code (a folder holding manage.py)")
    parser.add_argument("--after", default=str(environment.ROOT), help="this copy unless given")
    parser.add_argument("--page", default="product", help="a page of run.py's PAGES")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--per-round", type=int, default=60)
    parser.add_argument("--database", default=environment.DEFAULT_DATABASE)
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    options = parser.parse_args()
    DATABASE = options.database
    if options.serve:
        serve(options.serve, options.page, options.per_round)
        return

    copies = {"before": worker(options.before, options), "after": worker(options.after, options)}
    rows = {name: [] for name in copies}
    try:
        for number in range(options.rounds):
            for name, process in copies.items():
                rows[name].append(one_round(process))
            before, after = rows["before"][-1], rows["after"][-1]
            print(
                f"round {number + 1}: before {before['app_ms']:.1f} + {before['db_ms']:.1f} ms, "
                f"after {after['app_ms']:.1f} + {after['db_ms']:.1f} ms (load {after['load']:.1f})",
                flush=True,
            )
    finally:
        for process in copies.values():
            process.stdin.close()
            process.wait()
    print(f"| {options.page}, {options.rounds} rounds of {options.per_round} | app CPU ms/req | db CPU ms/req |")
    print("|---|---|---|")
    for name, values in rows.items():
        app = statistics.median(row["app_ms"] for row in values)
        database = statistics.median(row["db_ms"] for row in values)
        print(f"| {name} (median) | {app:.1f} | {database:.1f} |")
    ratios = [
        (after["app_ms"] / before["app_ms"], after["db_ms"] / before["db_ms"])
        for before, after in zip(rows["before"], rows["after"], strict=True)
    ]
    print(
        f"| after / before, median of the {len(ratios)} pairs | {statistics.median(r[0] for r in ratios):.2f} "
        f"| {statistics.median(r[1] for r in ratios):.2f} |"
    )
    failed = sum(row["not_ok"] for values in rows.values() for row in values)
    if failed:
        print(f"{failed} requests did not answer 200")


if __name__ == "__main__":
    main()
