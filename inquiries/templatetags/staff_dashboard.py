"""`{% staff_dashboard as figures %}` for the admin index page."""

from django import template

from inquiries.dashboard import figures

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_dashboard(context):
    request = context.get("request")
    if request is None or not request.user.has_perm("inquiries.view_inquiry"):
        return None
    return figures()
