"""`{% staff_dashboard as figures %}` for the admin index page."""

from django import template

from inquiries import policy
from inquiries.dashboard import figures

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_dashboard(context):
    request = context.get("request")
    if request is None or not policy.may(request.user, "queue"):
        return None
    return figures(request.user)
