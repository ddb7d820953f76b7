#!/usr/bin/env python3
"""A reference implementation of the embedded-portals endpoint, in Python 3.11's standard library only.

Under BASE_PATH (default /api/portals) it serves:

    POST {base}/signed-url               {"target"} -> {"url", "expires_in"} or {"redirectUrl"}
    GET  {base}/demographics[?subject=]  -> {"demographics": object | null, "missing": [...]}
    PUT  {base}/demographics[?subject=]  the full demographics object -> the same

Configuration comes from the environment (see README.md). `python3 server.py` runs it.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import uuid
from datetime import datetime, timezone

import vendors
from vendors import Junction, JunctionManagement, Userhub, VendorError, wire_error_from_vendor
from wire import (
    UUID, Json, OriginPattern, WireError, is_loopback, log, missing_demographics, origin_matches,
    parse_origin_pattern, parse_url, quoted, subject_problem, unsafe_url_reason, validate_target,
)

MAX_BODY_BYTES = 16 * 1024
BODY_TIMEOUT_S = 10.0
#: Junction Connect's features: the only ones a dashboard target may name (else 422 `target.feature`).
KNOWN_FEATURES = re.compile(r"order_creation|order_creation:[A-Za-z0-9._-]+|order:[A-Za-z0-9._-]+|team_panels|team_config")
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
JSON_TYPE = re.compile(r"application/(?:[\w.+-]+\+)?json\s*(?:;|$)", re.IGNORECASE | re.ASCII)
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}", re.ASCII)
SECURITY_HEADERS = {
    "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
}
#: Where the vendors' signed URLs live, unless PAGES_ORIGIN says otherwise.
VENDOR_PAGE_ORIGINS = tuple(map(parse_origin_pattern, (
    "https://junction.com", "https://*.junction.com", "https://tryvital.io", "https://*.tryvital.io",
    "https://*.userhub.app", "https://*.userhub.com",
)))


# --- Configuration ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class PagePolicy:
    """Where a vendor's signed URLs may point: these origins, and plain http only on loopback when the
    vendor itself is on loopback (the simulator)."""

    origins: tuple[OriginPattern, ...]
    http_loopback: bool


@dataclass
class App:
    """The endpoint's settings and state, read once from the environment."""

    base_path: str
    junction: Junction | None
    management: JunctionManagement | None
    userhub: Userhub | None
    pages: dict[str, PagePolicy]
    team_id: str | None
    allowed_origins: tuple[OriginPattern, ...]
    public_origin: str | None
    demo_client_user_id: str
    demo_userhub_user_id: str | None
    #: Seconds a connection has to send a request's line and headers, in all (slow-header attacks).
    header_timeout_s: float = 10.0
    #: Connections served at once; more are closed at once rather than given a thread each.
    max_connections: int = 64
    #: client_user_id -> Junction user_id. Keep it in your database in production.
    user_ids: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def allows(self, origin: str | None) -> bool:
        """Is `origin` (an Origin header) one of ALLOWED_ORIGINS?"""
        url = parse_url(origin) if origin and origin != "null" else None
        return url is not None and origin_matches(url, self.allowed_origins)


def load_app(env: Mapping[str, str]) -> App:
    """Reads the settings; raises ValueError naming the variable that is wrong."""
    def origins(name: str) -> tuple[OriginPattern, ...]:
        try:
            return tuple(parse_origin_pattern(p.strip()) for p in env.get(name, "").split(",") if p.strip())
        except ValueError as error:
            raise ValueError(f"{name}: {error}") from None

    def base_url(name: str, default: str) -> str:
        value = (env.get(name) or default).rstrip("/")
        url = parse_url(value)
        if url is None or url.scheme not in ("http", "https"):
            raise ValueError(f"{name} must be an http(s) URL")
        return value

    def policy(base: str) -> PagePolicy:
        url = parse_url(base)
        loopback = url is not None and is_loopback(url.host)
        own = (parse_origin_pattern(url.origin),) if url and loopback else ()
        return PagePolicy(origins("PAGES_ORIGIN") or VENDOR_PAGE_ORIGINS + own, loopback)

    def positive(name: str, default: str) -> float:
        try:
            value = float(env.get(name) or default)
        except ValueError:
            value = 0.0
        if not 0 < value < float("inf"):
            raise ValueError(f"{name} must be a positive number")
        return value

    base_path = (env.get("BASE_PATH") or "/api/portals").rstrip("/")
    if not re.fullmatch(r"/[A-Za-z0-9._~\-/]*", base_path) or "//" in base_path:
        raise ValueError("BASE_PATH must be a path such as /api/portals")
    public = origins("PUBLIC_ORIGIN")
    if len(public) > 1 or public and public[0].wildcard:
        raise ValueError("PUBLIC_ORIGIN must be one origin, such as https://app.example.com")
    junction_url = base_url("JUNCTION_BASE_URL", "https://api.us.junction.com")
    management_url = base_url("JUNCTION_MANAGEMENT_BASE_URL", "https://api.management.junction.com")
    userhub_url = base_url("USERHUB_BASE_URL", "https://api.userhub.com")
    management_key, org_id = env.get("JUNCTION_MANAGEMENT_KEY"), env.get("JUNCTION_ORG_ID")
    if management_key and not org_id:
        raise ValueError("JUNCTION_ORG_ID is needed with JUNCTION_MANAGEMENT_KEY")
    return App(
        base_path=base_path,
        junction=Junction(junction_url, env["JUNCTION_API_KEY"]) if env.get("JUNCTION_API_KEY") else None,
        management=JunctionManagement(management_url, management_key, org_id or "") if management_key else None,
        userhub=Userhub(userhub_url, env["USERHUB_ADMIN_KEY"]) if env.get("USERHUB_ADMIN_KEY") else None,
        pages={"junction": policy(junction_url), "management": policy(management_url),
               "userhub": policy(userhub_url)},
        team_id=env.get("JUNCTION_TEAM_ID") or None,
        allowed_origins=origins("ALLOWED_ORIGINS"),
        public_origin=public[0].origin if public else None,
        demo_client_user_id=env.get("DEMO_CLIENT_USER_ID") or "demo-patient",
        demo_userhub_user_id=env.get("DEMO_USERHUB_USER_ID") or None,
        header_timeout_s=positive("HEADER_TIMEOUT_S", "10"),
        max_connections=int(positive("MAX_CONNECTIONS", "64")),
    )


# --- Who is asking: a DEMO stand-in for your session. Replace all three before production. ----------

@dataclass(frozen=True)
class User:
    """The signed-in caller, as the vendors know them."""

    client_user_id: str | None  # your own id for this person: their Junction client_user_id
    userhub_user_id: str | None  # their UserHub user id, or <externalId>@<connectionId>


def resolve_user(request: Handler, subject: str | None) -> User | None:
    """DEMO ONLY: every caller is the same demo patient, signed in or not.

    Replace it with your session lookup: read your cookie or Authorization header from
    `request.headers`, and return None when nobody is signed in (the answer is then 401). `subject` is
    the patient a clinician asks to act for; return that patient's ids only once `authorize` allows it.
    """
    app = request.server.app
    return User(app.demo_client_user_id, app.demo_userhub_user_id)


def authorize(request: Handler, user: User, action: Json) -> bool:
    """May `user` do `action`? Only `True` allows. Like the TypeScript `defaultAuthorize`, it allows only
    what names nobody but the caller: their own portal (no `subject`, no `order_id`), their own billing
    portal (no `organization_id`, a `portal_url` that is a path), their own demographics, and dashboards
    whose feature names nobody (not `order_creation:{id}`, `order:{id}` or `team_config`; their member and
    team `authorize_dashboard` decides). Extend it, for instance for a clinician's patients.
    """
    if action["type"] != "signed-url":
        return action.get("subject") is None
    target = action["target"]
    if target["kind"] == "junction.user_portal":
        return "subject" not in target and "order_id" not in target
    if target["kind"] == "userhub.portal":
        path = target.get("portal_url")
        return "organization_id" not in target and (path is None or path.startswith("/") and not path.startswith("//"))
    return ":" not in target["feature"] and target["feature"] != "team_config"


def authorize_dashboard(request: Handler, target: Json, user: User) -> Json | None:
    """The member and team a dashboard opens for: decided here from the session, never from the ids the
    browser sent; None refuses (403). DEMO: the team of JUNCTION_TEAM_ID (a uuid is a team_id, anything
    else an integration_team_id) and no member. Return the staff member's own ids in production."""
    team = request.server.app.team_id
    if team is None:
        return {}
    return {"team_id": team} if UUID.fullmatch(team) else {"integration_team_id": team}


# --- Routes ----------------------------------------------------------------------------------------

def not_configured(vendor: str) -> WireError:
    return WireError(404, "not_found", f"{vendor} is not configured on this server.")


def decide(request: Handler, action: Json) -> User:
    """Who asks (else 401) and whether they may (else 403), before any vendor call."""
    subject = action["target"].get("subject") if action["type"] == "signed-url" else action.get("subject")
    request.audit["action"] = action
    user = resolve_user(request, subject)
    if user is None:
        raise WireError(401, "unauthorized", "Sign in to open the portal.")
    request.audit["user"] = {"clientUserId": user.client_user_id, "userhubUserId": user.userhub_user_id}
    allowed = authorize(request, user, action) is True
    request.audit["decision"] = "allowed" if allowed else "denied"
    if not allowed:
        log("warn", "request refused by authorize", route=request.route, action=action["type"])
        raise WireError(403, "forbidden", "You do not have permission to do this.")
    return user


def junction_user_id(app: App, junction: Junction, user: User) -> str:
    """The caller's Junction user_id: remembered, or created now (an existing one recovered)."""
    if not user.client_user_id:
        raise WireError(403, "forbidden", "This account has no Junction user.")
    with app.lock:
        known = app.user_ids.get(user.client_user_id)
    if known is None:
        known = junction.ensure_user(user.client_user_id)
        with app.lock:
            app.user_ids[user.client_user_id] = known
    return known


def hand_out(request: Handler, vendor: str, raw: Any, operation: str) -> str:
    """A vendor's signed URL, once it passes the vendor's page policy; else 502, logged without the URL."""
    policy = request.server.app.pages[vendor]
    reason = unsafe_url_reason(raw, policy.origins, policy.http_loopback)
    if reason is None:
        return raw
    log("error", "vendor answered a URL that the page origins refuse; it was not handed out",
        route=request.route, operation=operation, reason=reason, setting="PAGES_ORIGIN")
    raise WireError(502, "upstream_unavailable", "The portal service answered something unexpected.")


def signed_url_route(request: Handler, query: str) -> Json:
    """`POST {base}/signed-url`: the target is read and validated, then decided on, then signed."""
    body = request.read_json_object()
    fields = [{"path": key, "message": "is not a field of this request"} for key in body if key != "target"]
    target, problems = validate_target(body.get("target"))
    fields += [{"path": f"target.{p['path']}" if p["path"] else "target", "message": p["message"]} for p in problems]
    if target is not None and target["kind"] == "junction.dashboard" and not KNOWN_FEATURES.fullmatch(target["feature"]):
        fields.append({"path": "target.feature", "message": "is not a feature this server opens"})
    if target is None or fields:
        raise WireError(422, "validation_error", "The target is invalid.", fields=fields)
    user = decide(request, {"type": "signed-url", "target": target})
    app = request.server.app
    if target["kind"] == "junction.user_portal":
        return user_portal(request, app, target, user)
    if target["kind"] == "junction.dashboard":
        return dashboard(request, app, target, user)
    return userhub_portal(request, app, target, user)


#: The target fields each vendor call is sent from the browser: a vendor's refusal of one is reported under
#: `target.`; a field the server chose itself (a user, a member, a team) is left out, the message kept.
FORWARDED_FIELDS = {
    "junction.user_portal": ("context", "order_id"),
    "junction.dashboard": ("feature", "modality", "environment"),
    "userhub.portal": ("portal_url", "return_url", "success_url", "organization_id"),
}


def refusal_under_target(request: Handler, error: VendorError, kind: str) -> Exception:
    """A vendor's 400 or 422 for a signed URL, its field paths under `target.`; any other error as it is."""
    if error.status not in (400, 422):
        return error
    wire = wire_error_from_vendor(error, request.route)
    forwarded = FORWARDED_FIELDS[kind]
    fields = [{**f, "path": f"target.{f['path']}"} for f in wire.fields or [] if f["path"] in forwarded]
    return WireError(wire.status, wire.code, wire.message, fields=fields or None)


def user_portal(request: Handler, app: App, target: Json, user: User) -> Json:
    if app.junction is None:
        raise not_configured("Junction")
    user_id = junction_user_id(app, app.junction, user)
    try:
        url, expires_in = app.junction.create_portal_url(user_id, target["context"], target.get("order_id"))
    except VendorError as error:
        if error.status != 422:
            raise
        # Junction's 422 body is not documented: the demographics on file say whether they are the reason.
        missing = missing_demographics(app.junction.get_demographics(user_id))
        if not missing:
            raise refusal_under_target(request, error, target["kind"]) from None
        raise WireError(422, "demographics_required", "The patient’s demographics must be completed first.",
                        missing=missing) from None
    return {"url": hand_out(request, "junction", url, "create portal URL"), "expires_in": expires_in}


_PAIRS = (("member", "member_id", "integration_member_id"), ("team", "team_id", "integration_team_id"))
_ID_FIELDS = {name for _, a, b in _PAIRS for name in (a, b)}


def _refuses_ids_only(body: Any) -> bool:
    """Does a FastAPI 422 speak of the member and team ids, and of nothing else?"""
    def mentions(text: Any) -> bool:
        return isinstance(text, str) and any(name in text for name in _ID_FIELDS)
    detail = body.get("detail") if isinstance(body, dict) else None
    if not isinstance(detail, list):
        return mentions(detail)
    return bool(detail) and all(
        isinstance(item, dict) and isinstance(item.get("loc"), list)
        and (mentions(item.get("msg")) if len(item["loc"]) <= 1 else str(item["loc"][-1]) in _ID_FIELDS)
        for item in detail
    )


def dashboard(request: Handler, app: App, target: Json, user: User) -> Json:
    if app.management is None:
        raise not_configured("Junction Connect")
    identity = authorize_dashboard(request, target, user)
    if identity is None:
        raise WireError(403, "forbidden", "You may not open this dashboard.")
    payload = {**identity, **{key: target[key] for key in ("feature", "modality", "environment")}}
    try:
        url, expires_in = app.management.create_dashboard_url(payload)
    except VendorError as error:
        missing = [pair for pair, a, b in _PAIRS if not identity.get(a) and not identity.get(b)]
        if error.status != 422 or not missing or not _refuses_ids_only(error.body):
            raise refusal_under_target(request, error, target["kind"]) from None
        # A pair Junction needs is missing: the server's configuration is at fault, not the request.
        log("error", "vendor refused a dashboard without one id of each member/team pair",
            route=request.route, missing=missing, setting="JUNCTION_TEAM_ID / authorize_dashboard")
        raise WireError(502, "upstream_unavailable", "The portal service refused to open this dashboard.",
                        headers={"Retry-After": "3600"}) from None
    return {"url": hand_out(request, "management", url, "create dashboard URL"), "expires_in": expires_in}


def userhub_portal(request: Handler, app: App, target: Json, user: User) -> Json:
    # Return and success URLs must be on an origin the server lists: the request's own headers never count.
    fields = []
    for key in ("return_url", "success_url"):
        url = parse_url(target[key]) if key in target else None
        if key in target and (url is None or not origin_matches(url, app.allowed_origins)):
            fields.append({"path": f"target.{key}",
                           "message": "must be on one of the origins the server allows (ALLOWED_ORIGINS)"})
    if fields:
        raise WireError(422, "validation_error", "The return address is not allowed.", fields=fields)
    if app.userhub is None:
        raise not_configured("UserHub")
    if not user.userhub_user_id:
        raise WireError(403, "forbidden", "This account has no billing portal.")
    names = {"portal_url": "portalUrl", "return_url": "returnUrl", "success_url": "successUrl",
             "organization_id": "organizationId"}
    payload = {camel: target[snake] for snake, camel in names.items() if snake in target}
    try:
        redirect = app.userhub.create_portal_session(user.userhub_user_id, payload)
    except VendorError as error:
        # UserHub names the refused parameter: reported where the browser sent it, under `target`.
        raise refusal_under_target(request, error, target["kind"]) from None
    return {"redirectUrl": hand_out(request, "userhub", redirect, "create portal session")}


def subject_of(query: str) -> str | None:
    """`?subject=`, held to the rules of a target's `subject`."""
    subject = (parse_qs(query, keep_blank_values=True).get("subject") or [""])[0]
    if subject == "":
        return None
    problem = subject_problem(subject)
    if problem:
        raise WireError(422, "validation_error", "The request is invalid.",
                        fields=[{"path": "subject", "message": problem}])
    return subject


def read_demographics_route(request: Handler, query: str) -> Json:
    """`GET {base}/demographics[?subject=]`."""
    app = request.server.app
    if app.junction is None:
        raise not_configured("Junction")
    user = decide(request, {"type": "demographics.read", "subject": subject_of(query)})
    demographics = app.junction.get_demographics(junction_user_id(app, app.junction, user))
    return {"demographics": demographics, "missing": missing_demographics(demographics)}


def save_demographics_route(request: Handler, query: str) -> Json:
    """`PUT {base}/demographics[?subject=]`: the body is read only once the caller may write."""
    app = request.server.app
    if app.junction is None:
        raise not_configured("Junction")
    user = decide(request, {"type": "demographics.write", "subject": subject_of(query)})
    body = request.read_json_object()
    saved = app.junction.save_demographics(junction_user_id(app, app.junction, user), body)
    return {"demographics": saved, "missing": missing_demographics(saved)}


Route = Callable[["Handler", str], Json]
ROUTES: dict[str, dict[str, Route]] = {
    "/signed-url": {"POST": signed_url_route},
    "/demographics": {"GET": read_demographics_route, "PUT": save_demographics_route},
}


def _no_constant(name: str) -> None:
    """JSON has no NaN or Infinity, though Python's parser takes them."""
    raise ValueError(name)


# --- HTTP ------------------------------------------------------------------------------------------

class EndpointServer(ThreadingHTTPServer):
    """One thread per connection, at most MAX_CONNECTIONS at once; the settings ride along as `app`.

    `http.server` is not hardened for the open internet: in production, run this behind a reverse proxy
    (nginx, a cloud load balancer) that terminates TLS, buffers slow clients and limits connections, or
    port these handlers to your framework. The limits here only keep one slow or greedy client from
    exhausting the process.
    """

    daemon_threads = True

    def __init__(self, address: tuple[str, int], app: App) -> None:
        self.app = app
        self.slots = threading.BoundedSemaphore(app.max_connections)
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """A thread for the connection if a slot is free; otherwise it is closed at once, unread."""
        if not self.slots.acquire(blocking=False):
            log("warn", "connection closed: too many open connections", setting="MAX_CONNECTIONS",
                limit=self.app.max_connections)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


class Handler(BaseHTTPRequestHandler):
    """Routes, origin checks, bodies and answers in the wire protocol's shape."""

    server: EndpointServer
    protocol_version = "HTTP/1.1"
    timeout = 30  # a body read waits at most this long for each piece
    route, cors_origin, body_read = "", None, False

    def handle_one_request(self) -> None:
        """Reads and answers one request; its line and headers must all arrive within HEADER_TIMEOUT_S.

        The socket's own timeout bounds each read only, so a client sending a byte every few seconds
        would hold the connection (and its thread) for ever: a timer closes it once the deadline passes.
        An idle keep-alive connection, waiting for its next request line, is closed the same way.
        """
        self.deadline_lock, self.headers_read, self.too_late = threading.Lock(), False, False
        timer = threading.Timer(self.server.app.header_timeout_s, self.headers_too_late)
        timer.daemon = True
        timer.start()
        try:
            super().handle_one_request()
        finally:
            timer.cancel()

    def parse_request(self) -> bool:
        parsed = super().parse_request()  # reads the headers
        with self.deadline_lock:
            self.headers_read = True
            if self.too_late:  # the headers ended because the timer closed the socket: not a request
                self.close_connection = True
                return False
        return parsed

    def headers_too_late(self) -> None:
        with self.deadline_lock:
            if self.headers_read:
                return
            self.too_late = True
        log("info", "connection closed: no complete request line and headers in time", setting="HEADER_TIMEOUT_S")
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed

    def version_string(self) -> str:
        return "embedded-portals-python"

    def do_GET(self) -> None:
        self.dispatch()

    do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_GET

    def dispatch(self) -> None:
        app = self.server.app
        self.route, self.body_read = "", False
        self.start_audit()
        origin = self.headers.get("Origin")
        self.cors_origin = origin if app.allows(origin) else None
        parts = urlsplit(self.path)
        path, query = parts.path, parts.query
        method = self.command.upper()
        try:
            inside = path == app.base_path or path.startswith(app.base_path + "/")
            methods = ROUTES.get(path[len(app.base_path):]) if inside else None
            if methods is None:
                # Any segment of the path may name a patient: only whether it was under BASE_PATH is logged.
                log("warn", "no route of embedded-portals for this path", method=method[:20],
                    underBasePath=inside, basePath=app.base_path)
                served = ", ".join(app.base_path + template for template in ROUTES)
                raise WireError(404, "not_found", f"No route of embedded-portals here: it serves {served} (BASE_PATH).")
            self.route = self.audit["route"] = path[len(app.base_path):]
            if method == "OPTIONS" and self.cors_origin:
                return self.answer(204, None, {"Access-Control-Allow-Methods": "GET, POST, PUT",
                                               "Access-Control-Allow-Headers": "content-type",
                                               "Access-Control-Max-Age": "600"})
            handler = methods.get(method)
            if handler is None:
                allow = ", ".join(methods)
                raise WireError(405, "validation_error", f"Use {allow}.", headers={"Allow": allow})
            if method in WRITE_METHODS:
                self.refuse_cross_site()
            self.answer(200, handler(self, query))
        except WireError as error:
            self.answer(error.status, error.body(), error.headers)
        except VendorError as error:
            wire = wire_error_from_vendor(error, self.route)
            self.answer(wire.status, wire.body(), wire.headers)
        except Exception as error:  # a bug: logged by name only, since its text may hold data
            log("error", "endpoint failed", route=self.route, error=type(error).__name__)
            failed = WireError(500, "upstream_unavailable", "The server failed to answer. Retry in a moment.")
            self.answer(500, failed.body())

    def own_origin(self) -> str:
        """This server's origin: PUBLIC_ORIGIN, else http:// and the Host header."""
        if self.server.app.public_origin:
            return self.server.app.public_origin
        url = parse_url("http://" + (self.headers.get("Host") or "localhost"))
        return url.origin if url else "http://localhost"

    def refuse_cross_site(self) -> None:
        """Same-origin writes only (CSRF), checked before the body is read."""
        origin, own, site = self.headers.get("Origin"), self.own_origin(), self.headers.get("Sec-Fetch-Site")
        if origin is not None:
            if origin == own or self.server.app.allows(origin):
                return
            message = (f"Cross-site request refused: its Origin {quoted(origin)} is neither this server's origin "
                       f"({own}) nor in the server's ALLOWED_ORIGINS.")
        elif site in ("cross-site", "same-site"):
            message = f"Cross-site request refused: Sec-Fetch-Site says {site} and no Origin was sent."
        else:
            return  # neither header: no browser sent it, and resolve_user still decides
        log("warn", "cross-site write refused", route=self.route, origin=(origin or "")[:200] or None,
            serverOrigin=own, secFetchSite=site, setting="ALLOWED_ORIGINS")
        raise WireError(403, "forbidden", message)

    def read_json_object(self, limit: int = MAX_BODY_BYTES) -> Json:
        """The body: JSON content type (415), at most `limit` bytes (413), within 10 s (408), UTF-8 JSON
        (400), an object (422)."""
        if not JSON_TYPE.match(self.headers.get("Content-Type", "")):
            raise WireError(415, "validation_error", "Send the body as JSON, with Content-Type: application/json.")
        raw = self.read_body(limit, time.monotonic() + BODY_TIMEOUT_S)
        try:
            text = raw.decode("utf-8-sig")  # strict: replacing bad bytes would store a name nobody typed
        except UnicodeDecodeError:
            raise WireError(400, "validation_error", "The body is not valid UTF-8.") from None
        try:
            value = json.loads(text, parse_constant=_no_constant)
        except (ValueError, RecursionError):
            raise WireError(400, "validation_error", "The body is not valid JSON.") from None
        if not isinstance(value, dict):
            raise WireError(422, "validation_error", "The body must be a JSON object.")
        return value

    def read_body(self, limit: int, deadline: float) -> bytes:
        too_large = WireError(413, "validation_error", f"The body is larger than {limit // 1024} KB.")
        encoding = self.headers.get("Transfer-Encoding")
        if encoding is None:
            length = self.headers.get("Content-Length", "0").strip()
            if not (length.isascii() and length.isdigit()):
                raise WireError(400, "validation_error", "The Content-Length header is not valid.")
            if int(length) > limit:
                raise too_large
            data = self.read_exact(int(length), deadline)
        elif encoding.strip().lower() == "chunked":
            data = b""
            while (size := self.timed(deadline, lambda: self.rfile.readline(1024)).split(b";")[0].strip()) != b"0":
                if not re.fullmatch(rb"[0-9A-Fa-f]{1,8}", size):
                    raise WireError(400, "validation_error", "The body's chunked encoding is not valid.")
                if len(data) + int(size, 16) > limit:
                    raise too_large
                data += self.read_exact(int(size, 16) + 2, deadline)[:-2]
            while self.timed(deadline, lambda: self.rfile.readline(1024)).strip():
                pass  # trailers
        else:
            raise WireError(400, "validation_error", "Send the body with Content-Length or chunked encoding.")
        self.body_read = True
        return data

    def read_exact(self, size: int, deadline: float) -> bytes:
        data = b""
        while len(data) < size:
            piece = self.timed(deadline, lambda: self.rfile.read1(min(size - len(data), 65536)))
            if not piece:
                raise WireError(400, "validation_error", "The body ended before its length.")
            data += piece
        return data

    def timed(self, deadline: float, read: Callable[[], bytes]) -> bytes:
        """One read of the body, before the deadline (else 408)."""
        late = WireError(408, "timeout", "The request took too long to arrive. Try again.")
        if (left := deadline - time.monotonic()) <= 0:
            raise late
        self.connection.settimeout(left)
        try:
            return read()
        except TimeoutError:
            raise late from None
        finally:
            self.connection.settimeout(self.timeout)

    def start_audit(self) -> None:
        """The request's audit event, filled in as it goes (route, action, user, decision)."""
        incoming = self.headers.get("X-Request-Id") or ""
        vendors.calls.last = None
        self.started = time.monotonic()
        self.audit: Json = {
            "at": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "requestId": incoming if SAFE_REQUEST_ID.fullmatch(incoming) else str(uuid.uuid4()),
            "route": "*", "method": (self.command or "").upper(), "action": None, "user": None, "decision": None,
        }

    def emit_audit(self, status: int, body: Json | None) -> None:
        """One JSON line on stdout per request, before its answer leaves: the event createEmbedHandler gives
        its `audit` sink. Never a signed URL, key, token or demographic value."""
        if not hasattr(self, "audit"):
            self.start_audit()  # refused by the standard library before dispatch
        event = {**self.audit, "status": status}
        if status >= 400 and isinstance(body, dict):
            event["error"] = body.get("error")
        if vendors.calls.last:
            event["vendor"] = vendors.calls.last
        event["durationMs"] = round((time.monotonic() - self.started) * 1000)
        print(json.dumps(event, separators=(",", ":")), flush=True)

    def answer(self, status: int, body: Json | None, headers: Mapping[str, str] | None = None) -> None:
        """Sends a JSON answer (or none, for 204) with the security and CORS headers, once its audit event
        is out."""
        data = b"" if body is None else json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        self.emit_audit(status, body)
        self.send_response(status)
        self.send_header("X-Request-Id", self.audit["requestId"])
        if body is not None:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        for name, value in {**SECURITY_HEADERS, **(headers or {})}.items():
            self.send_header(name, value)
        if self.cors_origin:
            self.send_header("Access-Control-Allow-Origin", self.cors_origin)
            self.send_header("Access-Control-Expose-Headers", "Retry-After, Date, X-Request-Id")
            self.send_header("Vary", "Origin")
        self.send_header("Content-Length", str(len(data)))
        unread = self.headers.get("Transfer-Encoding") or self.headers.get("Content-Length", "0") != "0"
        if unread and not self.body_read:
            self.send_header("Connection", "close")  # a body left unread would be taken for the next request
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The standard library's own refusals, in JSON: an unknown method is routed (405 or 404)."""
        if code == 501 and getattr(self, "headers", None) is not None:
            return self.dispatch()
        self.close_connection = True
        self.headers = getattr(self, "headers", None) or {}  # type: ignore[assignment]
        self.answer(code, {"error": "validation_error", "message": "The request could not be read."})

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log("info", "request", method=self.command, route=self.route or None, status=int(code))

    def log_error(self, format: str, *args: Any) -> None:
        log("warn", "request not read")  # the request line may hold ids: it is not logged


def main() -> int:
    """Serves until SIGTERM or SIGINT; prints `listening on …` once it accepts connections."""
    try:
        app = load_app(os.environ)
        host, port = os.environ.get("HOST") or "127.0.0.1", int(os.environ.get("PORT") or 8787)
        server = EndpointServer((host, port), app)
    except (ValueError, OSError) as error:
        print(f"embedded-portals endpoint: {error}", file=sys.stderr)
        return 2

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    shown = f"[{host}]" if ":" in host else host
    print(f"listening on http://{shown}:{server.server_address[1]}{app.base_path}", flush=True)
    log("info", "vendors", junction=app.junction is not None, junctionManagement=app.management is not None,
        userhub=app.userhub is not None)
    try:
        server.serve_forever()
    except SystemExit:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
