"""Web routes of the citizen's data store: "Giấy tờ của tôi" (giay-to/) and its downloads."""

from django.urls import path

from motcua.documents.views import store

app_name = "store"
urlpatterns = [
    path("giay-to/", store.my_documents, name="mine"),
    path("giay-to/<int:pk>/tai-ve/", store.download, name="download"),
]
