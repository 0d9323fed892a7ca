"""WordPress as Debian packages it, set up in the bench's own folder for bench/compare.py:
the stack DramaWired replaces, beside it in one run.

- Files: Debian's `wordpress` package and the theme it recommends
  (`wordpress-theme-twentytwentythree`, WordPress 6.1's default) are fetched with
  `apt-get download` into var/bench/debs/ (kept: later runs need no mirror) and unpacked
  with `dpkg -x` into the run's folder. Not `apt-get install`: that would write
  /usr/share/wordpress and /etc/wordpress for the whole machine, pull in Apache (the
  package depends on apache2 | httpd) and wait for the dpkg lock; unpacked, the run owns
  every file and removes them with its folder.
- Database: MariaDB on 127.0.0.1:3306 (wordpress_seed.py), a database of the run's own.
- PHP: the machine's php-fpm (Debian's php-fpm and php-mysql, `make bench-tools`) with
  Debian's php.ini (OPcache on) and a pool of the bench's own: Debian's www.conf settings
  (pm dynamic, at most 5 children) on a free loopback port.
- nginx: Debian's nginx.conf defaults (deploy_serving.debian_nginx, as DramaWired's site
  file gets them) and two servers on free loopback ports in front of that pool: one
  uncached, one with the fastcgi_cache setup nginx documents for WordPress, held to the
  same rules as deploy/nginx/dramawired.conf's page cache (10 s, one request per page to
  PHP when it expires, stale copies meanwhile, logged-in readers and commenters bypass).
- Installed without a browser: wp-admin/install.php is POSTed the form its second step
  takes, then wordpress_seed.py replaces the sample content with the bench's posts.
"""

import getpass
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import serving  # bench/serving.py: free ports
from deploy_env import ROOT, Scratch, wait_until_up
from deploy_serving import debian_nginx
from wordpress_seed import MariaDB, seed

PACKAGES = ("wordpress", "wordpress-theme-twentytwentythree")
DOWNLOADS = ROOT / "var" / "bench" / "debs"
PHP_FPM = sorted(Path("/usr/sbin").glob("php-fpm*"))
FASTCGI = """        fastcgi_split_path_info ^(.+?\\.php)(/.*)$;
        try_files $fastcgi_script_name =404;
        include /etc/nginx/fastcgi.conf;
        fastcgi_pass 127.0.0.1:{fpm};"""
SITE = """# WordPress's nginx setup (the location blocks nginx.org's WordPress recipe gives,
# Debian's snippets/fastcgi-php.conf inlined), uncached and behind fastcgi_cache.
fastcgi_cache_path {cache} levels=1:2 keys_zone=wordpress:20m max_size=2g inactive=24h
                   use_temp_path=off;

# 1 for a reader who must get a page of their own: logged in, on a password-protected
# post, or a commenter whose name the comment form fills in.
map $http_cookie $wordpress_private {{
    default 0;
    ~wordpress_logged_in|wp-postpass|comment_author 1;
}}

server {{
    listen 127.0.0.1:{plain};
    root {root};
    index index.php;
    location / {{
        try_files $uri $uri/ /index.php?$args;
    }}
    location ~ \\.php$ {{
{fastcgi}
    }}
}}

server {{
    listen 127.0.0.1:{cached};
    root {root};
    index index.php;
    tcp_nopush off;  # as deploy/nginx/dramawired.conf, and for the same reason
    tcp_nodelay on;
    location / {{
        try_files $uri $uri/ /index.php?$args;
    }}
    location ~ \\.php$ {{
{fastcgi}
        fastcgi_cache wordpress;
        fastcgi_cache_key $scheme$request_method$host$request_uri;
        fastcgi_cache_bypass $wordpress_private;
        fastcgi_no_cache $wordpress_private;
        fastcgi_cache_valid 200 10s;
        fastcgi_cache_lock on;
        fastcgi_cache_lock_timeout 5s;
        fastcgi_cache_background_update on;
        fastcgi_cache_use_stale error timeout updating http_500 http_503;
        add_header X-FastCGI-Cache $upstream_cache_status;
    }}
}}
"""


def unpack(into: Path) -> Path:
    """The packages unpacked into `into`; returns the WordPress folder in it."""
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    for package in PACKAGES:
        if not list(DOWNLOADS.glob(f"{package}_*.deb")):
            done = subprocess.run(["apt-get", "download", "-q", package], cwd=DOWNLOADS,
                                  capture_output=True, text=True)
            if done.returncode:
                sys.exit(f"apt-get download {package} failed:\n{done.stderr}")
        deb = max(DOWNLOADS.glob(f"{package}_*.deb"), key=lambda p: p.stat().st_mtime)
        subprocess.run(["dpkg", "-x", str(deb), str(into)], check=True)
    return into / "usr" / "share" / "wordpress"


def write_config(wordpress: Path, db: MariaDB) -> None:
    """wp-config.php in place of Debian's, which reads /etc/wordpress/config-<host>.php."""
    keys = "".join(f"define('{name}', '{secrets.token_hex(32)}');\n" for name in (
        "AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT",
        "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"))
    (wordpress / "wp-config.php").write_text(f"""<?php
// Written by bench/wordpress.py.
define('DB_NAME', '{db.name}');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', '{db.host}:{db.port}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
{keys}$table_prefix = 'wp_';
// Two servers (uncached, cached) on two ports serve one site: its address is the one the
// reader asked for, so WordPress never redirects a reader to the other (redirect_canonical).
define('WP_HOME', 'http://' . $_SERVER['HTTP_HOST']);
define('WP_SITEURL', 'http://' . $_SERVER['HTTP_HOST']);
// No cron run, update check or other call out while pages are measured.
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
""")


def php_fpm(scratch: Scratch, folder: Path) -> int:
    """The pool's port, once it accepts connections."""
    if not PHP_FPM:
        sys.exit("php-fpm not found: make bench-tools (apt-get install php-fpm php-mysql)")
    port, root = serving.free_port(), os.geteuid() == 0
    conf = folder / "php-fpm.conf"
    conf.write_text(f"""[global]
pid = {folder}/php-fpm.pid
error_log = {folder}/error.log
daemonize = no

; Debian's www.conf, on a port of the bench's own (and as this user: a root-owned folder)
[wordpress]
{f"user = {getpass.getuser()}" if root else ""}
listen = 127.0.0.1:{port}
pm = dynamic
pm.max_children = 5
pm.start_servers = 2
pm.min_spare_servers = 1
pm.max_spare_servers = 3
catch_workers_output = yes
""")
    command = [str(PHP_FPM[-1]), "--nodaemonize", "--fpm-config", str(conf)]
    proc = scratch.start("php-fpm", command + (["--allow-to-run-as-root"] if root else []))
    for _ in range(100):
        if proc.poll() is not None:
            sys.exit(f"php-fpm exited:\n{proc.log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return port
        except OSError:
            time.sleep(0.1)
    sys.exit(f"php-fpm did not listen on 127.0.0.1:{port} within 10 s")


def install(base: str) -> None:
    """What the installer's form sends, as a reader would from the browser."""
    password = secrets.token_urlsafe(16)
    form = {"weblog_title": "WordPress bench", "user_name": "admin",
            "admin_password": password, "admin_password2": password, "pw_weak": "1",
            "admin_email": "admin@example.com", "blog_public": "0", "language": ""}
    request = urllib.request.Request(base + "/wp-admin/install.php?step=2",
                                     data=urllib.parse.urlencode(form).encode())
    with urllib.request.urlopen(request, timeout=120) as response:
        page = response.read().decode(errors="replace")
    if "<h1>Success!</h1>" not in page:
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
        sys.exit(f"WordPress's installer did not succeed: {text[:600]}")


class WordPress:
    """The stack, started in `scratch` and stopped with it, with `posts` posts."""

    def __init__(self, scratch: Scratch, posts: int):
        self.db = MariaDB(scratch)
        self.root = unpack(scratch.folder("wordpress"))
        self.version = re.search(r"\$wp_version = '([^']+)'",
                                 (self.root / "wp-includes" / "version.php").read_text())[1]
        write_config(self.root, self.db)
        fpm = php_fpm(scratch, scratch.folder("php-fpm"))
        plain, cached = serving.free_port(), serving.free_port()
        fastcgi = FASTCGI.format(fpm=fpm)
        self.nginx = debian_nginx(scratch, "wordpress-nginx", SITE.format(
            cache=scratch.folder("fastcgi-cache"), plain=plain, cached=cached,
            root=self.root, fastcgi=fastcgi))
        self.plain, self.cached = f"http://127.0.0.1:{plain}", f"http://127.0.0.1:{cached}"
        wait_until_up(self.plain + "/readme.html", self.nginx)
        install(self.plain)
        started = time.perf_counter()
        seed(self.db, posts)
        print(f"WordPress: seeded {posts:,} posts in {time.perf_counter() - started:.1f} s "
              "(ANALYZE included)")

    def post_path(self, pk: int) -> str:
        return f"/{self.db.sql(f'SELECT post_name FROM wp_posts WHERE ID = {int(pk)}').strip()}/"

    def versions(self) -> str:
        php = subprocess.run([str(PHP_FPM[-1]), "-v"], capture_output=True, text=True).stdout
        return (f"WordPress {self.version} (Debian), PHP-FPM {php.split()[1]}, "
                f"MariaDB {self.db.version()}")
