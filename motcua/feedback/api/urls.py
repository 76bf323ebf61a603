from django.urls import path

from motcua.feedback.api import views

urlpatterns = [
    path("feedback/", views.FeedbackListCreateApi.as_view(), name="feedback-list"),
    path("feedback/categories/", views.CategoryListApi.as_view(), name="feedback-categories"),
    path("feedback/<str:code>/", views.FeedbackDetailApi.as_view(), name="feedback-detail"),
    path(
        "feedback/<str:code>/actions/<slug:action>/",
        views.FeedbackActionApi.as_view(),
        name="feedback-action",
    ),
    path(
        "feedback/<str:code>/attachments/<int:attachment_id>/",
        views.FeedbackAttachmentApi.as_view(),
        name="feedback-attachment",
    ),
    path(
        "public/feedback/answers/",
        views.PublishedAnswersApi.as_view(),
        name="public-feedback-answers",
    ),
    path("public/feedback/<str:code>/", views.PublicFeedbackApi.as_view(), name="public-feedback"),
    path(
        "public/feedback/<str:code>/reply/",
        views.PublicFeedbackReplyApi.as_view(),
        name="public-feedback-reply",
    ),
    path(
        "public/feedback/<str:code>/rating/",
        views.PublicFeedbackRatingApi.as_view(),
        name="public-feedback-rating",
    ),
    path(
        "ratings/dossiers/<str:code>/",
        views.DossierRatingApi.as_view(),
        name="dossier-rating",
    ),
    path(
        "public/ratings/dossiers/",
        views.KioskDossierRatingApi.as_view(),
        name="public-dossier-rating",
    ),
    path(
        "public/ratings/summary/",
        views.RatingSummaryApi.as_view(),
        name="public-rating-summary",
    ),
]
