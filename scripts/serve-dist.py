#!/usr/bin/env python3
"""Serves the built app (dist/) on 127.0.0.1 with no network beyond loopback.

Like `python3 -m http.server`, plus: `.wasm` is always application/wasm, a
path that is not a file (a deep link such as /scenarios/line-1, not a missing asset such as /x.js)
gets index.html, so client-side routes survive a reload, and every response carries the
Content-Security-Policy of index.html's <meta> plus `frame-ancestors 'none'` (which only a
header can set).
"""

import argparse
import functools
import html
import http.server
import os
import re
import sys

CSP_META = re.compile(
    r'<meta\s[^>]*http-equiv=.?Content-Security-Policy\b[^>]*\scontent="([^"]*)"', re.IGNORECASE
)


def content_security_policy(index_html):
    """The policy of index.html's CSP <meta>, plus frame-ancestors; None without a <meta>."""
    with open(index_html, encoding="utf-8") as file:
        match = CSP_META.search(file.read())
    if not match:
        return None
    policy = html.unescape(match.group(1)).strip().rstrip(";")
    return f"{policy}; frame-ancestors 'none'"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".webmanifest": "application/manifest+json",
    }

    def send_head(self):
        path = self.translate_path(self.path)
        last_segment = self.path.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        if not os.path.exists(path) and "." not in last_segment:
            self.path = "/index.html"
        return super().send_head()

    def end_headers(self):
        # Hashed file names make caching safe; the pages and sw.js must always be fresh.
        self.send_header("Cache-Control", "no-cache")
        if self.server.csp:
            self.send_header("Content-Security-Policy", self.server.csp)
        super().end_headers()

    def log_message(self, format, *args):
        if not self.server.quiet:
            super().log_message(format, *args)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", default="dist")
    parser.add_argument("--port", type=int, default=8080, help="0: any free port (printed)")
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(args.dir, "index.html")):
        sys.exit(f"{args.dir}/index.html not found: run `scripts/build-web.sh` first")
    handler = functools.partial(Handler, directory=args.dir)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    server.quiet = args.quiet
    server.csp = content_security_policy(os.path.join(args.dir, "index.html"))
    port = server.server_address[1]  # the one the system chose for --port 0
    print(f"Serving {args.dir}/ on http://127.0.0.1:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
