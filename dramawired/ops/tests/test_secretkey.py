"""Production settings refuse a secret key that is missing, copied from our documentation,
or weak by Django's own rules (check_secret_key: 50+ characters, 5+ different ones, not
startproject's "django-insecure-"), with an error that says why and how to make one."""

import re
import secrets
from pathlib import Path

import pytest

from dramawired.ops.secretkey import weakness

from . import embedded

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = "change-me-to-50-random-characters"  # deploy/dramawired.env.example


def documented_keys() -> set[str]:
    """Every DRAMAWIRED_SECRET_KEY value written in the repository's docs and deploy files."""
    files = [*ROOT.glob("deploy/**/*"), *ROOT.glob("docs/**/*.md"), ROOT / "README.md"]
    pattern = re.compile(r"DRAMAWIRED_SECRET_KEY=[\"']?([^\s\"'`]+)")
    return {key for f in files if f.is_file() for key in pattern.findall(f.read_text())}


def test_every_documented_example_is_refused():
    documented = documented_keys()
    assert EXAMPLE in documented  # the finder finds the one we know of
    assert {key: weakness(key) is not None for key in documented} == \
        {key: True for key in documented}


@pytest.mark.parametrize("key, why", [
    ("", "is not set"),
    ("dev-only-insecure-key-change-me", "is not set"),
    (EXAMPLE, "is the example from the documentation"),
    ("x" * 10 + secrets.token_hex(10), "has 30 characters; at least 50 are needed"),
    ("abcd" * 20, "has 4 different characters; at least 5 are needed"),
    ("django-insecure-" + secrets.token_urlsafe(50), "starts with 'django-insecure-'"),
])
def test_weak_keys_and_why(key, why):
    assert why in weakness(key)


def test_a_random_key_passes():
    assert weakness(secrets.token_urlsafe(50)) is None


def test_production_settings_refuse_the_example_key(tmp_path):
    result = embedded.cli(tmp_path / "var", "check", check=False,
                          **embedded.production(DRAMAWIRED_SECRET_KEY=EXAMPLE))
    assert result.returncode != 0
    assert "ImproperlyConfigured: DRAMAWIRED_SECRET_KEY is the example from the documentation" \
        in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr  # and how to make a real one


def test_production_settings_start_with_a_random_key(tmp_path):
    result = embedded.cli(tmp_path / "var", "check", **embedded.production())
    assert "System check identified no issues" in result.stdout
