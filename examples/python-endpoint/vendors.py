"""The vendor calls the endpoint makes, over urllib, and how their failures become wire-protocol errors.

Mirrors `src/server/clients/` and `src/server/vendorErrors.ts`. Keys go only into the vendor's headers;
a vendor's body is read for fields and ids, and never reaches a message or a log line.
"""

from __future__ import annotations

import http.client
import json
import math
import re
import threading
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import quote

from wire import REQUIRED_DEMOGRAPHIC_FIELDS, Json, WireError, log, missing_demographics, sanitize_message

TIMEOUT_S = 10.0
MAX_VENDOR_BODY_BYTES = 32 * 1024 * 1024
#: Retry-After of a vendor's 429 that named no wait (Junction promises none), in seconds.
RATE_LIMIT_RETRY_AFTER_S = 5
#: The most field errors of a vendor's answer passed on.
MAX_VENDOR_FIELDS = 50
#: Retry-After on a refusal of the server's own key: an hour, past any client retry.
CREDENTIALS_RETRY_AFTER_S = 3600


class VendorError(Exception):
    """A failed vendor call: `failure` is http, timeout, network or invalid_response. `body` is the
    parsed error body, kept for field paths; the message names only the vendor, operation and status."""

    def __init__(
        self, vendor: str, operation: str, failure: str,
        status: int | None = None, body: Any = None, retry_after: str | None = None,
    ) -> None:
        super().__init__(f"{vendor} {operation}: " + (f"answered {status}" if failure == "http" else failure))
        self.vendor, self.operation, self.failure = vendor, operation, failure
        self.status, self.body, self.retry_after = status, body, retry_after


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is never followed: it surfaces as an error answer (502)."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def segment(value: str) -> str:
    """One path segment, percent-encoded (dots too, so `..` cannot climb); empty, `.` and `..` refused."""
    if value in ("", ".", ".."):
        raise ValueError("an id cannot be empty, '.' or '..'")
    return quote(value, safe="").replace(".", "%2E")


def _read_capped(response: Any) -> bytes | None:
    data = response.read(MAX_VENDOR_BODY_BYTES + 1)
    return None if len(data) > MAX_VENDOR_BODY_BYTES else data


#: The vendor this thread's request called last (`last`), for its audit event; each request has its thread.
calls = threading.local()


def vendor_call(
    vendor: str, operation: str, method: str, url: str, headers: dict[str, str], body: Any = None
) -> Any:
    """One JSON call: the parsed body of a 2xx answer (None when empty), else a VendorError.

    The timeout applies to connecting and to each read, as urllib's does.
    """
    calls.last = vendor
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Accept": "application/json",
        **({"Content-Type": "application/json"} if data is not None else {}),
        **headers,
    })
    try:
        try:
            with _OPENER.open(request, timeout=TIMEOUT_S) as response:
                status, retry_after, raw = response.status, None, _read_capped(response)
        except urllib.error.HTTPError as answer:
            with answer:
                status, retry_after, raw = answer.code, answer.headers.get("Retry-After"), _read_capped(answer)
    except TimeoutError:
        raise VendorError(vendor, operation, "timeout") from None
    except urllib.error.URLError as error:
        failure = "timeout" if isinstance(error.reason, TimeoutError) else "network"
        raise VendorError(vendor, operation, failure) from None
    except (OSError, http.client.HTTPException, ValueError):
        raise VendorError(vendor, operation, "network") from None
    ok = 200 <= status < 300
    if raw is None:
        raise VendorError(vendor, operation, "invalid_response", status)
    try:
        parsed = json.loads(raw) if raw.strip() else None
    except ValueError:
        if ok:
            raise VendorError(vendor, operation, "invalid_response", status) from None
        parsed = None
    if not ok:
        raise VendorError(vendor, operation, "http", status, parsed, retry_after)
    return parsed


def _signed(vendor: str, operation: str, body: Any) -> tuple[str, float]:
    """`{"url", "expires_in"}` read from a vendor's answer; an odd `expires_in` is passed on, with a warning,
    but a URL that has already expired (0 or below) is never handed out (`invalid_response`, a 502)."""
    url, expires_in = (body.get("url"), body.get("expires_in")) if isinstance(body, dict) else (None, None)
    number = isinstance(expires_in, (int, float)) and not isinstance(expires_in, bool)
    if not isinstance(url, str) or not number or not math.isfinite(expires_in):
        raise VendorError(vendor, operation, "invalid_response", 200)
    if expires_in <= 0:
        log("error", "vendor answered a signed URL that has already expired; it was not handed out",
            vendor=vendor, operation=operation, expiresIn=expires_in)
        raise VendorError(vendor, operation, "invalid_response", 200)
    if not 10 <= expires_in <= 60 * 24 * 3600:
        log("warn", "vendor answered an expires_in outside 10 s to 60 days; it is passed on as it is",
            vendor=vendor, operation=operation, expiresIn=expires_in)
    return url, expires_in


class Junction:
    """The Junction API (`x-vital-api-key`): users, demographics, portal URLs."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self.base_url, self._headers = base_url, {"x-vital-api-key": api_key}

    def _call(self, operation: str, method: str, path: str, body: Any = None) -> Any:
        return vendor_call("junction", operation, method, self.base_url + path, self._headers, body)

    def ensure_user(self, client_user_id: str) -> str:
        """`POST /v2/user`; a taken id answers 400 with the existing `user_id` in `detail`, which is used."""
        try:
            body = self._call("create user", "POST", "/v2/user", {"client_user_id": client_user_id})
        except VendorError as error:
            detail = error.body.get("detail") if isinstance(error.body, dict) else None
            if error.status == 400 and isinstance(detail, dict) and isinstance(detail.get("user_id"), str):
                return detail["user_id"]
            raise
        if not isinstance(body, dict) or not isinstance(body.get("user_id"), str):
            raise VendorError("junction", "create user", "invalid_response", 200)
        return body["user_id"]

    def get_demographics(self, user_id: str) -> Json | None:
        """`GET /v2/user/{id}/info/latest`; None for none on file (404, 422, or every required field blank)."""
        try:
            body = self._call("read demographics", "GET", f"/v2/user/{segment(user_id)}/info/latest")
        except VendorError as error:
            if error.status in (404, 422):
                return None
            raise
        empty = len(missing_demographics(body)) == len(REQUIRED_DEMOGRAPHIC_FIELDS)
        return body if isinstance(body, dict) and not empty else None

    def save_demographics(self, user_id: str, demographics: Json) -> Json:
        """`PATCH /v2/user/{id}/info` with the full object; answers what Junction saved."""
        body = self._call("save demographics", "PATCH", f"/v2/user/{segment(user_id)}/info", demographics)
        if not isinstance(body, dict):
            raise VendorError("junction", "save demographics", "invalid_response", 200)
        return body

    def create_portal_url(self, user_id: str, context: str, order_id: str | None) -> tuple[str, float]:
        """`POST /v2/user/{id}/create_portal_url`; a user without demographics answers 422."""
        payload = {"context": context, **({"order_id": order_id} if order_id else {})}
        body = self._call("create portal URL", "POST", f"/v2/user/{segment(user_id)}/create_portal_url", payload)
        return _signed("junction", "create portal URL", body)


class JunctionManagement:
    """Junction's Management API (`X-Management-Key`): Connect dashboard URLs."""

    def __init__(self, base_url: str, key: str, org_id: str) -> None:
        self.base_url, self._key, self._org_id = base_url, key, org_id

    def create_dashboard_url(self, payload: Json) -> tuple[str, float]:
        """`POST /v1/org/{org_id}/ehr_integration/create_dashboard_url`."""
        url = f"{self.base_url}/v1/org/{segment(self._org_id)}/ehr_integration/create_dashboard_url"
        body = vendor_call("junctionManagement", "create dashboard URL", "POST", url,
                           {"X-Management-Key": self._key}, payload)
        return _signed("junctionManagement", "create dashboard URL", body)


class Userhub:
    """UserHub's admin API (`Authorization: Bearer …`): billing portal sessions."""

    def __init__(self, base_url: str, admin_key: str) -> None:
        self.base_url = base_url
        self._headers = {"Authorization": f"Bearer {admin_key}", "UserHub-Api-Version": "2025-05-01"}

    def create_portal_session(self, user_id: str, payload: Json) -> str:
        """`POST /admin/v1/users/{userId}:createPortalSession` (the `@` of `<externalId>@<connectionId>`
        kept); answers the single-use `redirectUrl`."""
        url = f"{self.base_url}/admin/v1/users/{segment(user_id).replace('%40', '@')}:createPortalSession"
        body = vendor_call("userhub", "create portal session", "POST", url, self._headers, payload)
        if not isinstance(body, dict) or not isinstance(body.get("redirectUrl"), str):
            raise VendorError("userhub", "create portal session", "invalid_response", 200)
        return body["redirectUrl"]


# --- Vendor failures on the wire ---------------------------------------------------------------------

_USERHUB_PARAMS = {
    "portalUrl": "portal_url", "returnUrl": "return_url",
    "successUrl": "success_url", "organizationId": "organization_id",
}
_SAFE_PATH = re.compile(r"[A-Za-z0-9_-]{1,64}(?:\.[A-Za-z0-9_-]{1,64}){0,7}")
_HTTP_DATE = re.compile(r"[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT")


def _safe_path(path: str) -> str:
    """A vendor's field path passed on only when it looks like one (`address.zip`): nothing else of theirs."""
    return path if _SAFE_PATH.fullmatch(path) else ""


def vendor_fields(body: Any) -> list[Json]:
    """Field errors with dotted paths from FastAPI's `detail[].loc` (minus body/query/path) or UserHub's `param`."""
    if not isinstance(body, dict):
        return []
    fields = []
    if isinstance(body.get("detail"), list):
        for item in body["detail"]:
            if not isinstance(item, dict) or not isinstance(item.get("loc"), list):
                continue
            loc = [str(p) for p in item["loc"] if isinstance(p, (str, int)) and not isinstance(p, bool)]
            if loc and loc[0] in ("body", "query", "path"):
                loc = loc[1:]
            path = _safe_path(".".join(loc))
            if path:
                fields.append({"path": path, "message": _field_message(item.get("msg"))})
            if len(fields) == MAX_VENDOR_FIELDS:
                break
    elif isinstance(body.get("param"), str):
        path = _USERHUB_PARAMS.get(body["param"]) or _safe_path(body["param"])
        if path:
            fields.append({"path": path, "message": _field_message(body.get("message"))})
    return fields


def _field_message(text: Any) -> str:
    return sanitize_message(text) if isinstance(text, str) else "is invalid"


def _retry_after(value: str | None) -> dict[str, str]:
    """The vendor's Retry-After, only when it is whole seconds or an HTTP date."""
    value = (value or "").strip()
    return {"Retry-After": value} if re.fullmatch(r"\d{1,6}", value) or _HTTP_DATE.fullmatch(value) else {}


def wire_error_from_vendor(error: VendorError, route: str) -> WireError:
    """`wireErrorFromVendor`: the answer for a failed vendor call, logged without keys or bodies."""
    details = {"route": route, "vendor": error.vendor, "operation": error.operation,
               "status": error.status, "failure": error.failure}
    if error.failure == "timeout":
        log("warn", "vendor call timed out", **details)
        return WireError(504, "timeout", "The portal service did not answer in time. Retry in a moment.")
    if error.failure == "network":
        log("warn", "vendor call failed", **details)
        return WireError(502, "upstream_unavailable", "The portal service could not be reached. Retry in a moment.")
    if error.failure == "invalid_response":
        log("error", "vendor answered an unexpected body", **details)
        return WireError(502, "upstream_unavailable", "The portal service answered something unexpected.")
    status = error.status or 502
    if status in (401, 403):
        log("error", "vendor refused the server credentials", **details)
        return WireError(502, "upstream_unavailable", "The portal service refused this server’s credentials.",
                         headers={"Retry-After": str(CREDENTIALS_RETRY_AFTER_S)})
    if status == 404:
        return WireError(404, "not_found", "The portal service does not know this user or item.")
    if status in (400, 422):
        fields = vendor_fields(error.body)
        return WireError(422, "validation_error", "The portal service refused the request.", fields=fields or None)
    if status == 408:
        return WireError(504, "timeout", "The portal service did not answer in time.")
    if status == 429:
        log("warn", "vendor rate limit", **details)
        return WireError(429, "rate_limited", "The portal service is busy. Retry in a moment.",
                         headers={"Retry-After": str(RATE_LIMIT_RETRY_AFTER_S), **_retry_after(error.retry_after)})
    log("warn", "vendor unavailable", **details)
    return WireError(503 if status == 503 else 502, "upstream_unavailable",
                     "The portal service is unavailable. Retry in a moment.",
                     headers=_retry_after(error.retry_after) if status == 503 else {})
