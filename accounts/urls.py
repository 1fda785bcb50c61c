from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.second_factor_page, name="second_factor"),
]
