import pytest


@pytest.fixture
def bank_account(settings):
    """The alliance's account for bank transfers (VietQR), which switches the method on at checkout."""
    settings.BANK_TRANSFER_BIN = "970436"
    settings.BANK_TRANSFER_ACCOUNT = "0071000123456"
    settings.BANK_TRANSFER_ACCOUNT_NAME = "LIEN MINH HTX VIET NAM"
