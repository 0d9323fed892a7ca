"""The reader's address behind nginx: X-Real-IP is believed only when the site says it
sits behind a proxy; otherwise a client could pick its own address."""

import pytest
from django.test import RequestFactory, override_settings

from dramawired.ops.proxy import RealAddressMiddleware


def _seen(**headers) -> str:
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", **headers)
    return RealAddressMiddleware(lambda r: r.META["REMOTE_ADDR"])(request)


@pytest.mark.parametrize("behind, header, seen", [
    (True, "203.0.113.9", "203.0.113.9"),
    (True, "", "127.0.0.1"),
    (False, "203.0.113.9", "127.0.0.1"),
])
def test_x_real_ip_only_behind_a_proxy(behind, header, seen):
    with override_settings(DRAMAWIRED_BEHIND_PROXY=behind):
        assert _seen(HTTP_X_REAL_IP=header) == seen


def test_it_runs_before_everything_that_reads_the_address(settings):
    assert settings.MIDDLEWARE[0] == "dramawired.ops.proxy.RealAddressMiddleware"
