"""Reports of violating listings and their takedown (issue 19 item 4; Decree 52/2013 as amended by 85/2021, the
E-commerce Law from 1/7/2026: violating goods removed within 24 hours of a competent authority's request).

Anyone may report a product or a whole stall from its page. Reports about one listing gather in one ``Takedown``
case, which union staff work in a review queue built on ``shop.review`` with the 24-hour clock in view: they record
the authority's request when there is one, dismiss the case or take the listing down. A takedown removes the listing
from every page, search and open baskets in the same request (``removal.py``), e-mails the stall why, and shows on
its seller centre; the stall fixes the listing and asks for review, and staff restore it or keep it down. Every step
is logged (who, when, why).

It lives in the project package (shop/) beside ``shop.review`` because a case spans several domains: catalogue
products, stalls (storefronts), baskets and search. The apps it touches know nothing of it, except the one line in
``catalog.products.publish_problems`` that keeps a taken-down product from being put back on sale by its stall.
"""
