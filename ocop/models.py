"""Product credentials: OCOP certificates (stars, verification, expiry) and traceability stamps.

The models arrive with the OCOP issue; the app is installed now so the rest of the project can depend on its place.
"""
