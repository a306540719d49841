"""Cells of the spreadsheets and CSV files we write: text that a spreadsheet program would read as a formula is
neutralised (OWASP's "CSV injection"). A product title or a buyer's name typed as ``=HYPERLINK(...)`` or ``@SUM(...)``
must reach the seller's spreadsheet as the text it is, never as a formula that runs when the file is opened."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text starting like a formula gets a leading apostrophe (shown as text by spreadsheet programs); numbers and
    other text are kept as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values):
    return [safe_cell(value) for value in values]
