"""The production topology on one machine, started and stopped with one command (``make prod-up`` / ``prod-down``).

    python deploy/stack.py up [--demo]    # PostgreSQL, Redis, OpenSearch, release, 2 gunicorn, Celery, nginx
    python deploy/stack.py down           # stop what ``up`` started (PostgreSQL and Redis keep running)
    python deploy/stack.py status         # which parts answer
    python deploy/stack.py backup         # database dump + media copy into var/prod/backups/<time>/
    python deploy/stack.py restore DIR    # stop the app, restore that backup, start the app again

Everything lives under PROD_DIR (var/prod): the environment file (made once, with a random SECRET_KEY: edit it to
point at real services), a self-signed TLS certificate, pid files, logs, e-mails written by the Celery worker
(``filemail``: a real server sets EMAIL_URL to its SMTP relay), static files and media. DEBUG is off: this is the
configuration a real server runs, less its TLS certificate and mail relay.

What runs: nginx (from Debian) on HTTP_PORT/HTTPS_PORT in front of APP_INSTANCES gunicorn instances (each its own
master and workers, as two machines would be) sharing PostgreSQL, Redis (cache, sessions' neighbour, Celery broker)
and one OpenSearch node; a Celery worker and beat. nginx also gives each instance a port of its own (HTTPS_PORT + 1,
+ 2, ...) so the smoke test can reach one instance at a time. A real server uses the systemd units in deploy/systemd/
instead of this script; containers use deploy/Dockerfile and deploy/compose.yaml.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PROD_DIR = Path(os.environ.get("PROD_DIR", ROOT / "var" / "prod"))
RUN, LOG, MAIL, TLS = (PROD_DIR / name for name in ("run", "log", "mail", "tls"))
ENV_FILE = PROD_DIR / "env"
PYTHON = Path(sys.executable)
BIN = PYTHON.parent
HTTP_PORT = int(os.environ.get("HTTP_PORT", 8080))
HTTPS_PORT = int(os.environ.get("HTTPS_PORT", 8443))
APP_INSTANCES = int(os.environ.get("APP_INSTANCES", 2))
FIRST_APP_PORT = 8101
DATABASE = os.environ.get("PROD_DATABASE", "chohtx_prod")


def app_ports():
    return [FIRST_APP_PORT + index for index in range(APP_INSTANCES)]


def say(message):
    print(f"stack: {message}", flush=True)


def run(*command, env=None, check=True, **options):
    return subprocess.run([str(part) for part in command], env=env, check=check, **options)


def is_root():
    return os.geteuid() == 0


# --- The environment ----------------------------------------------------------------------------------------------


def default_environment():
    origins = [f"https://{host}:{port}" for host in ("127.0.0.1", "localhost") for port in instance_https_ports()]
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": ",".join(origins),
        "TRUSTED_PROXY_COUNT": "1",
        "SITE_URL": f"https://127.0.0.1:{HTTPS_PORT}",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": "redis://127.0.0.1:6379/5",
        "CACHE_URL": "redis://127.0.0.1:6379/6",
        "EMAIL_URL": f"filemail:///{MAIL}",  # django-environ drops one slash of an absolute path
        "STATIC_ROOT": str(PROD_DIR / "static"),
        "MEDIA_ROOT": str(PROD_DIR / "media"),
        "PRIVATE_MEDIA_ROOT": str(PROD_DIR / "private"),
        "SECURE_HSTS_SECONDS": "0",  # a self-signed certificate: browsers must not pin it
        "LOG_FORMAT": "json",
        "METRICS_ENABLED": "1",
    }


def instance_https_ports():
    return [HTTPS_PORT, *(HTTPS_PORT + 1 + index for index in range(APP_INSTANCES))]


def read_environment():
    """The stack's variables: the environment file, made on first use."""
    if not ENV_FILE.exists():
        PROD_DIR.mkdir(parents=True, exist_ok=True)
        lines = [f"{name}={value}" for name, value in default_environment().items()]
        ENV_FILE.write_text(
            "# Chợ HTX production settings for deploy/stack.py (README.md lists them all).\n" + "\n".join(lines) + "\n"
        )
        ENV_FILE.chmod(0o600)
    values = {}
    for line in ENV_FILE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def process_environment(extra=None):
    return {**os.environ, **read_environment(), **(extra or {})}


# --- Parts ----------------------------------------------------------------------------------------------------------


def ensure_debian_packages():
    """PostgreSQL and Redis (.ci/services) and nginx, installed from Debian when missing (as root)."""
    if is_root():
        run("bash", ROOT / ".ci" / "services")
        if not shutil.which("nginx"):
            say("installing nginx from Debian")
            # Debian starts a package's service on install; this stack starts its own nginx instead.
            policy = Path("/usr/sbin/policy-rc.d")
            made_policy = not policy.exists()
            if made_policy:
                policy.write_text("#!/bin/sh\nexit 101\n")
                policy.chmod(0o755)
            try:
                run("apt-get", "update", "-qq")
                run("apt-get", "install", "-y", "-qq", "nginx", env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
            finally:
                if made_policy:
                    policy.unlink()
    if not shutil.which("nginx"):
        sys.exit("stack: nginx is missing: apt-get install nginx (run as root to have it installed)")


def ensure_certificate():
    if (TLS / "cert.pem").exists():
        return
    TLS.mkdir(parents=True, exist_ok=True)
    run(
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "90", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout", TLS / "key.pem", "-out", TLS / "cert.pem",
        capture_output=True,
    )  # fmt: skip


def ensure_database():
    exists = run(
        "psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qtAc",
        f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'",
        capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    if not exists:
        run("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", f'CREATE DATABASE "{DATABASE}"')


def start_search():
    """One OpenSearch node held by a background process (catalog/search/engine/node.py); its address goes into the
    environment file."""
    pid_file = RUN / "search.pid"
    if alive(pid_file):
        return
    with open(LOG / "search.log", "w") as log:
        holder = subprocess.Popen(
            [PYTHON, "-m", "catalog.search.engine.node", "run", "--", "sleep", "infinity"],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    pid_file.write_text(str(holder.pid))
    deadline = time.monotonic() + 600  # the first start on a machine downloads OpenSearch through Maven
    while time.monotonic() < deadline:
        found = re.search(r"OpenSearch [\d.]+ at (http://\S+)", (LOG / "search.log").read_text())
        if found:
            set_variable("ELASTICSEARCH_URL", found.group(1))
            return
        if holder.poll() is not None:
            sys.exit(f"stack: the search node did not start:\n{(LOG / 'search.log').read_text()[-3000:]}")
        time.sleep(0.5)
    sys.exit("stack: the search node did not answer in 10 minutes")


def set_variable(name, value):
    lines = [line for line in ENV_FILE.read_text().splitlines() if not line.startswith(f"{name}=")]
    ENV_FILE.write_text("\n".join([*lines, f"{name}={value}"]) + "\n")


def release(demo):
    environment = process_environment()
    say("release: migrate, reference data, static files, search index")
    run(PYTHON, "manage.py", "release", cwd=ROOT, env=environment)
    if demo:
        run(PYTHON, "manage.py", "load_demo", cwd=ROOT, env=environment, stdout=subprocess.DEVNULL)
        run(PYTHON, "manage.py", "search_index", "rebuild", cwd=ROOT, env=environment, stdout=subprocess.DEVNULL)


def start_app(index, port):
    pid_file = RUN / f"web-{index}.pid"
    if alive(pid_file):
        return
    metrics = RUN / f"metrics-{index}"
    shutil.rmtree(metrics, ignore_errors=True)
    metrics.mkdir(parents=True)
    environment = process_environment(
        {
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": os.environ.get("GUNICORN_WORKERS", "2"),
            "GUNICORN_ACCESS_LOG": str(LOG / f"web-{index}-access.log"),
            "GUNICORN_ERROR_LOG": str(LOG / f"web-{index}.log"),
            "PROMETHEUS_MULTIPROC_DIR": str(metrics),
            "GUNICORN_CONTROL_SOCKET": str(RUN / f"web-{index}.ctl"),
        }
    )
    run(
        BIN / "gunicorn", "-c", DEPLOY / "gunicorn.conf.py", "--pid", pid_file, "--daemon", "shop.wsgi:application",
        cwd=ROOT, env=environment,
    )  # fmt: skip


def start_celery():
    """The worker and beat in the background, their lines (JSON, through LOGGING) appended to their log files."""
    environment = process_environment()
    commands = {
        "worker": ["worker", "--concurrency", "2", "--loglevel", "INFO"],
        "beat": ["beat", "--schedule", RUN / "beat-schedule", "--loglevel", "INFO"],
    }
    for name, arguments in commands.items():
        if alive(RUN / f"{name}.pid"):
            continue
        with open(LOG / f"{name}.log", "a") as log:
            process = subprocess.Popen(
                [str(part) for part in [BIN / "celery", "-A", "shop", *arguments]],
                cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        (RUN / f"{name}.pid").write_text(str(process.pid))


def nginx_config():
    environment = read_environment()
    slots = {
        "RUN": RUN,
        "LOG": LOG,
        "TEMP": PROD_DIR / "nginx-temp",
        "TLS": TLS,
        "MIME_TYPES": "/etc/nginx/mime.types",
        "PROXY_PARAMS": DEPLOY / "nginx" / "proxy_params",
        "HTTP_PORT": HTTP_PORT,
        "HTTPS_PORT": HTTPS_PORT,
        "USER": f"user {os.environ.get('SUDO_USER') or 'root'};" if is_root() else "",
        "STATIC_ROOT": environment["STATIC_ROOT"],
        "MEDIA_ROOT": environment["MEDIA_ROOT"],
        "UPSTREAMS": "\n".join(f"        server 127.0.0.1:{port} max_fails=2 fail_timeout=5s;" for port in app_ports()),
    }
    locations = (DEPLOY / "nginx" / "app-locations.conf.template").read_text()
    slots["APP_LOCATIONS"] = fill(locations, {**slots, "UPSTREAM": "chohtx_app"})
    instances = []
    for index, port in enumerate(app_ports(), start=1):
        name = f"chohtx_app_{index}"
        instances.append(
            f"""
    upstream {name} {{ server 127.0.0.1:{port}; keepalive 4; }}
    server {{
        listen 127.0.0.1:{HTTPS_PORT + index} ssl;
        ssl_certificate {TLS}/cert.pem;
        ssl_certificate_key {TLS}/key.pem;
{fill(locations, {**slots, "UPSTREAM": name})}
    }}"""
        )
    slots["INSTANCE_SERVERS"] = "\n".join(instances)
    return fill((DEPLOY / "nginx" / "chohtx.conf.template").read_text(), slots)


def fill(template, slots):
    return re.sub(r"@@([A-Z_]+)@@", lambda match: str(slots[match.group(1)]), template)


def start_nginx():
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (PROD_DIR / "nginx-temp" / folder).mkdir(parents=True, exist_ok=True)
    config = RUN / "nginx.conf"
    config.write_text(nginx_config())
    run("nginx", "-t", "-q", "-c", config, "-p", PROD_DIR)
    if alive(RUN / "nginx.pid"):
        run("nginx", "-s", "reload", "-c", config, "-p", PROD_DIR)
    else:
        run("nginx", "-c", config, "-p", PROD_DIR)


def wait_until_served():
    url = f"http://127.0.0.1:{HTTP_PORT}/healthz"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit(f"stack: {url} did not answer 200 within a minute; see {LOG}")


def up(demo):
    for folder in (RUN, LOG, MAIL):
        folder.mkdir(parents=True, exist_ok=True)
    ensure_debian_packages()
    read_environment()
    ensure_certificate()
    ensure_database()
    start_search()
    release(demo)
    for index, port in enumerate(app_ports(), start=1):
        start_app(index, port)
    start_celery()
    start_nginx()
    wait_until_served()
    say(f"up: https://127.0.0.1:{HTTPS_PORT}/ (self-signed certificate: {TLS / 'cert.pem'}), logs in {LOG}")


# --- Stopping -------------------------------------------------------------------------------------------------------


def pid_of(pid_file):
    try:
        return int(Path(pid_file).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def alive(pid_file):
    pid = pid_of(pid_file)
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop(pid_file, group=False, seconds=30):
    pid = pid_of(pid_file)
    if pid is None:
        return
    try:
        os.killpg(pid, signal.SIGTERM) if group else os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        Path(pid_file).unlink(missing_ok=True)
        return
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and alive(pid_file):
        time.sleep(0.2)
    if alive(pid_file):
        os.killpg(pid, signal.SIGKILL) if group else os.kill(pid, signal.SIGKILL)
    Path(pid_file).unlink(missing_ok=True)


def stop_app():
    stop(RUN / "beat.pid")
    stop(RUN / "worker.pid")
    for index in range(1, APP_INSTANCES + 1):
        stop(RUN / f"web-{index}.pid")


def down():
    if alive(RUN / "nginx.pid"):
        run("nginx", "-s", "quit", "-c", RUN / "nginx.conf", "-p", PROD_DIR, check=False)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and alive(RUN / "nginx.pid"):
            time.sleep(0.2)
    stop_app()
    stop(RUN / "search.pid", group=True)
    say("down (PostgreSQL and Redis keep running: they are the machine's)")


def status():
    parts = {
        "nginx": RUN / "nginx.pid",
        "search": RUN / "search.pid",
        "worker": RUN / "worker.pid",
        "beat": RUN / "beat.pid",
    }
    parts |= {f"web-{index}": RUN / f"web-{index}.pid" for index in range(1, APP_INSTANCES + 1)}
    for name, pid_file in parts.items():
        print(f"{name:8} {'running' if alive(pid_file) else 'stopped'}")


# --- Backups --------------------------------------------------------------------------------------------------------


def backup():
    """A consistent database dump (pg_dump's custom format) and a copy of the media folders."""
    environment = read_environment()
    target = PROD_DIR / "backups" / datetime.now().strftime("%Y%m%d-%H%M%S")
    target.mkdir(parents=True)
    run("pg_dump", "--format=custom", "--no-owner", f"--file={target / 'database.dump'}", environment["DATABASE_URL"])
    for name in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
        folder = Path(environment[name])
        if folder.exists():
            run("tar", "-C", folder, "-czf", target / f"{name.lower()}.tar.gz", ".")
    say(f"backup: {target}")
    return target


def restore(source):
    """Stop the app, replace the database and media with the backup's, start the app again."""
    source = Path(source)
    if not (source / "database.dump").exists():
        sys.exit(f"stack: {source} holds no database.dump")
    environment = read_environment()
    stop_app()
    psql = ("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc")
    run(*psql, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    run(*psql, f'CREATE DATABASE "{DATABASE}"')
    run(
        "pg_restore",
        "--no-owner",
        "--exit-on-error",
        f"--dbname={environment['DATABASE_URL']}",
        source / "database.dump",
    )
    for name in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
        archive = source / f"{name.lower()}.tar.gz"
        if archive.exists():
            folder = Path(environment[name])
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            run("tar", "-C", folder, "-xzf", archive)
    run(PYTHON, "manage.py", "release", cwd=ROOT, env=process_environment(), stdout=subprocess.DEVNULL)
    for index, port in enumerate(app_ports(), start=1):
        start_app(index, port)
    start_celery()
    wait_until_served()
    say(f"restored from {source}")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["up", "down", "status", "backup", "restore"])
    parser.add_argument("source", nargs="?", help="restore: the backup folder")
    parser.add_argument("--demo", action="store_true", help="up: load the demo marketplace (never on a real server)")
    options = parser.parse_args(argv)
    os.chdir(ROOT)
    if options.command == "up":
        up(options.demo)
    elif options.command == "down":
        down()
    elif options.command == "status":
        status()
    elif options.command == "backup":
        backup()
    else:
        restore(options.source)


if __name__ == "__main__":
    main(sys.argv[1:])
