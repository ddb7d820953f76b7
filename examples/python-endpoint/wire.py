"""The wire protocol's rules, with no HTTP in them: errors, target validation, origins and URL safety.

Each function mirrors one in the TypeScript server (`src/server/`, `src/core/`), named in its docstring.
"""

from __future__ import annotations

import ipaddress
import json
import re
import sys
from dataclasses import dataclass
from typing import Any

Json = dict[str, Any]


class WireError(Exception):
    """An answer in the wire protocol's error shape: `{"error", "message", "fields"?, "missing"?}`."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        fields: list[Json] | None = None,
        missing: list[str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.fields, self.missing, self.headers = fields, missing, headers or {}

    def body(self) -> Json:
        body: Json = {"error": self.code, "message": self.message}
        if self.fields is not None:
            body["fields"] = self.fields
        if self.missing is not None:
            body["missing"] = self.missing
        return body


# --- Messages and demographics ---------------------------------------------------------------------

_URL_LIKE = re.compile(r"[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)
MAX_MESSAGE_LENGTH = 300


def sanitize_message(message: str) -> str:
    """A vendor's text made safe to pass on: no URLs (they may be signed), at most 300 characters."""
    clean = _URL_LIKE.sub("[link removed]", message[: MAX_MESSAGE_LENGTH * 2]).strip()
    return clean if len(clean) <= MAX_MESSAGE_LENGTH else clean[: MAX_MESSAGE_LENGTH - 1] + "…"


REQUIRED_DEMOGRAPHIC_FIELDS = (
    "first_name", "last_name", "email", "phone_number", "gender", "dob",
    "address.first_line", "address.city", "address.state", "address.zip", "address.country",
)


def missing_demographics(value: Any) -> list[str]:
    """The required fields absent or blank in `value` (all of them for None): `missingDemographics`."""
    missing = []
    for path in REQUIRED_DEMOGRAPHIC_FIELDS:
        current = value
        for key in path.split("."):
            current = current.get(key) if isinstance(current, dict) else None
        if not isinstance(current, str) or current.strip() == "":
            missing.append(path)
    return missing


# --- URLs and origins ------------------------------------------------------------------------------

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):(.*)", re.DOTALL)
_FORBIDDEN_HOST = set(" #%/:<>?@[\\]^|")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_DEFAULT_PORTS = {"http": "80", "https": "443"}


@dataclass(frozen=True)
class Url:
    """What the rules read of a URL: scheme, host (lower case, punycode), port ('' when default)."""

    scheme: str
    host: str = ""
    port: str = ""
    credentials: bool = False

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.host}" + (f":{self.port}" if self.port else "")


def parse_url(raw: str) -> Url | None:
    """Parses an absolute URL as a browser would in the cases these rules meet, or None.

    A compact stand-in for the WHATWG parser the TypeScript server uses: any scheme is accepted, but
    only http(s) URLs get a host and port (`https:host`, backslashes and extra slashes as browsers read
    them); a host with a forbidden character, a host that is not ASCII, or an invalid port does not parse.
    """
    match = _SCHEME.fullmatch(raw.strip(_C0_AND_SPACE))
    if not match:
        return None
    scheme, rest = match[1].lower(), match[2]
    if scheme not in _DEFAULT_PORTS:
        return Url(scheme)
    authority = re.match(r"[^/\\?#]*", rest.lstrip("/\\"))[0]  # type: ignore[index]
    host_port = authority.rpartition("@")[2]
    if host_port.startswith("["):
        host, _, after = host_port.partition("]")
        host += "]"
        if after and not after.startswith(":") or not re.fullmatch(r"\[[0-9A-Fa-f:.]+\]", host):
            return None
        port = after[1:]
    else:
        host, _, port = host_port.partition(":")
        # An international name is refused, not converted: Python's "idna" codec is IDNA 2003, which maps
        # "ß" to "ss", so https://straße.example would pass as https://strasse.example, another domain in
        # browsers (UTS #46, non-transitional). Write such hosts in punycode (xn--…).
        if not host or not host.isascii() or _FORBIDDEN_HOST & set(host):
            return None
    if port and not (port.isascii() and port.isdigit() and int(port) <= 65535):
        return None
    port = str(int(port)) if port else ""
    return Url(scheme, host.lower(), "" if port == _DEFAULT_PORTS[scheme] else port, "@" in authority)


@dataclass(frozen=True)
class OriginPattern:
    """An `ALLOWED_ORIGINS` or `PAGES_ORIGIN` entry: `https://host`, `https://host:port`, `https://*.host`."""

    scheme: str
    host: str
    port: str
    wildcard: bool = False

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{'*.' if self.wildcard else ''}{self.host}" + (f":{self.port}" if self.port else "")


def parse_origin_pattern(pattern: str) -> OriginPattern:
    """`parseOriginPattern`: raises ValueError, naming the entry, when it is not an origin."""
    match = re.fullmatch(r"(https?)://(\*\.)?([^/?#@*\s]+)", pattern)
    url = parse_url(f"{match[1]}://{match[3]}") if match else None
    if match is None or url is None or url.credentials:
        raise ValueError(f"{pattern!r} is not an origin: use https://host, https://host:port or https://*.host")
    return OriginPattern(url.scheme, url.host, url.port, match[2] == "*.")


def origin_matches(url: Url, patterns: tuple[OriginPattern, ...]) -> bool:
    """`originMatches`: the URL is on one of the origins (a wildcard needs at least one more label)."""
    for p in patterns:
        if p.scheme != url.scheme or p.port != url.port:
            continue
        if p.wildcard:
            if url.host.endswith("." + p.host) and len(url.host) > len(p.host) + 1:
                return True
        elif url.host == p.host:
            return True
    return False


def is_loopback(host: str) -> bool:
    """localhost, 127.x.x.x or [::1]."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


_UNSAFE_CHARS = re.compile("[\x00-\x20\x7f-\x9f\xa0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff\\\\]")


def unsafe_url_reason(raw: Any, allowed: tuple[OriginPattern, ...], allow_http_loopback: bool) -> str | None:
    """`assertSafeUrl`: why a vendor's signed URL must not be handed out (never quoting it), or None."""
    if not isinstance(raw, str) or not raw:
        return "not a URL string"
    if _UNSAFE_CHARS.search(raw):
        return "whitespace, control characters or backslashes"
    secure = raw.startswith("https://")
    url = parse_url(raw) if secure or raw.startswith("http://") else None
    if url is None:
        return "not an http(s) URL"
    if url.credentials:
        return "credentials before the host"
    if not secure and not (allow_http_loopback and is_loopback(url.host)):
        return f"plain http on {url.origin}"
    if not origin_matches(url, allowed):
        return f"{url.origin} is not a page origin"
    return None


# --- Targets ---------------------------------------------------------------------------------------

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
_FEATURE = re.compile(r"[a-z][a-z0-9_]*(?::[A-Za-z0-9._-]+)?")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_AUTHORITY_WITH_AT = re.compile(r"[^:/?#]*:[/\\]*[^/?#\\]*@")
MAX_ID_LENGTH, MAX_URL_LENGTH = 256, 2048
#: An http(s) URL whose authority holds a character that is not ASCII.
_NON_ASCII_HOST = re.compile(r"https?:[/\\]*[^/?#\\]*[^\x00-\x7f]", re.IGNORECASE)

TARGET_FIELDS: dict[str, tuple[str, ...]] = {
    "junction.user_portal": ("kind", "context", "order_id", "subject"),
    "junction.dashboard": (
        "kind", "feature", "modality", "environment",
        "member_id", "integration_member_id", "team_id", "integration_team_id",
    ),
    "userhub.portal": ("kind", "portal_url", "return_url", "success_url", "organization_id"),
}


def _length(text: str) -> int:
    """A string's length in code points, as the protocol and JSON Schema count it (Python's own `len`)."""
    return len(text)


def _present(data: Json, key: str) -> bool:
    return key in data


def _is_null(data: Json, key: str, errors: list[Json]) -> bool:
    """An optional field sent as null: refused, as JSON Schema refuses it, rather than read as absent."""
    if data[key] is not None:
        return False
    errors.append({"path": key, "message": "must be left out rather than null"})
    return True


def _check_id(data: Json, key: str, errors: list[Json], uuid: bool = False) -> None:
    if not _present(data, key) or _is_null(data, key, errors):
        return
    value = data[key]
    if not isinstance(value, str) or value == "":
        errors.append({"path": key, "message": "must be a non-empty string"})
    elif _length(value) > MAX_ID_LENGTH:
        errors.append({"path": key, "message": f"must be at most {MAX_ID_LENGTH} characters"})
    elif _CONTROL.search(value):
        errors.append({"path": key, "message": "must not contain control characters"})
    elif uuid and not UUID.fullmatch(value):
        errors.append({"path": key, "message": "must be a uuid"})


def _check_enum(data: Json, key: str, allowed: tuple[str, ...], errors: list[Json]) -> None:
    if not (isinstance(data.get(key), str) and data[key] in allowed):
        errors.append({"path": key, "message": "must be one of " + ", ".join(f'"{v}"' for v in allowed)})


def _check_url(data: Json, key: str, errors: list[Json], allow_path: bool) -> None:
    if not _present(data, key) or _is_null(data, key, errors):
        return
    value = data[key]
    if not isinstance(value, str) or not value or _length(value) > MAX_URL_LENGTH or _CONTROL.search(value):
        errors.append({"path": key, "message": f"must be a URL of at most {MAX_URL_LENGTH} characters"})
        return
    if "\\" in value:  # browsers read it as "/", other parsers do not
        errors.append({"path": key, "message": "must not contain a backslash"})
        return
    if allow_path and value.startswith("/") and not value.startswith("//"):
        return
    url = parse_url(value)
    if url is None and _NON_ASCII_HOST.match(value):
        errors.append({"path": key, "message": "must have an ASCII host: an international name in punycode (xn--…)"})
    elif url is None:
        message = "must be a path or an absolute URL" if allow_path else "must be an absolute URL"
        errors.append({"path": key, "message": message})
    elif url.scheme not in _DEFAULT_PORTS:
        errors.append({"path": key, "message": "must be an http(s) URL"})
    elif url.credentials or _AUTHORITY_WITH_AT.match(value):
        errors.append({"path": key, "message": "must not contain credentials"})


def validate_target(data: Any) -> tuple[Json | None, list[Json]]:
    """`validateTarget`: (the target, []) or (None, field errors without `target.`); null fields are refused."""
    if not isinstance(data, dict):
        return None, [{"path": "", "message": "target must be an object"}]
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in TARGET_FIELDS:
        kinds = ", ".join(f'"{k}"' for k in TARGET_FIELDS)
        return None, [{"path": "kind", "message": f"must be one of {kinds}"}]
    allowed = TARGET_FIELDS[kind]
    errors = [{"path": key, "message": "is not a field of this target"} for key in data if key not in allowed]
    if kind == "junction.user_portal":
        _check_enum(data, "context", ("launch", "communications"), errors)
        _check_id(data, "order_id", errors, uuid=True)
        _check_id(data, "subject", errors)
    elif kind == "junction.dashboard":
        feature = data.get("feature")
        if not isinstance(feature, str) or _length(feature) > MAX_ID_LENGTH or not _FEATURE.fullmatch(feature):
            errors.append({"path": "feature", "message": 'must be a feature slug such as "order_creation"'})
        _check_enum(data, "modality", ("feature_embed", "link_out"), errors)
        _check_enum(data, "environment", ("production", "sandbox"), errors)
        for key in ("member_id", "integration_member_id", "team_id", "integration_team_id"):
            _check_id(data, key, errors, uuid=key in ("member_id", "team_id"))
        for a, b in (("member_id", "integration_member_id"), ("team_id", "integration_team_id")):
            if data.get(a) is not None and data.get(b) is not None:
                errors.append({"path": b, "message": f"cannot be given together with {a}"})
    else:
        _check_url(data, "portal_url", errors, allow_path=True)
        _check_url(data, "return_url", errors, allow_path=False)
        _check_url(data, "success_url", errors, allow_path=False)
        _check_id(data, "organization_id", errors)
    if errors:
        return None, errors
    return {key: data[key] for key in allowed if _present(data, key)}, []


def subject_problem(subject: str) -> str | None:
    """`subjectProblem`: why a `?subject=` breaks the rules of a target's `subject`, or None."""
    errors: list[Json] = []
    _check_id({"subject": subject}, "subject", errors)
    return errors[0]["message"] if errors else None


def quoted(text: str, limit: int = 200) -> str:
    """A header value quoted for a message, cut to `limit` characters."""
    return json.dumps(text[:limit])


def log(level: str, event: str, **details: Any) -> None:
    """One JSON line on stderr. Callers pass route templates, statuses and origins: never keys, signed
    URLs, bodies, ids from a target or a path, or demographics."""
    print(json.dumps({"level": level, "event": event, **details}), file=sys.stderr, flush=True)
