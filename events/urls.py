"""Addresses outside the language prefix."""

urlpatterns = []
