from django.urls import path

from motcua.payments import views
from motcua.payments.sandbox.views import sandbox_pay

app_name = "payments"
urlpatterns = [
    path("thanh-toan/ho-so/<str:code>/truc-tuyen/", views.pay_online, name="pay-online"),
    path("thanh-toan/ho-so/<str:code>/tai-quay/", views.pay_at_desk, name="pay-at-desk"),
    path("thanh-toan/ho-so/<str:code>/bien-lai/<str:txn_ref>/", views.receipt, name="receipt"),
    path("thanh-toan/vnpay/ket-qua/", views.gateway_return, name="return"),
    path("thanh-toan/lenh/<str:txn_ref>/", views.order_state, name="order-state"),
    path("thanh-toan/doi-soat/", views.reconciliation_page, name="reconciliation"),
    # The local stand-in for the gateway (404 unless MOTCUA_PAYMENT["SANDBOX"]).
    path("cong-thanh-toan-thu-nghiem/paymentv2/vpcpay.html", sandbox_pay, name="sandbox"),
]
