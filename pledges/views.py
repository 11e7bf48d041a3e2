"""Thin views: parse input with a form, call one service, render."""

from django.http import Http404


def local_government_profile(request, slug):
    raise Http404
