"""A member's products: what the seller centre reads and the functions that change them.

Every function here receives objects the caller has already found within the member's own stall; none of them looks
anything up by an id it was given. The parts:

- ``queries``: which stalls may prepare and sell, the stall's list with one summary per product, a product's
  variants, and what a product still lacks before it may go on sale.
- ``services``: saving the simple product form (the Product, a draft until published, its one category, its stock
  record and its new pictures), publishing and unpublishing.
- ``variants``: adding, changing and renaming variants, following Oscar's rules (AbstractProduct.clean): a parent has
  categories and pictures but no stock record; each child has its own stock record and no category.
- ``stock_records``: the one builder of a product's stock record (the stall's partner, its SKU, price in whole đồng,
  stock), used by the form and by the spreadsheet import.
- ``descriptions``: members type plain text; it is stored as escaped paragraphs, never as HTML a member wrote.
- ``pictures``: adding and removing a product's pictures.
- ``held_uploads``: checked pictures held aside while the form they came with is being fixed.
"""
