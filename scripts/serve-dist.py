#!/usr/bin/env python3
"""Serves the built app (dist/) on 127.0.0.1 with no network beyond loopback.

Like `python3 -m http.server`, plus: `.wasm` is always application/wasm, and a
path that is not a file (a deep link such as /scenarios/line-1, not a missing asset such as /x.js)
gets index.html, so client-side routes survive a reload.
"""

import argparse
import functools
import http.server
import os
import sys


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
        # Hashed file names make caching safe; index.html must always be fresh.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):
        if not self.server.quiet:
            super().log_message(format, *args)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", default="dist")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(args.dir, "index.html")):
        sys.exit(f"{args.dir}/index.html not found: run `trunk build --release` first")
    handler = functools.partial(Handler, directory=args.dir)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    server.quiet = args.quiet
    print(f"Serving {args.dir}/ on http://127.0.0.1:{args.port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
