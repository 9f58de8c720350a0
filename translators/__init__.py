"""Translators: turn an Article into TranslatedArticles with offline Argos/CTranslate2 models."""
