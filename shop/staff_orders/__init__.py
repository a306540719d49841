"""Union staff's orders screens under /dashboard/orders-desk/ (issue 19, item 2): every order with its stall orders,
payment, refunds and events, searchable and paginated; staff may cancel a stall's part with a reason and refund it
through the same service a stall uses (shop.fulfilment.services.cancel_stall_order)."""
