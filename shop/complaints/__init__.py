"""Buyers' complaints and returns (issue 19, item 3): a buyer opens a request against one stall's part of an order,
the stall answers within a deadline, either side may escalate, and union staff decide in a review queue
(``shop.review``): a refund through the payment gateway, a return, or a rejection with its reason.
"""
