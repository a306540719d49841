"""The site under load: gunicorn on loopback with DEBUG off, static files collected once, and the memory of its
processes sampled from /proc while it runs."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import environment

WORKERS = 2 * (os.cpu_count() or 1) + 1  # gunicorn's advice for sync workers


def collect_static(database):
    """collectstatic into var/bench/static (whitenoise serves it with its manifest, as in production); each run,
    since templates may name static files added since the last."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=environment.ROOT,
        env=environment.site_environment(database),
        check=True,
    )


class Site:
    """``with Site(...) as site:`` gunicorn serving the bench database at site.base; site.peak_memory() after."""

    def __init__(
        self,
        database,
        port=None,
        workers=WORKERS,
        cache_url="locmemcache://",
        page_cache_seconds=0,
        log=None,
        extra=None,
    ):
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.env = environment.site_environment(
            database, cache_url=cache_url, page_cache_seconds=page_cache_seconds, extra=extra
        )
        self.log = Path(log or environment.STATE / "gunicorn.log")
        self.sampler = MemorySampler()

    def __enter__(self):
        self.log.parent.mkdir(parents=True, exist_ok=True)
        if not is_free(self.port):
            raise RuntimeError(f"Something else listens on port {self.port}: choose another (--port).")
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "shop.wsgi:application",
            f"--workers={self.workers}",
            f"--bind=127.0.0.1:{self.port}",
            "--timeout=60",
            "--backlog=512",
            "--no-control-socket",
            f"--error-logfile={self.log}",
        ]
        self.process = subprocess.Popen(command, cwd=environment.ROOT, env=self.env)
        try:
            self.wait_until_up()
        except BaseException:
            self.stop()
            raise
        self.sampler.start(self.process.pid)
        return self

    def wait_until_up(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}); see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {seconds} s; see {self.log}")

    def warm_up(self, paths, rounds=2):
        """Every worker imports, compiles its templates and opens its database connection before measuring."""
        for _ in range(rounds):
            for path in paths:
                with contextlib.suppress(OSError):  # an error page warms up too
                    urllib.request.urlopen(f"{self.base}{path}", timeout=30).read()

    def __exit__(self, *exc):
        self.sampler.stop()
        self.stop()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class MemorySampler:
    """The gunicorn master and workers' memory every 0.2 s: the peak of the sum of their RSS (pages shared between
    the forked workers counted once per worker) and of their PSS (shared pages divided among them)."""

    def __init__(self):
        self.peak_rss = self.peak_pss = 0
        self.running = False

    def start(self, pid):
        self.pid = pid
        self.running = True
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while self.running:
            rss = pss = 0
            for pid in [self.pid, *children(self.pid)]:
                rss += read_kib(f"/proc/{pid}/status", "VmRSS:")
                pss += read_kib(f"/proc/{pid}/smaps_rollup", "Pss:")
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            time.sleep(0.2)

    def reset(self):
        self.peak_rss = self.peak_pss = 0

    def stop(self):
        self.running = False


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """User + system CPU time a process has used so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


class CpuMeter:
    """CPU time spent by the gunicorn workers and by the PostgreSQL backends serving the bench database between
    start() and stop(): the cost of a request whatever else the machine is doing (unlike its latency).

    The backends are found by their process titles ("postgres: USER DATABASE HOST(PORT) ...") and sampled every
    quarter second while measuring: a worker's connection is replaced when it reaches CONN_MAX_AGE, and the CPU its
    backend spent would otherwise be lost with it (a run once reported 0.8 ms of database CPU a request that way)."""

    INTERVAL = 0.25

    def __init__(self, site, engine_pid=None):
        self.site = site
        self.database = site.env["DATABASE_URL"].rsplit("/", 1)[1]
        self.engine_pid = engine_pid  # the OpenSearch node's JVM, when search goes through it

    def backends(self):
        """{pid: CPU seconds} of the PostgreSQL backends connected to the bench database."""
        found = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
                except OSError:
                    continue
                if title.startswith("postgres: ") and f" {self.database} " in title:
                    found[int(entry.name)] = cpu_seconds(int(entry.name))
        return found

    def snapshot(self):
        return {pid: cpu_seconds(pid) for pid in children(self.site.process.pid)}, self.backends()

    def start(self):
        self.engine_before = cpu_seconds(self.engine_pid) if self.engine_pid else None
        self.before = self.snapshot()
        self.seen = dict(self.before[1])
        self.running = True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self):
        while self.running:
            time.sleep(self.INTERVAL)
            for pid, seconds in self.backends().items():
                self.seen[pid] = max(seconds, self.seen.get(pid, 0.0))

    def stop(self):
        self.running = False
        self.thread.join()
        app, database = self.snapshot()
        for pid, seconds in database.items():
            self.seen[pid] = max(seconds, self.seen.get(pid, 0.0))
        before_app, before_database = self.before
        self.engine_after = cpu_seconds(self.engine_pid) if self.engine_pid else None
        return (
            sum(seconds - before_app.get(pid, 0.0) for pid, seconds in app.items()),
            sum(seconds - before_database.get(pid, 0.0) for pid, seconds in self.seen.items()),
        )

    def engine_seconds(self):
        """CPU the search engine's node spent between start() and stop(), or None without one."""
        if self.engine_before is None:
            return None
        return self.engine_after - self.engine_before


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def is_free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def children(pid):
    """The processes whose parent is ``pid`` (from /proc/<pid>/stat: this kernel has no task/<pid>/children)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def read_kib(path, label):
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(label):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
