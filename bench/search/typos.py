"""The database backend's typo matching: 48,000 folded words x 6 typo terms, the pure-Python optimal string
alignment distance it used before against rapidfuzz (what catalog.search.text.typo_matches uses now). Both must find
the same words.

    .venv/bin/python bench/search/typos.py
"""

import random
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from catalog.search.text import fuzziness


def python_distance(a, b, limit):
    """The former catalog.search.text.edit_distance, kept here as the baseline."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


random.seed(7)
vocab = set()
while len(vocab) < 48000:
    vocab.add("".join(random.choice(string.ascii_lowercase) for _ in range(random.randint(3, 10))))
vocab = frozenset(vocab)
terms = ["robutsa", "quok", "xaoi", "meoo", "homestey", "mulbery"]
t = time.perf_counter()
slow = [sorted(w for w in vocab if python_distance(term, w, fuzziness(term)) <= fuzziness(term)) for term in terms]
print(f"pure python: {time.perf_counter() - t:.2f} s")
from catalog.search.text import typo_matches  # noqa: E402

t = time.perf_counter()
fast = [typo_matches(term, vocab) for term in terms]
print(f"rapidfuzz: {time.perf_counter() - t:.3f} s; same matches: {slow == fast}; matches: {sum(map(len, fast))}")
