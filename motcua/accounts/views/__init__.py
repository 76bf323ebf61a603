from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.accounts import services
from motcua.accounts.forms import RegisterForm
from motcua.core.exceptions import DomainError


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                user = services.citizen_register(**form.cleaned_data)
            except DomainError as exc:
                for field, messages in exc.errors.items():
                    for message in messages:
                        form.add_error(field if field in form.fields else None, message)
                status = exc.status if exc.status != 400 else 422
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                from django.contrib import messages

                messages.success(
                    request, _("Đăng ký thành công. Tên đăng nhập của bạn: %s") % user.username
                )
                return redirect("core:home")
        else:
            status = 422
    return render(request, "accounts/register.html", {"form": form}, status=status)
