from oscar.apps.customer.admin import *  # noqa: F403 (Oscar's fork pattern: keep its admin registrations)
