"""The serving half of bench/deploy.py: nginx running the real site file in front of two
web instances, loaded with wrk, then left alone once both instances are stopped."""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import serving  # bench/serving.py: seed(), free ports, running a command
from deploy_env import CLI, ROOT, Run, deployment_env, halt, wait_until_up

SITE_FILE = ROOT / "deploy" / "nginx" / "dramawired.conf"
GZIP = "Accept-Encoding: gzip"  # what every browser sends
# nginx's access log, Debian's "combined" format behind what says who answered each request.
LOG_FORMAT = ('\'$status $upstream_cache_status $upstream_http_x_cache "$upstream_addr" '
              '$remote_addr - $remote_user [$time_local] "$request" $body_bytes_sent '
              '"$http_referer" "$http_user_agent"\'')
TALLY_LUA = """-- counts status and X-Cache of every response, across wrk's threads
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counts = {} end
function response(status, headers, body)
   local key = status .. " " .. (headers["X-Cache"] or "-")
   counts[key] = (counts[key] or 0) + 1
end
function done(summary, latency, requests)
   for _, thread in ipairs(threads) do
      for key, n in pairs(thread:get("counts")) do
         io.write("tally " .. key .. " " .. n .. "\\n")
      end
   end
end
"""



# --- nginx, with the real site file ------------------------------------------------------

def render_site(text: str, *, caches: Path, upstreams: list[int], port: int,
                redirect_port: int) -> str:
    """deploy/nginx/dramawired.conf for a temporary prefix. Each substitution must match
    exactly as often as expected: a changed site file stops the bench, loudly."""
    def sub(old: str, new: str) -> None:
        nonlocal text
        if (found := text.count(old)) != 1:
            sys.exit(f"{SITE_FILE}: expected {old!r} once, found it {found} times; "
                     "bench/deploy_serving.py renders that file and must be updated with it")
        text = text.replace(old, new)

    for kind in ("pages", "static"):
        sub(f"proxy_cache_path /var/cache/nginx/dramawired-{kind} ",
            f"proxy_cache_path {caches / kind} ")
    for documented, ours in zip((8001, 8002), upstreams, strict=True):
        sub(f"    server 127.0.0.1:{documented} max_fails=",
            f"    server 127.0.0.1:{ours} max_fails=")
    sub("    listen 80;\n    listen [::]:80;\n", f"    listen 127.0.0.1:{redirect_port};\n")
    sub("    listen 443 ssl http2;\n    listen [::]:443 ssl http2;\n",
        f"    listen 127.0.0.1:{port};\n")
    tls = re.compile(r"^ *(ssl_\w+) [^;]*;\n", re.M)
    removed = tls.findall(text)
    expected = ["ssl_certificate", "ssl_certificate_key", "ssl_protocols", "ssl_session_cache",
                "ssl_session_timeout"]
    if removed != expected:
        sys.exit(f"{SITE_FILE}: expected the TLS directives {expected}, found {removed}")
    text = tls.sub("", text)
    code = "\n".join(line.split("#")[0] for line in text.splitlines())
    assert "/var/cache" not in code and "ssl" not in code, code
    assert re.findall(r"listen (\S+);", code) == [f"127.0.0.1:{redirect_port}",
                                                 f"127.0.0.1:{port}"], code
    assert [int(p) for p in re.findall(r"server 127\.0\.0\.1:(\d+)", code)] == upstreams, code
    return text


def start_nginx(run: Run, upstreams: list[int]):
    port, redirect_port = serving.free_port(), serving.free_port()
    site = render_site(SITE_FILE.read_text(), caches=run.folder("nginx-cache"),
                       upstreams=upstreams, port=port, redirect_port=redirect_port)
    proc = debian_nginx(run, "nginx", site)
    proc.url = f"http://127.0.0.1:{port}"
    proc.redirect_url = f"http://127.0.0.1:{redirect_port}"
    return proc


def debian_nginx(run: Run, name: str, site: str):
    """nginx in <var>/<name> with Debian's /etc/nginx/nginx.conf, as far as it concerns a
    site, and `site` where sites-enabled/ would be included; checked with nginx -t first.
    `run` is a deploy_env.Scratch (or Run)."""
    prefix = run.folder(name)
    (prefix / "site.conf").write_text(site)
    temp_paths = "".join(f"  {kind}_temp_path {prefix}/{kind}_temp;\n"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;" if os.geteuid() == 0 else ""  # cache and temp dirs are root's
    conf = prefix / "nginx.conf"
    conf.write_text(f"""daemon off; master_process on; worker_processes auto; {user}
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 768; }}
http {{
  sendfile on;
  tcp_nopush on;
  types_hash_max_size 2048;
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  log_format bench {LOG_FORMAT};
  access_log {prefix}/access.log bench;
  gzip on;
{temp_paths}  include {prefix}/site.conf;
}}
""")
    command = ["nginx", "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if check.returncode:
        sys.exit(f"nginx -t failed on the rendered site file:\n{check.stderr}")
    proc = run.start(name, command)
    proc.access_log = prefix / "access.log"
    return proc


def access_tally(nginx, since: int) -> str:
    """Who answered the requests logged since byte `since`: nginx's cache status (and the
    app's X-Cache, and which instance, when the request reached one)."""
    counts = Counter()
    with open(nginx.access_log, "rb") as log:
        log.seek(since)
        for line in log.read().decode(errors="replace").splitlines():
            status, cache, app, addr = re.match(r'(\d+) (\S+) (\S+) "([^"]*)"', line).groups()
            counts[f"{status} {cache}" + (f" app:{app}@{addr}" if addr != "-" else "")] += 1
    return share(counts)


def share(counts: Counter) -> str:
    total = sum(counts.values())
    return ", ".join(f"{key} {n * 100 / total:.2f}%" if n * 100 / total >= 0.01 else
                     f"{key} ×{n}" for key, n in counts.most_common())


# --- Serving --------------------------------------------------------------------------

class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None  # a redirect is an answer to report, not to follow


OPENER = urllib.request.build_opener(_NoRedirects)


def get(url: str, *headers: str) -> tuple[int, dict, int]:
    """(status, headers, body bytes as sent) of one GET."""
    request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.headers, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers, len(error.read())


def wrk(url: str, args, *headers: str, script: Path | None = None, seconds=None):
    """(requests/s, p50, p99, wrk's output) of one run."""
    command = ["wrk", "-t2", f"-c{args.connections}", f"-d{seconds or args.duration}s",
               "--latency", "--timeout", "10s", url]
    for header in headers:
        command[1:1] = ["-H", header]
    if script:
        command[1:1] = ["-s", str(script)]
    out = serving.run(command)
    for problem in re.findall(r"(Non-2xx or 3xx responses: \d+|Socket errors: .*)", out):
        print(f"  warning, {url}: {problem}")
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]), latency["50"], latency["99"], out


def bench_serving(run: Run, args, results: list, notes: list) -> None:
    template = run.template
    url = run.database("site", template=template)
    # Seeded in this process, as bench/serving.py does: its environment is the deployment's.
    env = deployment_env(run, url, run.var / "seed", f"{run.tag}_seed")
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connections

    started = time.perf_counter()
    slug = serving.seed(args.posts)
    connections.close_all()
    print(f"seeded {args.posts:,} posts on PostgreSQL in {time.perf_counter() - started:.1f} s")
    run.redis.flushdb()  # the seed's sources queued polls nobody will run; a cold cache
    pages = {"home": "/", "article": quote(f"/{slug}/")}

    var = run.folder("web")
    webs = []
    for _ in range(2):
        port = serving.free_port()
        # As the unit does: gunicorn's control socket in a runtime directory per instance.
        env = {**deployment_env(run, url, var, f"{run.tag}_web"),
               "XDG_RUNTIME_DIR": str(run.folder(f"run-{port}"))}
        proc = run.start(f"web-{port}", [str(CLI), "web", "--port", str(port), "--workers",
                                        str(args.web_workers)], env)
        proc.url = f"http://127.0.0.1:{port}"
        webs.append(proc)
        # One after the other, sharing one var dir as instances on one machine do. Started
        # together, the second one's collectstatic (after the first released its lock)
        # rewrites files the first one's workers are listing as they boot (whitenoise), and
        # those fail to boot now and then: deploy.md leaves that to systemd's restart.
        wait_until_up(proc.url + "/robots.txt", proc)
    nginx = start_nginx(run, [int(w.url.rsplit(":", 1)[1]) for w in webs])
    wait_until_up(nginx.url + "/robots.txt", nginx)
    print(f"web instances {', '.join(w.url for w in webs)} ({args.web_workers} gunicorn "
          f"workers × 4 threads each); nginx on {nginx.url}")
    status, headers, _ = get(nginx.redirect_url + "/")
    print(f"nginx's port-80 server (on {nginx.redirect_url}): {status} → {headers['Location']}")

    def seen(label, url, *extra):
        status, h, size = get(url, *extra)
        print(f"  {label:<24} {status}  X-Proxy-Cache {h['X-Proxy-Cache'] or '-':<6} "
              f"X-Cache {h['X-Cache'] or '-':<4}  {size:>7,} bytes "
              f"{h['Content-Encoding'] or ''}")

    print("headers, from a cold start (X-Cache is the app's; nginx stores it with the page):")
    for name, path in pages.items():
        print(f" {name} {path}")
        seen("nginx, 1st", nginx.url + path)
        seen("nginx, 2nd", nginx.url + path)
        seen("nginx, gzip", nginx.url + path, GZIP)
        seen("nginx, sessionid cookie", nginx.url + path, "Cookie: sessionid=x")
        for web in webs:
            seen(f"direct {web.url[7:]}", web.url + path)

    for name, path in pages.items():
        for label, extra in (("nginx cache", ()), ("nginx cache, gzip", (GZIP,))):
            get(nginx.url + path, *extra)  # warm
            since = nginx.access_log.stat().st_size
            rps, p50, p99, _ = wrk(nginx.url + path, args, *extra)
            results.append((name, label, rps, p50, p99, access_tally(nginx, since)))
    lua = run.var / "tally.lua"
    lua.write_text(TALLY_LUA)
    web = webs[0]
    for name, path in pages.items():
        get(web.url + path)
        rps, p50, p99, _ = wrk(web.url + path, args)
        # Who answered, from a short second run (a Lua response() slows wrk itself down).
        out = wrk(web.url + path, args, script=lua, seconds=2)[3]
        counts = Counter()
        for status, cache, n in re.findall(r"^tally (\d+) (\S+) (\d+)$", out, re.M):
            counts[f"{status} X-Cache:{cache}"] += int(n)  # one line per wrk thread
        results.append((name, f"direct, 1 instance ({args.web_workers}w)", rps, p50, p99,
                        share(counts) + " (2 s check run)"))

    for proc in webs:
        halt(proc)
    time.sleep(11)  # past proxy_cache_valid (10 s): nginx must now serve stale or nothing
    for name, path in {**pages, "never cached": "/category/movie/", "healthz": "/healthz"}.items():
        answers = Counter()
        for _ in range(100 if path in pages.values() else 1):
            status, h, _ = get(nginx.url + path)
            answers[f"{status} {h['X-Proxy-Cache'] or '-'}"] += 1
        notes.append(f"{name} {path[:40]}: " + ", ".join(f"{k} ×{n}" for k, n in answers.items()))
    halt(nginx)
