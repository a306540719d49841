"""With a broker, a Celery worker sends our e-mails and tries again while the mail server is down.

A real worker (Celery's embedded test worker, in a thread) takes the task from Redis on 127.0.0.1:6379, from a
queue of this test's own so no other process takes it. The mail server is a backend that refuses a given number of
connections the way a restarting SMTP server does, then accepts (into Django's test outbox). The waits between
tries are set to nothing, so the test does not wait minutes.
"""

import logging
import smtplib
import time
import uuid

import pytest
from celery import Celery
from django.core import mail
from django.core.mail.backends import locmem

from shop import tasks
from shop.celery import app

REDIS_BROKER = "redis://127.0.0.1:6379/0"
WAIT_SECONDS = 20


class RestartingMailServer(locmem.EmailBackend):
    """Refuses the first ``refusals`` connections, then delivers into mail.outbox; counts every attempt."""

    refusals = 0
    attempts = 0

    def send_messages(self, messages):
        RestartingMailServer.attempts += 1
        if RestartingMailServer.attempts <= RestartingMailServer.refusals:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def mail_server(settings):
    settings.EMAIL_BACKEND = "tests.shop.test_email_retries.RestartingMailServer"
    RestartingMailServer.refusals = 0
    RestartingMailServer.attempts = 0
    return RestartingMailServer


@pytest.fixture
def worker(monkeypatch, caplog):
    """A Celery worker on Redis, consuming a queue of this test's own, retrying at once.

    It runs a Celery app of its own (our tasks are shared tasks, so they follow the current app): the project's app
    keeps its eager configuration and its connection pool for the other tests.
    """
    from celery.contrib.testing.worker import start_worker

    queue = f"test-mail-{uuid.uuid4().hex}"
    worker_app = Celery("chohtx-mail-test", set_as_current=False)
    worker_app.conf.update(
        broker_url=REDIS_BROKER,
        task_default_queue=queue,
        task_ignore_result=True,
        worker_hijack_root_logger=False,  # keep pytest's log capture
    )
    monkeypatch.setattr(tasks, "BACKOFF_FACTOR", 0)
    caplog.set_level(logging.WARNING, logger="shop.tasks")
    try:
        with start_worker(worker_app, pool="solo", queues=[queue], perform_ping_check=False, loglevel="WARNING"):
            yield
    finally:
        app.set_current()
        app.set_default()
        worker_app.close()


def wait_for(condition):
    """Wait for the worker (in another thread) to get somewhere; fail after WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, "the worker did not get there in time"
        time.sleep(0.05)  # waiting for another thread, not for the code under test


def given_up(caplog):
    return [record for record in caplog.records if record.name == "shop.tasks" and record.levelno == logging.ERROR]


def test_an_email_refused_twice_is_delivered_on_the_third_try(mail_server, worker, caplog):
    mail_server.refusals = 2

    tasks.queue_email("Đơn hàng 100001 đã được đặt", "Cảm ơn bạn đã mua hàng.", ["lan@example.vn"])

    wait_for(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].to == ["lan@example.vn"]
    assert mail_server.attempts == 3
    assert len([record for record in caplog.records if record.levelno == logging.WARNING]) == 2
    assert given_up(caplog) == []


def test_an_email_the_server_keeps_refusing_is_given_up_after_the_last_try_and_logged(mail_server, worker, caplog):
    mail_server.refusals = 100

    tasks.queue_email("Đơn hàng 100001 đã được đặt", "Cảm ơn bạn đã mua hàng.", ["lan@example.vn"])

    wait_for(lambda: given_up(caplog))
    assert mail_server.attempts == tasks.RETRIES + 1
    assert mail.outbox == []
    [failure] = given_up(caplog)
    assert failure.exc_info is not None
    assert "lan@example.vn" in failure.getMessage()
