from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from config.health import healthz

admin.site.site_header = admin.site.site_title = _("抑留者調査 照会管理")
admin.site.index_title = _("業務メニュー")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Staff choose their own password through the link the administrator role has e-mailed them.
    path(
        "admin/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("admin/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("admin/second-factor/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("inquiries/", include("inquiries.urls")),
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
]

handler403 = "config.errors.permission_denied"
