"""Who may see an order: its signed-in buyer, or the browser that placed or looked it up (remembered in the session)."""

SESSION_KEY = "orders_seen"


def remember_order(request, order):
    numbers = request.session.get(SESSION_KEY, [])
    if str(order.number) not in numbers:
        request.session[SESSION_KEY] = [*numbers[-19:], str(order.number)]


def can_view(request, order):
    if order.user_id and request.user.is_authenticated and order.user_id == request.user.pk:
        return True
    return str(order.number) in request.session.get(SESSION_KEY, [])
