"""Where the app may listen: a loopback address freely, any other address only with authentication.

The CLI checks this before it builds anything, whatever front end (Gradio app, HTTP API) then serves."""

from __future__ import annotations

import ipaddress

from rag.errors import ConfigError


def is_loopback(host: str) -> bool:
    """True for 'localhost' and loopback IP literals; any other name or address counts as public."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, auth: str | None) -> None:
    """Raise ConfigError for a non-loopback host without `user:password` credentials."""
    if not host or not host.strip():
        raise ConfigError("--host is empty: use 127.0.0.1 (local only) or an address with --auth user:password")
    if auth is not None and auth != "":
        user, sep, password = auth.partition(":")
        if not sep or not user or not password:
            raise ConfigError("--auth must look like user:password (or set NEWSRAG_AUTH=user:password)")
    if not is_loopback(host) and not auth:
        raise ConfigError(f"refusing to serve on {host} without authentication: pass --auth user:password or set NEWSRAG_AUTH, "
                          "or serve on 127.0.0.1")
