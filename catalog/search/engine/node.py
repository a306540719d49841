"""A real single-node OpenSearch 2.19 on loopback, for the tests, ``make run SEARCH=engine`` and bench/.

The jars come from Maven Central through Maven (pom.xml beside this file), once per machine, into ~/.m2; the small
launcher EmbeddedOpenSearch.java is compiled by javac at first use. Both are kept under CACHE, named after a hash of
pom.xml and the launcher, so a change to either builds afresh and nothing binary lives in the repository.

One node serves every process of a machine that asks for the same build: ``acquire`` takes a file lock, reuses the
node recorded in the state folder when it answers, else starts one (about 5 s) and waits for /_cluster/health; it
adds the caller's process id to the node's lease. ``release`` takes it off and stops the node by its pid when no
user is left. Should every user die without releasing (a killed test run), the launcher sees its lease empty and
stops by itself. Each user keeps to its own index names, so sharing the node shares nothing else.

    python -m catalog.search.engine.node run -- COMMAND...   # COMMAND with ELASTICSEARCH_URL set to a node
"""

import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
LAUNCHER = HERE / "EmbeddedOpenSearch.java"
CACHE = Path(os.environ.get("CHOHTX_OPENSEARCH_CACHE", Path.home() / ".cache" / "chohtx-opensearch"))
HEAP = os.environ.get("CHOHTX_OPENSEARCH_HEAP", "512m")
START_SECONDS = 120
STOP_SECONDS = 15


class EngineUnavailable(RuntimeError):
    """The node could not be built or started; the message says why (Maven's or the node's own words)."""


@dataclass(frozen=True)
class Node:
    url: str
    pid: int


def build_key():
    digest = hashlib.sha256(POM.read_bytes() + LAUNCHER.read_bytes()).hexdigest()
    return digest[:16]


def run_quietly(command, what):
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise EngineUnavailable(
            f"{what} failed ({' '.join(command[:3])}…):\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )


def build():
    """The launcher's class path (jars in ~/.m2, then the compiled launcher), built the first time."""
    folder = CACHE / build_key()
    classpath_file, classes = folder / "classpath.txt", folder / "classes"
    with locked(CACHE / "build.lock"):
        if not (classes / "EmbeddedOpenSearch.class").exists():
            if not shutil.which("mvn") or not shutil.which("javac"):
                raise EngineUnavailable("Maven (mvn) and a JDK 17 (javac) are needed to build the OpenSearch node.")
            folder.mkdir(parents=True, exist_ok=True)
            run_quietly(
                [
                    "mvn",
                    "-q",
                    "-B",
                    "-f",
                    str(POM),
                    "dependency:build-classpath",
                    f"-Dmdep.outputFile={classpath_file}",
                ],
                "Fetching the OpenSearch jars",
            )
            staging = folder / "classes.tmp"
            shutil.rmtree(staging, ignore_errors=True)
            jars = classpath_file.read_text().strip()
            run_quietly(["javac", "-d", str(staging), "-cp", jars, str(LAUNCHER)], "Compiling the launcher")
            staging.rename(classes)
    return f"{classes}{os.pathsep}{classpath_file.read_text().strip()}"


@contextmanager
def locked(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def state_folder():
    """Where the machine's node of this build records itself (one per user id and build)."""
    return Path(tempfile.gettempdir()) / f"chohtx-opensearch-{os.getuid()}-{build_key()}"


def healthy(url, wait="1s"):
    try:
        with urllib.request.urlopen(
            f"{url}/_cluster/health?wait_for_status=yellow&timeout={wait}", timeout=5
        ) as answer:
            return json.load(answer).get("status") in ("green", "yellow")
    except (OSError, ValueError, urllib.error.URLError):
        return False


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_lease(lease):
    if not lease.exists():
        return []
    return [int(line) for line in lease.read_text().split() if line.strip().isdigit() and alive(int(line))]


def write_lease(lease, pids):
    staging = lease.with_suffix(".tmp")
    staging.write_text("".join(f"{pid}\n" for pid in dict.fromkeys(pids)))
    staging.replace(lease)


def recorded_node(folder):
    try:
        recorded = json.loads((folder / "node.json").read_text())
    except (OSError, ValueError):
        return None
    node = Node(recorded["url"], recorded["pid"])
    if alive(node.pid) and healthy(node.url):
        return node
    return None


def start(folder, lease):
    classpath = build()
    home = folder / "home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(folder / "node.log", "w")  # noqa: SIM115 (the node writes to it after this function returns)
    java = [
        "java",
        f"-Xms{HEAP}",
        f"-Xmx{HEAP}",
        "-XX:+UseSerialGC",  # two cores shared with the tests: no parallel collector threads
        "-Dlog4j2.disable.jmx=true",
        "-cp",
        classpath,
        "EmbeddedOpenSearch",
        str(home),
        str(port),
        str(lease),
    ]
    process = subprocess.Popen(java, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        if healthy(url):
            node = Node(url, process.pid)
            (folder / "node.json").write_text(json.dumps({"url": url, "pid": process.pid}))
            return node
        time.sleep(0.2)
    stop_pid(process.pid)
    tail = (folder / "node.log").read_text()[-4000:]
    raise EngineUnavailable(f"OpenSearch did not answer on {url} within {START_SECONDS} s:\n{tail}")


def acquire(user=None):
    """The machine's node for this build, started if none answers; ``user`` (a pid, this process by default) is
    added to its lease until ``release``."""
    user = user or os.getpid()
    folder = state_folder()
    lease = folder / "lease"
    with locked(folder / "lock"):
        node = recorded_node(folder)
        write_lease(lease, [*read_lease(lease), user])
        if node is None:
            node = start(folder, lease)
    return node


def release(user=None):
    """Take ``user`` off the lease; the last user out stops the node."""
    user = user or os.getpid()
    folder = state_folder()
    lease = folder / "lease"
    with locked(folder / "lock"):
        users = [pid for pid in read_lease(lease) if pid != user]
        write_lease(lease, users)
        if users:
            return
        node_file = folder / "node.json"
        try:
            pid = json.loads(node_file.read_text())["pid"]
        except (OSError, ValueError, KeyError):
            return
        stop_pid(pid)
        node_file.unlink(missing_ok=True)


def memory(node):
    """The node's resident memory and its JVM heap in use and at most, in MB (for the benchmarks)."""
    status = Path(f"/proc/{node.pid}/status").read_text().splitlines()
    rss_kb = next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
    with urllib.request.urlopen(f"{node.url}/_nodes/stats/jvm", timeout=10) as answer:
        jvm = next(iter(json.load(answer)["nodes"].values()))["jvm"]["mem"]
    return {
        "rss_mb": rss_kb // 1024,
        "heap_used_mb": jvm["heap_used_in_bytes"] >> 20,
        "heap_max_mb": jvm["heap_max_in_bytes"] >> 20,
    }


def stop_pid(pid):
    """SIGTERM (the node closes its indices), then SIGKILL after STOP_SECONDS."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + STOP_SECONDS
    while time.monotonic() < deadline:
        try:
            finished, _status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # not our child: poll its existence instead
            finished = 0 if alive(pid) else pid
        if finished:
            return
        time.sleep(0.1)
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def main(argv):
    if len(argv) < 2 or argv[0] != "run" or "--" not in argv:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    command = argv[argv.index("--") + 1 :]
    node = acquire()
    print(f"OpenSearch 2.19 at {node.url}", file=sys.stderr)
    try:
        return subprocess.call(command, env={**os.environ, "ELASTICSEARCH_URL": node.url})
    except KeyboardInterrupt:
        return 130
    finally:
        release()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
