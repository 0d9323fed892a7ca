"""`dramawired import-wordpress`: a WordPress.com archive, an export fetched by address
through the fetch rules, the closing summary, and the exit code."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from dramawired.comments.models import Comment
from dramawired.news.models import Post

from .conftest import TESTDATA
from .loopback import OldSite


@pytest.mark.django_db
def test_a_wordpress_com_archive(tmp_path, client, capsys):
    archive = tmp_path / "reelnotes.wordpress.2024-01-01.000.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(TESTDATA / "wpcom.xml", "reelnotes.wordpress.2024-01-01.000.xml")
    call_command("import-wordpress", str(archive))
    out = capsys.readouterr().out
    assert "Imported: 1 posts, 1 comments" in out
    post = Post.objects.get(slug="three-hours")
    assert post.author.name == "reelnotes" and post.category.name == "Reviews"
    assert "youtube-nocookie.com/embed/ZyXwVuTsRqP" in post.body
    # A story that opens with its picture: the picture leads, and is shown once.
    assert post.lead_image == "https://reelnotes.files.wordpress.com/2023/11/poster.jpg?w=640"
    assert "poster.jpg" not in post.body
    assert Comment.objects.get().status == Comment.Status.APPROVED
    assert client.get("/2023/11/04/three-hours/")["Location"] == "/three-hours/"
    assert client.get("/?p=88")["Location"] == "/three-hours/"


@pytest.mark.django_db
def test_an_export_by_address_and_the_summary(capsys):
    site = OldSite({"/export.xml": ("application/xml", (TESTDATA / "classic.xml").read_bytes())})
    try:
        call_command("import-wordpress", site.base_url + "/export.xml", "--dry-run")
    finally:
        site.stop()
    out = capsys.readouterr().out
    assert "Dry run: nothing was saved" in out
    assert "Imported: 5 posts, 2 pages, 5 comments, 2 authors" in out
    assert "17 redirects" in out and "1 × post type 'product' (unknown)" in out
    assert not Post.objects.exists()


@pytest.mark.django_db
def test_nothing_read_is_an_error(tmp_path, capsys):
    junk = tmp_path / "junk.xml"
    junk.write_bytes(b"this is no export")
    with pytest.raises(CommandError, match="nothing could be read"):
        call_command("import-wordpress", str(junk))
    assert "Stopped reading" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no such file"):
        call_command("import-wordpress", str(tmp_path / "missing.xml"))
    gz = tmp_path / "empty.xml.gz"
    gz.write_bytes(io.BytesIO(b"").getvalue())
    with pytest.raises(CommandError):
        call_command("import-wordpress", str(gz))
