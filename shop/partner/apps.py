import oscar.apps.partner.apps as oscar_apps


class PartnerConfig(oscar_apps.PartnerConfig):
    """Oscar's partner app, forked for one policy: only open stalls sell (see strategy.py)."""

    name = "shop.partner"
