"""Forms of OCOP certificates and traceability stamps, by audience as ocop/views/ is:

- ``member_certificates``: a member declares a certificate (its rules live in ``OcopCertificate.clean()``, which the
  ModelForm reaches through ``full_clean``, so the member reads the model's messages).
- ``member_batches``: a member's new production batch and stamp request (the rules live in ``ocop.stamps``).
- ``review``: union staff's queue filter and decisions on certificates.
- ``public``: anyone's certificate lookup by number.
- ``verify``: anyone's stamp serial lookup.
- ``dates``: the date field members type dates in, shared by the member forms.
"""
