"""Stamp serials: short enough to type from a label, unguessable, with a check character that catches typos.

A serial is 10 random symbols of Crockford's base-32 alphabet (50 bits: a forger has to guess one of 2^50) and one
Luhn mod-32 check symbol, which catches every single mistyped symbol and most swapped neighbours. People see it as
XXXX-XXXX-XXX; when they type it, case, spaces, dashes and the look-alikes I/L (for 1) and O (for 0) do not matter.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
VALUE = {symbol: index for index, symbol in enumerate(ALPHABET)}
LOOK_ALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
RANDOM_LENGTH = 10
LENGTH = RANDOM_LENGTH + 1


def check_symbol(payload):
    """Luhn mod N (N = 32) over the payload's symbols."""
    factor, total = 2, 0
    for symbol in reversed(payload):
        addend = factor * VALUE[symbol]
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return ALPHABET[(32 - total % 32) % 32]


def new_serial():
    payload = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return payload + check_symbol(payload)


def normalize(typed):
    """The canonical form of what someone typed or scanned, or None when it cannot be a serial."""
    serial = "".join((typed or "").split()).replace("-", "").upper().translate(LOOK_ALIKES)
    if len(serial) != LENGTH or any(symbol not in VALUE for symbol in serial):
        return None
    return serial


def is_well_formed(serial):
    """True when the check symbol matches: a mistyped serial is caught before any database lookup."""
    return serial is not None and check_symbol(serial[:-1]) == serial[-1]


def display(serial):
    return f"{serial[:4]}-{serial[4:8]}-{serial[8:]}"
