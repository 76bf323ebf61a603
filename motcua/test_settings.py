"""Settings for the test suite: the project's settings with tasks run immediately."""

from motcua.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Argon2 stays the hasher (tests check it); a low-cost variant keeps the suite fast.
PASSWORD_HASHERS = [
    "motcua.accounts.hashers.FastArgon2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
