"""Union staff's review queues, written once: the stall applications (storefronts) and the OCOP certificates (ocop)
use it, and so will the complaint and takedown queues.

A queue needs
- a transition table: ``Step`` values, and a ``Workflow`` subclass naming the model, its log model and the permission
  (``workflow.py``);
- a log model: a concrete ``StatusChange`` with a foreign key to the reviewed model (``models.py``);
- its decisions (``Decision`` values) and a queue filter (a ``QueueFilterForm`` subclass) (``forms.py``);
- three small views on ``QueueView``, ``ReviewPageView`` and ``DecisionView`` (``views.py``);
- two small templates that extend ``review/queue.html`` and ``review/detail.html`` with their own blocks.

It lives in the project package (shop/) because it belongs to no domain: the apps import it, it imports none of them.
"""
