from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from quarterly.collection.submissions.selectors import period_slug

register = template.Library()


@register.simple_tag
def result_edit_url(item: Any) -> str:
    return reverse("collection:result-edit", args=[item.kpi.reference, period_slug(item.period)])
