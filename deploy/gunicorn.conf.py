"""gunicorn's settings for Chợ HTX (``gunicorn -c deploy/gunicorn.conf.py shop.wsgi``), overridable by GUNICORN_*.

``preload_app``: the application is loaded once in the master and the workers are forked from it, so the objects
shop/wsgi.py freezes out of the garbage collector's reach are shared between workers (copy-on-write) instead of
loaded again by each one. Workers: two per core plus one (GUNICORN_WORKERS), each restarted after about a thousand
requests (with jitter, so they never all restart at once) to bound slow leaks. A request that takes longer than
GUNICORN_TIMEOUT seconds is killed: every slow job (imports, e-mails, stamps) runs in Celery, not in a request.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5  # behind nginx's keep-alive upstream
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = max_requests // 10
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # heartbeat files off the disk
forwarded_allow_ips = "127.0.0.1,::1"  # only the proxy on this machine may say which scheme the buyer used
limit_request_line = 8190
# gunicorn's control socket (gunicornc): one per instance, beside its pid file, or none.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
# The access line names the request id nginx gave, so it matches the application's log lines.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}i)s'


def child_exit(server, worker):
    """A worker that exits leaves its Prometheus figures to the others (multiprocess mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
