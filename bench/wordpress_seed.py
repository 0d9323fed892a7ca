"""The bench's WordPress database on the machine's MariaDB (127.0.0.1:3306, root, no
password): a database of its own, dropped at the end, and bench/corpus.py's stories written
into WordPress's tables with bulk INSERTs, as DramaWired gets them from bench/serving.py."""

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime

from corpus import Corpus  # bench/corpus.py, beside this script
from django.utils.text import slugify

BATCH = 500  # rows per INSERT: ~1.5 MB of posts, well under max_allowed_packet (16 MB)
# How MySQL reads a quoted string: these characters are escaped, the rest is taken as is.
ESCAPES = str.maketrans({"\\": "\\\\", "'": "\\'", "\0": "\\0", "\n": "\\n", "\r": "\\r",
                         "\x1a": "\\Z"})


def literal(value) -> str:
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return f"'{value:%Y-%m-%d %H:%M:%S}'"
    return "'" + str(value).translate(ESCAPES) + "'"


def insert(table: str, columns: str, rows: list[tuple]) -> str:
    values = ",\n".join("(" + ",".join(map(literal, row)) + ")" for row in rows)
    return f"INSERT INTO {table} ({columns}) VALUES\n{values};\n"


class MariaDB:
    """A database of this run's own, created now and dropped by `scratch` at its end."""

    def __init__(self, scratch, host: str = "127.0.0.1", port: int = 3306):
        client = shutil.which("mariadb") or shutil.which("mysql")
        if not client:
            sys.exit("no MariaDB client: apt-get install mariadb-client (make bench-tools)")
        self.host, self.port = host, port
        self.command = [client, "-h", host, "-P", str(port), "-u", "root",
                        "--default-character-set=utf8mb4", "--batch", "--skip-column-names"]
        self.name = f"dramawired_bench_wp_{os.getpid()}"
        try:
            self.sql(f"CREATE DATABASE `{self.name}` CHARACTER SET utf8mb4", database="")
        except RuntimeError as exc:
            sys.exit(f"{exc}\nThe bench needs a MariaDB server on {host}:{port} that lets root "
                     "in without a password (Debian's mariadb-server: service mariadb start).")
        scratch.undo.callback(self.sql, f"DROP DATABASE IF EXISTS `{self.name}`", database="")

    def sql(self, statements: str, database: str | None = None) -> str:
        done = subprocess.run([*self.command, database if database is not None else self.name],
                              input=statements, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"MariaDB on {self.host}:{self.port}: {done.stderr.strip()}")
        return done.stdout

    def version(self) -> str:
        return self.sql("SELECT VERSION()").strip()

    def load(self, statements) -> None:
        """Statements streamed to one client session, in one transaction."""
        with subprocess.Popen([*self.command, self.name], stdin=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, encoding="utf-8") as client:
            client.stdin.write("SET autocommit=0, unique_checks=0, foreign_key_checks=0;\n")
            for statement in statements:
                client.stdin.write(statement)
            client.stdin.write("COMMIT;\n")
            client.stdin.close()
            error = client.stderr.read()
        if client.returncode:
            raise RuntimeError(f"MariaDB bulk load: {error.strip()}")


def seed(db: MariaDB, total: int) -> None:
    """WordPress's sample content replaced by the corpus: 50 authors, the categories, 2,000
    tags, `total` published posts (ID = the DramaWired post's id) filed under them, with
    pretty permalinks (/%postname%/) as a news site has them. Featured images are left out
    (they need attachment posts and image metadata): WordPress's page does a little less."""
    corpus = Corpus()
    db.load(rows(corpus, total))
    db.sql("ANALYZE TABLE wp_posts, wp_postmeta, wp_terms, wp_term_taxonomy, "
           "wp_term_relationships, wp_users, wp_usermeta, wp_options")
    print(f"WordPress: {len(corpus.tags)} tags, {len(corpus.categories)} categories, "
          f"{len(corpus.authors)} authors")


def rows(corpus: Corpus, total: int):
    yield ("DELETE FROM wp_posts; DELETE FROM wp_postmeta; DELETE FROM wp_comments; "
           "DELETE FROM wp_commentmeta; DELETE FROM wp_term_relationships;\n")
    # The rewrite rules are built again, for the new structure, on the next request.
    yield ("UPDATE wp_options SET option_value = '/%postname%/' "
           "WHERE option_name = 'permalink_structure';\n"
           "DELETE FROM wp_options WHERE option_name = 'rewrite_rules';\n")
    now = datetime.now(UTC).replace(tzinfo=None)
    first_author = 2  # the admin is user 1
    yield insert("wp_users", "ID, user_login, user_pass, user_nicename, user_email, user_url, "
                 "user_registered, user_activation_key, user_status, display_name",
                 [(first_author + i, slugify(name), "", slugify(name),
                   f"{slugify(name)}@example.com", "", now, "", 0, name)
                  for i, name in enumerate(corpus.authors)])
    yield insert("wp_usermeta", "user_id, meta_key, meta_value",
                 [(first_author + i, key, value) for i in range(len(corpus.authors))
                  for key, value in (("wp_capabilities", 'a:1:{s:6:"author";b:1;}'),
                                     ("wp_user_level", "2"))])
    # Term 1 is WordPress's own "Uncategorized" (the default category); ours follow it.
    terms = [(name, "category") for name in corpus.categories]
    terms += [(name, "post_tag") for name in corpus.tags]
    yield insert("wp_terms", "term_id, name, slug, term_group",
                 [(2 + i, name, slugify(name), 0) for i, (name, _) in enumerate(terms)])
    yield insert("wp_term_taxonomy", "term_taxonomy_id, term_id, taxonomy, description, "
                 "parent, count", [(2 + i, 2 + i, kind, "", 0, 0)
                                   for i, (_, kind) in enumerate(terms)])
    category_id = {name: 2 + i for i, name in enumerate(corpus.categories)}
    first_tag = 2 + len(corpus.categories)
    posts, links = [], []
    slugs: dict[str, str] = {}
    for s in corpus.stories(total, datetime.now(UTC)):
        when = s.published_at.replace(tzinfo=None)  # the site's time zone is UTC
        # WordPress keeps non-ASCII slugs percent-encoded; ASCII ones are simpler to load.
        slug = slugs.get(s.title) or slugs.setdefault(
            s.title, slugify(s.title)[:180].strip("-"))
        posts.append((s.pk, first_author + s.author, when, when, s.body, s.title, s.excerpt,
                      "publish", "open", "open", "", f"{slug}-{s.pk}", "", "", when, when, "",
                      0, f"http://127.0.0.1/?p={s.pk}", 0, "post", "", 0))
        links.append((s.pk, category_id[s.category], 0))
        links += [(s.pk, first_tag + t, 0) for t in s.tags]
        if len(posts) == BATCH or s.pk == total:
            yield insert("wp_posts", "ID, post_author, post_date, post_date_gmt, post_content, "
                         "post_title, post_excerpt, post_status, comment_status, ping_status, "
                         "post_password, post_name, to_ping, pinged, post_modified, "
                         "post_modified_gmt, post_content_filtered, post_parent, guid, "
                         "menu_order, post_type, post_mime_type, comment_count", posts)
            yield insert("wp_term_relationships", "object_id, term_taxonomy_id, term_order",
                         links)
            posts, links = [], []
    yield ("UPDATE wp_term_taxonomy tt SET count = (SELECT COUNT(*) FROM "
           "wp_term_relationships r WHERE r.term_taxonomy_id = tt.term_taxonomy_id);\n")
