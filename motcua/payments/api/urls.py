from django.urls import path

from motcua.payments.api import views

urlpatterns = [
    path("dossiers/<str:code>/payments/", views.DossierPaymentsApi.as_view()),
    path("dossiers/<str:code>/payments/online/", views.OnlinePaymentApi.as_view()),
    path("dossiers/<str:code>/payments/desk/", views.DeskPaymentApi.as_view()),
    path("dossiers/<str:code>/payments/<str:txn_ref>/receipt/", views.ReceiptApi.as_view()),
    path("payments/vnpay/ipn/", views.IpnApi.as_view(), name="payments-vnpay-ipn"),
    path("payments/reconciliation/", views.ReconciliationApi.as_view()),
    path(
        "payments/discrepancies/<int:message_id>/resolve/",
        views.DiscrepancyResolveApi.as_view(),
    ),
]
