"""Targets by year (propose, agree, send back) and the yearly review of the KPI list, under
/register/ in the register's URL namespace."""

from django.urls import path

from quarterly.web.targets import views

urlpatterns = [
    path("kpi/<str:reference>/propose-target/", views.target_propose_view, name="target-propose"),
    path("targets-to-agree/", views.targets_to_agree, name="targets-to-agree"),
    path("targets-to-agree/<int:pk>/agree/", views.target_agree_view, name="target-agree"),
    path(
        "targets-to-agree/<int:pk>/send-back/", views.target_send_back_view, name="target-send-back"
    ),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/record/", views.review_record, name="review-record"),
]
