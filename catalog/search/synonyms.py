"""The common product words across our three languages, as shoppers type them: "honey" on the Vietnamese site finds
"Mật ong", "鱼露" finds "Nước mắm", "chè" finds "trà".

Both backends read a query through ``synonym_groups``: each run of query terms that spells one entry of a group
becomes one requirement that any entry of the group satisfies (a phrase for several words: "fish sauce" must be those
two words in that order). Keeping the table here, rather than in an Elasticsearch synonym filter, gives the database
backend and the engine the same reading of every query, which the relevance set checks on both.
"""

from functools import lru_cache

from catalog.search.text import fold, query_terms

# Each group: Vietnamese first, then English, then Chinese. A word here must be specific to the product: a group is
# applied wherever its words appear in a query.
GROUPS = [
    ("mật ong", "honey", "蜂蜜"),
    ("nước mắm", "fish sauce", "鱼露"),
    ("chè", "trà", "tea", "茶"),
    ("cà phê", "coffee", "咖啡"),
    ("gạo", "rice", "大米"),
    ("hạt điều", "cashew", "cashews", "腰果"),
    ("mực khô", "dried squid", "鱿鱼干"),
    ("hạt sen", "lotus seeds", "莲子"),
    ("nón lá", "conical hat", "斗笠"),
    ("đèn lồng", "lantern", "灯笼"),
    ("chiếu cói", "sedge mat", "草席"),
    ("rượu vang", "wine", "葡萄酒"),
    ("mắc ca", "macadamia", "夏威夷果"),
    ("atiso", "artichoke", "洋蓟"),
]


def spelled(entry):
    """An entry as the folded query terms it is typed as: "Nước mắm" → ("nuoc", "mam"), "蜂蜜" → ("蜂蜜",)."""
    return tuple(fold(term) for term in query_terms(entry))


@lru_cache(maxsize=1)
def entries():
    """{spelled entry: its group's alternatives, each folded and words joined by spaces}, longest entries first."""
    table = {}
    for group in GROUPS:
        alternatives = list(dict.fromkeys(" ".join(spelled(entry)) for entry in group))
        for entry in group:
            table[spelled(entry)] = alternatives
    return dict(sorted(table.items(), key=lambda item: -len(item[0])))


def synonym_groups(terms):
    """Query terms (as query_terms gives them) as a list of requirements, each a list of alternatives: a run of terms
    spelling a synonym entry becomes its group (folded), every other term stands alone as typed."""
    folded = [fold(term) for term in terms]
    groups, position = [], 0
    while position < len(folded):
        for spelling, alternatives in entries().items():
            if tuple(folded[position : position + len(spelling)]) == spelling:
                groups.append(alternatives)
                position += len(spelling)
                break
        else:
            groups.append([terms[position]])
            position += 1
    return groups
