"""What one request of each page costs on its own, in-process and one at a time: wall time, CPU time of the Django
process, time spent in queries and the number of queries (the page cache off, Django's cache on Redis).

    .venv/bin/python bench/perf/page_costs.py [--per-page 20] [--database cho_htx_bench]

The addresses are those run.py loads. Each is requested once to warm up (a cold count or facet cache shows in the
load figures, not here), then once measured; the table gives the median and the worst of each kind. The service time
of a page under no load: what the latency under load is built from.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import environment  # noqa: E402
import server  # noqa: E402


def measure(get, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        wall, cpu = time.perf_counter(), time.process_time()
        status, _body = get(path)
        wall, cpu = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
    database = sum(float(query["time"]) for query in captured.captured_queries) * 1000
    return status, wall, cpu, database, len(captured)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=environment.DEFAULT_DATABASE)
    parser.add_argument("--per-page", type=int, default=20)
    options = parser.parse_args()

    server.collect_static(options.database)
    environment.setup_django(
        options.database, cache_url=environment.REDIS, extra={"ALLOWED_HOSTS": "testserver,127.0.0.1"}
    )
    import run
    from profile_page import get

    addresses = run.pick_addresses()
    print("| page | requests | wall ms median (max) | CPU ms median | queries ms median | queries |")
    print("|---|---|---|---|---|---|")
    for page, paths in addresses.items():
        paths = paths[: options.per_page]
        for path in paths:
            get(path)
        rows = [measure(get, path) for path in paths]
        bad = [row[0] for row in rows if not row[0].startswith("200")]
        walls, cpus, databases, counts = ([row[index] for row in rows] for index in range(1, 5))
        print(
            f"| {page} | {len(rows)}{f' ({len(bad)} not 200)' if bad else ''} | {statistics.median(walls):.0f} "
            f"({max(walls):.0f}) | {statistics.median(cpus):.0f} | {statistics.median(databases):.0f} | "
            f"{min(counts)}–{max(counts)} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
