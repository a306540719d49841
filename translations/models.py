"""No tables yet: locale files live in translations/locale; coverage and translator import/export come later."""
