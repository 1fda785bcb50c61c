"""The project's URLs and two test-only pages: one that fails (500) and one that runs an inline script."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

# What the XSS tests would see if a script ran: an alert and a console line. It runs only where the
# policy allows inline scripts (page.set_content, no header), proving the hooks catch a script.
SCRIPT_THAT_RUNS = "<script>console.log('xss-ran'); alert('xss-ran')</script>"


def fail(request):
    raise RuntimeError("a fault")


def inline_script(request):
    return HttpResponse(f"<!doctype html><title>control</title><p>control</p>{SCRIPT_THAT_RUNS}")


urlpatterns = [
    path("test-only/fail/", fail),
    path("test-only/inline-script/", inline_script),
    *project_urlpatterns,
]
