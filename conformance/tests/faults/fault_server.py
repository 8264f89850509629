#!/usr/bin/python3
"""A small, test-only OAuth 2.0 server with switchable faults (negative controls of the runner).

Standard library only; shares no code with reference-server/. Without --fault it behaves as the
catalog expects of a correct server (the authorization code grant with PKCE behind an HTML
login and consent page, the password, refresh_token and client_credentials grants,
client_secret_basic, client_secret_post and public clients, RFC 7009 revocation, RFC 7662
introspection, RFC 8414 metadata, a Bearer-protected /api/users/). --fault NAME switches one
deliberate defect on; FAULTS below lists them with the catalog case each one should trip.

Usage: fault_server.py [--fault NAME] [--port-file FILE] [--log-file FILE] [--count-file FILE]
Prints "listening on http://127.0.0.1:PORT" once it accepts connections. Test data only: every
credential below is made up for the fault suite and used nowhere else.
"""
import argparse
import base64
import binascii
import hashlib
import hmac
import html
import io
import json
import os
import re
import secrets
import socket
import socketserver
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import quote, urlsplit

# name -> what it breaks (the catalog case it should trip is in expectations.json)
FAULTS = {
    "wrong_error_code": "bad user credentials answered invalid_request, not invalid_grant",
    "no_store_missing": "token responses without Cache-Control: no-store",
    "no_pragma": "token responses without Pragma: no-cache",
    "basic_challenge_missing": "401 invalid_client without a WWW-Authenticate: Basic challenge",
    "bearer_challenge_missing": "resource 401 for a request without credentials has no challenge",
    "scope_not_enforced": "the resource serves any valid token whatever its scope",
    "tokens_never_expire": "access tokens stay valid after expires_in",
    "premature_expiry": "access tokens die after a quarter of expires_in",
    "revocation_noop": "revocation answers 200 and revokes nothing",
    "revocation_without_auth": "revocation accepts requests without client authentication",
    "refresh_not_bound_to_client": "any client may use any client's refresh token",
    "no_client_auth_for_refresh": "refresh with client_id alone (no secret) is served",
    "refresh_reuse_allowed": "rotation without reuse detection: superseded refresh tokens work",
    "refresh_widens_scope": "a refresh may ask for (and get) more scope than granted",
    "wrong_token_type": "token_type is \"MAC\" although the tokens are bearer tokens",
    "expires_in_string": "expires_in is a quoted string",
    "unknown_scope_granted": "undefined scope values are dropped silently, scope omitted",
    "duplicate_param_ok": "repeated form parameters accepted (first value wins)",
    "introspection_leaks_inactive": "inactive introspection replies say why and for whom",
    "introspection_without_auth": "introspection without caller authentication is served",
    "low_entropy_tokens": "access tokens are 12 hex digits (48 bits)",
    "echo_password": "a rejected password is echoed in a response header",
    "query_token_accepted": "the resource accepts ?access_token= without Cache-Control: private",
    "refresh_token_at_resource": "the resource accepts refresh tokens as bearer tokens",
    "cc_refresh_token": "client_credentials responses carry a refresh token",
    "issuer_mismatch": "the metadata issuer has a trailing slash",
    "metadata_no_token_endpoint": "the metadata document omits token_endpoint",
    "introspection_via_get": "introspection also answers GET with the token in the query string",
    "log_secrets": "the request log (--log-file) records request bodies, passwords included",
    # the authorization code grant (RFC 6749 §4.1, RFC 7636, RFC 9207, RFC 9700 §2.1, §4.1)
    "pkce_not_required": "an authorization request without code_challenge gets a code, "
                         "redeemed without a verifier",
    "wrong_verifier_accepted": "a code_verifier is required but never compared with the challenge",
    "verifier_optional": "a code issued for a code_challenge is redeemed without a code_verifier",
    "plain_accepted": "code_challenge_method=plain is advertised and accepted",
    "code_reusable": "codes are not single-use: a second redemption gets new tokens",
    "code_reuse_no_revoke": "a reused code is refused but the first redemption's tokens live on",
    "code_not_bound_to_client": "any client may redeem any client's code",
    "redirect_uri_not_checked": "the token endpoint ignores redirect_uri (another one, or none)",
    "redirect_prefix_match": "a redirect_uri that starts with a registered one is accepted (and gets the code)",
    "open_redirect": "an unregistered redirect_uri or unknown client_id gets its error "
                     "redirected to that URI",
    "state_mangled": "state loses every character outside A-Z a-z 0-9 - . _ ~ on the way back",
    "no_iss": "authorization responses lack iss although the metadata advertises it",
    "error_without_state": "authorization error redirects leave out the state",
    "unsupported_response_type_page": "an unknown response_type gets a 400 page, not the error "
                                      "redirect",
    "implicit_enabled": "response_type=token returns #access_token=... (the implicit grant)",
    "codes_never_expire": "authorization codes are redeemable after their 3 s lifetime",
    "login_frameable": "the login page has neither X-Frame-Options nor CSP frame-ancestors",
    "consent_deny_ignored": "a refused consent still returns a code",
    "code_exchange_broken": "the token endpoint refuses every authorization_code grant",
    "password_grant_unadvertised": "the metadata leaves password out of grant_types_supported; "
                                   "password grants still work",
    # Correct behaviours the runner once misjudged (verdict rules, not defects):
    "lockout_beyond_max_wait": "5 wrong passwords for fault-bob lock that username for 60 s, "
                               "announced with Retry-After: 60 (longer than the profile's "
                               "max_wait_s): a defence the runner cannot wait out",
    "no_lockout": "the correct server, which has no brute-force defence, run with the "
                  "destructive brute-force case on (the control that a missing defence WARNs)",
    "lockout_per_address": "wrong passwords are counted per client IP address, whatever the "
                           "username: 10 within a minute lock every password check from that "
                           "address (password grants and the login form, every user) for 3 s, "
                           "announced with Retry-After: a defence that overlapping cases must "
                           "not run into",
    "revoked_refresh_empty_400": "a revoked refresh token is refused, but with an empty-bodied "
                                 "400 instead of an RFC 6749 §5.2 JSON error",
    # Hostile targets (the runner must survive them and write its reports):
    "deep_json": "every token response carries an extra member nested 70,000 arrays deep",
    "huge_body": "the metadata document is followed by 256 MiB of spaces (valid JSON)",
    "slow_replies": "every request is answered after 2 s (under the runner's 30 s timeout)",
    "echo_encoded": "every password grant's reply echoes the password under \"debug\", JSON-"
                    "escaped, HTML-escaped, lower-case percent-encoded and in base64, and the "
                    "whole request body and Authorization header in base64 and base64url",
    "get_token_405_oauth_body": "GET on the token endpoint answers 405 with Allow: POST and a "
                                "JSON body {\"error\": \"invalid_request\"}",
    "huge_header": "every token endpoint reply carries 1 MiB of extra response headers "
                   "(1,024 headers of 1,000 bytes)",
    "drip_body": "every reply body is sent 8 bytes at a time, 20 ms apart",
    "mid_response_close": "token endpoint error replies stop half-way through the body, "
                          "revocation and introspection error replies half-way through the "
                          "headers; then the connection is closed",
    "redirect_elsewhere": "every token endpoint reply is a 307 to a second listener on "
                          "127.0.0.1, which counts the connections that reach it",
}
# Hostile replies rewritten after the handler made them (outside LOCK): fault -> paths.
MANGLED = {
    "huge_header": {"/oauth/token/"},
    "drip_body": None,  # every path
    "mid_response_close": {"/oauth/token/", "/oauth/revoke_token/", "/oauth/introspect/"},
    "redirect_elsewhere": {"/oauth/token/"},
}
HUGE_HEADERS, HUGE_HEADER_BYTES = 1024, 1000  # huge_header: 1 MiB of headers
DRIP_BYTES, DRIP_PAUSE = 8, 0.02  # drip_body
ELSEWHERE = {"url": None, "hits": 0}  # redirect_elsewhere: the second listener
COUNT_FILE = None  # --count-file: JSON {"elsewhere": connections the second listener accepted,
#                   "beside_lock": lockout_per_address's password checks from one address while
#                   another address was locked (the run overlapped other cases with the lock)}
HUGE_PADDING = 256 << 20  # huge_body
SLOW_SECONDS = 2  # slow_replies
LOCKOUT_USERS = {"fault-bob"}  # lockout_beyond_max_wait: only the profile's users.victim
LOCKOUT_AFTER, LOCKOUT_SECONDS = 5, 60
FAILURES = {}   # username -> times of wrong passwords (lockout_beyond_max_wait)
LOCKED = {}     # username -> time the lock ends
# lockout_per_address: more than the wrong passwords of the rest of a run (6, password.error.*),
# far fewer than the brute-force case's 30; short enough for that case to see the lock lift.
ADDRESS_LOCKOUT_AFTER, ADDRESS_LOCKOUT_SECONDS = 10, 3
ADDRESS_FAILURES = {}  # client IP address -> times of wrong passwords (lockout_per_address)
ADDRESS_LOCKED = {}    # client IP address -> time the lock ends
BESIDE_LOCK = {"checks": 0}  # lockout_per_address: see COUNT_FILE

SCOPES_DEFINED = {"read", "write", "groups", "admin"}  # admin exists but no client may get it
# redirect_uris: registered for the authorization code grant (compared as exact strings);
# consent: a third-party client, whose authorization the user confirms on a consent page.
# A client without a secret is public: it names itself with client_id alone.
CLIENTS = {
    "ock-fault-primary": {"secret": "fault-primary-secret-0123456789", "ttl": 600,
                          "grants": {"password", "refresh_token", "client_credentials",
                                     "authorization_code"},
                          "redirect_uris": ["https://client.example/cb"], "consent": True},
    "ock-fault-second": {"secret": "fault-second-secret-9876543210", "ttl": 600,
                         "grants": {"password", "refresh_token", "client_credentials",
                                    "authorization_code"},
                         "redirect_uris": ["https://second.example/cb"], "consent": True},
    "ock-fault-public": {"secret": None, "ttl": 600,
                         "grants": {"authorization_code", "refresh_token"},
                         "redirect_uris": ["https://public.example/cb"], "consent": False},
    "ock-fault-nopw": {"secret": "fault-nopw-secret-5555555555", "ttl": 600,
                       "grants": {"client_credentials"}},
    "ock fault:+/%=spc": {"secret": "s3cret:+/%= &x-0123456789", "ttl": 600,
                          "grants": {"password", "refresh_token", "authorization_code"},
                          "redirect_uris": ["https://spc.example/cb"], "consent": True},
    "ock-fault-short": {"secret": "fault-short-secret-3333333333", "ttl": 3,
                        "grants": {"password", "refresh_token", "authorization_code"},
                        "redirect_uris": ["https://short.example/cb"], "consent": True},
}
CLIENT_SCOPES = {"read", "write", "groups"}
USERS = {
    "fault-alice": "alice-Pa55word-0123456789",
    "fault-ünïcødé": "pässwörd&=+%;ß-0123456789",
    "fault-bob": "bob-Pa55word-9876543210",
}
B64TOKEN = re.compile(r"^[A-Za-z0-9\-._~+/]+=*$")

FAULT = None
LOG_FILE = None
LOCK = threading.Lock()
ACCESS = {}     # token -> {client, user, scope, iat, exp, family}
REFRESH = {}    # token -> {client, user, scope, family, used}
CODES = {}      # code -> {client, user, scope, redirect_uri, challenge, method, exp, used, family}
SESSIONS = {}   # session id -> {csrf, user}: the browser sessions of the authorization endpoint
CODE_LIFETIME = 3  # seconds (profile.json: timing.code_lifetime_s)
SESSION_COOKIE = "ock_fault_session"
PKCE_VALUE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")  # RFC 7636 §4.1, §4.2
DEAD_FAMILIES = set()
PEOPLE = [{"id": i + 1, "username": u, "email": "", "first_name": "", "last_name": ""}
          for i, u in enumerate(USERS)]


class OAuthError(Exception):
    def __init__(self, status, error, description, challenge=None):
        super().__init__(error)
        self.status, self.error, self.description, self.challenge = status, error, description, challenge


class EmptyError(OAuthError):
    """An error status with no body at all (revoked_refresh_empty_400)."""

    def __init__(self, status):
        super().__init__(status, "", "")


class ErrorPage(Exception):
    """An authorization request that cannot go back to the client: a 400 page, no redirect."""


class AuthorizationError(Exception):
    """An authorization error response sent to the client's redirect URI (RFC 6749 §4.1.2.1)."""

    def __init__(self, redirect_uri, state, error, description):
        super().__init__(error)
        self.redirect_uri, self.state, self.error, self.description = \
            redirect_uri, state, error, description


def invalid_client(description="Client authentication failed"):
    challenge = None if FAULT == "basic_challenge_missing" else 'Basic realm="oauth"'
    return OAuthError(401, "invalid_client", description, challenge)


def pct_decode(text):
    """Strict application/x-www-form-urlencoded value decoding (+ is space, %XX must be hex)."""
    out, i, raw = bytearray(), 0, text.encode("utf-8")
    while i < len(raw):
        c = raw[i]
        if c == 0x2B:
            out.append(0x20)
        elif c == 0x25:
            hexpart = raw[i + 1:i + 3]
            if len(hexpart) != 2 or not all(chr(h) in "0123456789abcdefABCDEF" for h in hexpart):
                raise ValueError("bad percent escape")
            out.append(int(hexpart, 16))
            i += 2
        else:
            out.append(c)
        i += 1
    return out.decode("utf-8")  # strict: invalid UTF-8 raises


def parse_form(body):
    """Form parameters; empty values count as omitted (RFC 6749 §3.2); repeats are an error."""
    params = {}
    for part in body.split("&") if body else []:
        if not part:
            continue
        name, _, value = part.partition("=")
        try:
            name, value = pct_decode(name), pct_decode(value)
        except (ValueError, UnicodeDecodeError):
            raise OAuthError(400, "invalid_request", "The request body is not well-formed")
        if value == "":
            continue
        if name in params:
            if FAULT == "duplicate_param_ok":
                continue
            raise OAuthError(400, "invalid_request", "Parameter " + name + " appears twice")
        params[name] = value
    return params


def scope_list(text):
    out = []
    for v in (text or "").split(" "):
        if v and v not in out:
            out.append(v)
    return out


def new_token(kind):
    if kind == "access" and FAULT == "low_entropy_tokens":
        return secrets.token_hex(6)
    return secrets.token_urlsafe(32)


def access_valid(token, now=None):
    a = ACCESS.get(token)
    if a is None or a["family"] in DEAD_FAMILIES:
        return None
    now = time.time() if now is None else now
    lifetime = a["exp"] - a["iat_f"]
    if FAULT == "premature_expiry":
        lifetime /= 4
    if FAULT != "tokens_never_expire" and now >= a["iat_f"] + lifetime:
        return None
    return a


def refresh_valid(token):
    r = REFRESH.get(token)
    if r is None or r["family"] in DEAD_FAMILIES or r.get("revoked"):
        return None
    return r


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ock-fault-server"
    sys_version = ""

    def log_message(self, fmt, *args):  # quiet: never log requests (they carry secrets)
        pass

    # ---- plumbing

    def reply(self, status, body, headers=()):
        echoed, self.echoed = getattr(self, "echoed", None), None
        if echoed is not None and isinstance(body, dict):  # echo_encoded: a debug member
            # ...and base64 of the whole request body and of its Authorization header, as
            # debug pages dump requests: the password sits inside, at any byte alignment.
            sent = [self.raw_body, "Authorization: " + (self.headers.get("Authorization") or "")]
            body = dict(body, debug=[echoed, html.escape(echoed),
                                     re.sub("%[0-9A-F]{2}", lambda m: m.group(0).lower(),
                                            quote(echoed, safe="")),
                                     base64.b64encode(echoed.encode("utf-8")).decode()]
                        + [base64.b64encode(t.encode("utf-8")).decode() for t in sent]
                        + [base64.urlsafe_b64encode(t.encode("utf-8")).decode().rstrip("=")
                           for t in sent])
        data = b"" if body is None else json.dumps(body).encode("utf-8")
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def reply_raw(self, status, text, headers=()):
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        return self.raw_body

    def form_body(self):
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        raw = self.body()
        if ctype != "application/x-www-form-urlencoded":
            raise OAuthError(400, "invalid_request",
                             "The body must be application/x-www-form-urlencoded")
        return parse_form(raw)

    def oauth_error(self, e):
        headers = [("Cache-Control", "no-store"), ("Pragma", "no-cache")]
        if isinstance(e, EmptyError):
            return self.reply(e.status, None, headers)
        if getattr(e, "retry_after", None):
            headers.append(("Retry-After", str(e.retry_after)))
        if e.challenge:
            headers.append(("WWW-Authenticate", e.challenge))
        if getattr(e, "echo", None):
            headers.append(("X-Rejected-Password", e.echo))
        self.reply(e.status, {"error": e.error, "error_description": e.description}, headers)

    def issuer(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    # ---- client authentication (RFC 6749 §2.3.1)

    def authenticate_client(self, params, required=True, public_ok=False):
        """The client's id. A public client (no secret) names itself with client_id alone where
        public_ok; it may not present credentials."""
        header = self.headers.get_all("Authorization") or []
        body_id, body_secret = params.pop("client_id", None), params.pop("client_secret", None)
        if header:
            value = header[0].strip()
            scheme, _, cred = value.partition(" ")
            if len(header) > 1 or scheme.lower() != "basic":
                raise invalid_client("Unsupported client authentication")
            if body_secret is not None:
                raise OAuthError(400, "invalid_request", "More than one client authentication method")
            try:
                decoded = base64.b64decode(cred.strip(), validate=True).decode("utf-8")
                cid, sep, secret = decoded.partition(":")
                if not sep:
                    raise ValueError("no colon")
                cid, secret = pct_decode(cid), pct_decode(secret)
            except (ValueError, binascii.Error, UnicodeDecodeError):
                raise invalid_client("Malformed Basic credentials")
            if body_id is not None and body_id != cid:
                raise OAuthError(400, "invalid_request", "client_id does not match the header")
        elif body_secret is not None:
            cid, secret = body_id, body_secret
            if cid is None:
                raise invalid_client()
        else:
            if public_ok and body_id in CLIENTS and CLIENTS[body_id]["secret"] is None:
                return body_id
            if not required:
                return body_id
            raise invalid_client("Client authentication is required")
        client = CLIENTS.get(cid)
        if client is None or client["secret"] is None or \
                not hmac.compare_digest(client["secret"].encode(), secret.encode()):
            raise invalid_client()
        return cid

    # ---- token endpoint

    def token_response(self, client_id, user, scope, family, with_refresh=True):
        ttl = CLIENTS[client_id]["ttl"]
        now = time.time()
        at = new_token("access")
        ACCESS[at] = {"client": client_id, "user": user, "scope": scope, "iat_f": now,
                      "iat": int(now), "exp": now + ttl, "family": family}
        body = {"access_token": at, "token_type": "Bearer", "expires_in": ttl,
                "scope": " ".join(scope)}
        if FAULT == "wrong_token_type":
            body["token_type"] = "MAC"
        if FAULT == "expires_in_string":
            body["expires_in"] = str(ttl)
        if FAULT == "unknown_scope_granted" and getattr(self, "dropped_scope", False):
            del body["scope"]
        if with_refresh:
            rt = new_token("refresh")
            REFRESH[rt] = {"client": client_id, "user": user, "scope": family_scope(family, scope),
                           "family": family, "used": False}
            body["refresh_token"] = rt
        headers = []
        if FAULT != "no_store_missing":
            headers.append(("Cache-Control", "no-store"))
        if FAULT != "no_pragma":
            headers.append(("Pragma", "no-cache"))
        if FAULT == "deep_json":
            return self.reply_raw(200, json.dumps(body)[:-1] + ', "deep": ' + "[" * 70000 +
                                  "]" * 70000 + "}", headers)
        self.reply(200, body, headers)

    def requested_scope(self, params):
        asked = scope_list(params.get("scope"))
        if not asked:
            return ["read"]
        if FAULT == "unknown_scope_granted":
            kept = [v for v in asked if v in SCOPES_DEFINED]
            self.dropped_scope = len(kept) != len(asked)
            asked = kept or ["read"]
        for v in asked:
            if v not in CLIENT_SCOPES:
                raise OAuthError(400, "invalid_scope", "The requested scope is invalid or unknown")
        return asked

    def token_endpoint(self):
        self.dropped_scope = False  # per request: the handler lives as long as the connection
        params = self.form_body()
        grant = params.get("grant_type")
        if grant == "refresh_token" and FAULT == "no_client_auth_for_refresh":
            client_id = self.authenticate_client(params, required=False)
            if client_id not in CLIENTS:
                raise invalid_client()
        else:
            client_id = self.authenticate_client(params, public_ok=True)
        if grant is None:
            raise OAuthError(400, "invalid_request", "grant_type is missing")
        if grant not in ("password", "refresh_token", "client_credentials", "authorization_code"):
            raise OAuthError(400, "unsupported_grant_type", "This grant type is not supported")
        if grant not in CLIENTS[client_id]["grants"]:
            raise OAuthError(400, "unauthorized_client", "The client may not use this grant type")
        if grant == "authorization_code":
            return self.code_grant(client_id, params)
        if grant == "password":
            username, password = params.get("username"), params.get("password")
            if username is None or password is None:
                raise OAuthError(400, "invalid_request", "username and password are required")
            scope = self.requested_scope(params)
            if FAULT == "echo_encoded":
                self.echoed = password
            known = USERS.get(username)
            if FAULT == "lockout_beyond_max_wait" and username in LOCKOUT_USERS:
                self.check_lockout(username, known, password)
            if FAULT == "lockout_per_address":
                wait = self.address_lockout(known, password)
                if wait:
                    e = OAuthError(400, "invalid_grant", "Too many failed attempts from this "
                                   "address; try again later")
                    e.retry_after = wait
                    raise e
            if known is None or not hmac.compare_digest(known.encode(), password.encode()):
                code = "invalid_request" if FAULT == "wrong_error_code" else "invalid_grant"
                e = OAuthError(400, code, "The username or password is incorrect")
                if FAULT == "echo_password":
                    e.echo = password
                raise e
            return self.token_response(client_id, username, scope, secrets.token_hex(8))
        if grant == "client_credentials":
            scope = self.requested_scope(params)
            return self.token_response(client_id, None, scope, secrets.token_hex(8),
                                       with_refresh=FAULT == "cc_refresh_token")
        token = params.get("refresh_token")
        if token is None:
            raise OAuthError(400, "invalid_request", "refresh_token is missing")
        r = refresh_valid(token)
        if r is None and FAULT == "revoked_refresh_empty_400" and \
                REFRESH.get(token, {}).get("revoked"):
            raise EmptyError(400)
        if r is None or (r["client"] != client_id and FAULT != "refresh_not_bound_to_client"):
            raise OAuthError(400, "invalid_grant", "The refresh token is invalid")
        if r["used"] and FAULT != "refresh_reuse_allowed":
            DEAD_FAMILIES.add(r["family"])  # reuse of a superseded token: revoke the grant
            raise OAuthError(400, "invalid_grant", "The refresh token is invalid")
        asked = scope_list(params.get("scope")) or list(r["scope"])
        if FAULT != "refresh_widens_scope" and any(v not in r["scope"] for v in asked):
            raise OAuthError(400, "invalid_scope", "The scope exceeds the granted scope")
        r["used"] = True
        self.token_response(client_id, r["user"], asked, r["family"])

    def check_lockout(self, username, known, password):
        """lockout_beyond_max_wait: LOCKOUT_AFTER wrong passwords within a minute lock the
        username for LOCKOUT_SECONDS; while locked every password, the right one too, gets
        invalid_grant with Retry-After (RFC 6749 §4.3.2 asks for such protection)."""
        now = time.time()
        if LOCKED.get(username, 0) > now:
            e = OAuthError(400, "invalid_grant", "Too many failed attempts; try again later")
            e.retry_after = int(LOCKED[username] - now + 0.999)
            raise e
        if known is not None and hmac.compare_digest(known.encode(), password.encode()):
            FAILURES.pop(username, None)
            return
        recent = [t for t in FAILURES.get(username, []) if t > now - 60] + [now]
        FAILURES[username] = recent
        if len(recent) >= LOCKOUT_AFTER:
            LOCKED[username] = now + LOCKOUT_SECONDS
            FAILURES.pop(username, None)

    def address_lockout(self, known, password):
        """lockout_per_address: the seconds this request's client address stays locked (0 when
        the password may be checked). A wrong password (or unknown user) from the address counts
        towards ADDRESS_LOCKOUT_AFTER within a minute, whichever username it was for; then every
        password check from the address, the right one for any user too, is refused for
        ADDRESS_LOCKOUT_SECONDS. A right password clears nothing (other users share the key)."""
        address, now = self.client_address[0], time.time()
        if any(a != address and end > now for a, end in ADDRESS_LOCKED.items()):
            BESIDE_LOCK["checks"] += 1
            write_counts()
        if ADDRESS_LOCKED.get(address, 0) > now:
            return int(ADDRESS_LOCKED[address] - now + 0.999)
        if known is not None and hmac.compare_digest(known.encode(), password.encode()):
            return 0
        recent = [t for t in ADDRESS_FAILURES.get(address, []) if t > now - 60] + [now]
        ADDRESS_FAILURES[address] = recent
        if len(recent) >= ADDRESS_LOCKOUT_AFTER:
            ADDRESS_LOCKED[address] = now + ADDRESS_LOCKOUT_SECONDS
            ADDRESS_FAILURES.pop(address, None)
        return 0

    def code_grant(self, client_id, params):
        """grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.6)."""
        if FAULT == "code_exchange_broken":
            raise OAuthError(400, "invalid_grant", "The authorization code is invalid")
        code = params.get("code")
        if code is None:
            raise OAuthError(400, "invalid_request", "code is missing")
        c = CODES.get(code)
        if c is None or (c["client"] != client_id and FAULT != "code_not_bound_to_client"):
            raise OAuthError(400, "invalid_grant", "The authorization code is invalid")
        if c["used"] and FAULT != "code_reusable":
            if FAULT != "code_reuse_no_revoke":
                DEAD_FAMILIES.add(c["family"])  # RFC 6749 §4.1.2: revoke what the code gave
            raise OAuthError(400, "invalid_grant", "The authorization code was already used")
        if time.time() >= c["exp"] and FAULT != "codes_never_expire":
            raise OAuthError(400, "invalid_grant", "The authorization code has expired")
        sent = params.get("redirect_uri")
        if FAULT != "redirect_uri_not_checked" and sent != c["redirect_uri"] and \
                (c["redirect_uri"] is not None or sent != c["default_uri"]):
            raise OAuthError(400, "invalid_grant", "redirect_uri does not match the request")
        verifier = params.get("code_verifier")
        if c["challenge"] is not None:
            if verifier is None:
                if FAULT != "verifier_optional":
                    raise OAuthError(400, "invalid_grant", "code_verifier is missing")
            elif not PKCE_VALUE.match(verifier):
                raise OAuthError(400, "invalid_grant", "code_verifier is malformed")
            elif FAULT != "wrong_verifier_accepted" and \
                    not hmac.compare_digest(pkce_transform(verifier, c["method"]), c["challenge"]):
                raise OAuthError(400, "invalid_grant", "code_verifier does not match")
        c["used"] = True
        self.token_response(client_id, c["user"], c["scope"], c["family"])

    # ---- the authorization endpoint (RFC 6749 §4.1.1, §4.1.2; RFC 7636; RFC 9207)

    def authorization_request(self):
        """The checked authorization request of the URL's query: a dict, ErrorPage when it
        cannot be answered by a redirect, AuthorizationError when it can."""
        try:
            q = parse_form(urlsplit(self.path).query)
        except OAuthError:
            raise ErrorPage("The authorization request is not well-formed.")
        client_id, asked = q.get("client_id"), q.get("redirect_uri")
        client = CLIENTS.get(client_id)
        registered = client.get("redirect_uris", []) if client else []
        if asked is None:
            uri = registered[0] if len(registered) == 1 else None
        elif asked in registered:
            uri = asked
        elif FAULT == "redirect_prefix_match" and any(asked.startswith(r) for r in registered):
            uri = asked
        else:
            uri = None
        if client is None or uri is None:
            if FAULT == "open_redirect" and asked is not None:
                raise AuthorizationError(asked, q.get("state"), "invalid_request",
                                         "Unknown client or unregistered redirect_uri")
            raise ErrorPage("Unknown client." if client is None else
                            "redirect_uri is not registered for this client." if asked else
                            "redirect_uri is required for this client.")
        state = q.get("state")

        def fail(error, description):
            return AuthorizationError(uri, state, error, description)

        response_type = q.get("response_type")
        implicit = response_type == "token" and FAULT == "implicit_enabled"
        if response_type is None:
            raise fail("invalid_request", "response_type is missing")
        if response_type != "code" and not implicit:
            if FAULT == "unsupported_response_type_page":
                raise ErrorPage("Unsupported response_type.")
            raise fail("unsupported_response_type", "Only response_type=code is supported")
        if "authorization_code" not in client["grants"]:
            raise fail("unauthorized_client", "The client may not use the authorization code grant")
        challenge, method = q.get("code_challenge"), q.get("code_challenge_method", "plain")
        if implicit:
            challenge = None
        elif challenge is None:
            if FAULT != "pkce_not_required":
                raise fail("invalid_request", "code_challenge is required (PKCE)")
        elif method not in (("S256", "plain") if FAULT == "plain_accepted" else ("S256",)):
            raise fail("invalid_request", "code_challenge_method must be S256")
        elif not PKCE_VALUE.match(challenge):
            raise fail("invalid_request", "code_challenge is malformed")
        scope = scope_list(q.get("scope")) or ["read"]
        if any(v not in CLIENT_SCOPES for v in scope):
            raise fail("invalid_scope", "The requested scope is invalid or unknown")
        return {"client_id": client_id, "redirect_uri": uri, "redirect_sent": asked,
                "state": state, "scope": scope, "challenge": challenge, "method": method,
                "implicit": implicit}

    def authorize(self):
        """GET shows the login (or consent) page; POST takes the login or the consent."""
        try:
            req = self.authorization_request()
        except ErrorPage as e:
            return self.page(400, "Authorization error", "<p>%s</p>" % html.escape(str(e)))
        except AuthorizationError as e:
            return self.authorization_redirect(e.redirect_uri, [
                ("error", e.error), ("error_description", e.description),
                ("state", None if FAULT == "error_without_state" else e.state)])
        sid, session = self.session()
        if self.command == "POST":
            return self.authorize_post(req, sid, session)
        if session is None or session["user"] is None:
            return self.login_page(req, sid, session)
        if CLIENTS[req["client_id"]]["consent"]:
            return self.consent_page(req, session)
        return self.grant(req, session["user"])

    def authorize_post(self, req, sid, session):
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            form = parse_form(self.raw_body) if ctype == "application/x-www-form-urlencoded" \
                else None
        except OAuthError:
            form = None
        if form is None:
            return self.page(400, "Bad request", "<p>The form is not well-formed.</p>")
        if session is None or not hmac.compare_digest(
                form.get("csrf_token", "").encode(), session["csrf"].encode()):
            return self.page(403, "Forbidden", "<p>The form has expired. Start again.</p>")
        if "decision" not in form:  # the login form
            username, password = form.get("username", ""), form.get("password", "")
            known = USERS.get(username)
            if FAULT == "lockout_per_address" and self.address_lockout(known, password):
                return self.login_page(req, sid, session, failed=True)  # locked: refused
            if known is None or not hmac.compare_digest(known.encode(), password.encode()):
                return self.login_page(req, sid, session, failed=True)
            del SESSIONS[sid]  # a new session id once logged in (no session fixation)
            sid = new_session(username)
            return self.redirect_here(sid)
        if session["user"] is None:
            return self.login_page(req, sid, session)
        decision = form["decision"]
        if decision == "allow" or (decision == "deny" and FAULT == "consent_deny_ignored"):
            return self.grant(req, session["user"])
        if decision == "deny":
            return self.authorization_redirect(req["redirect_uri"], [
                ("error", "access_denied"), ("error_description", "The user refused access"),
                ("state", None if FAULT == "error_without_state" else req["state"])])
        return self.page(400, "Bad request", "<p>Unknown decision.</p>")

    def grant(self, req, user):
        """The authorization response (RFC 6749 §4.1.2): a fresh code for the redirect URI."""
        client_id, family = req["client_id"], secrets.token_hex(8)
        if req["implicit"]:  # implicit_enabled only: the token in the fragment (RFC 6749 §4.2.2)
            now, ttl = time.time(), CLIENTS[client_id]["ttl"]
            at = new_token("access")
            ACCESS[at] = {"client": client_id, "user": user, "scope": req["scope"], "iat_f": now,
                          "iat": int(now), "exp": now + ttl, "family": family}
            return self.authorization_redirect(req["redirect_uri"], [
                ("access_token", at), ("token_type", "Bearer"), ("expires_in", str(ttl)),
                ("scope", " ".join(req["scope"])), ("state", req["state"])], fragment=True)
        code = secrets.token_urlsafe(32)
        CODES[code] = {"client": client_id, "user": user, "scope": req["scope"],
                       "redirect_uri": req["redirect_sent"],
                       "default_uri": CLIENTS[client_id]["redirect_uris"][0],
                       "challenge": req["challenge"], "method": req["method"],
                       "exp": time.time() + CODE_LIFETIME, "used": False, "family": family}
        state = req["state"]
        if state is not None and FAULT == "state_mangled":
            state = re.sub(r"[^A-Za-z0-9\-._~]", "", state)
        return self.authorization_redirect(req["redirect_uri"],
                                           [("code", code), ("state", state)])

    def authorization_redirect(self, uri, params, fragment=False):
        """302 to the client's redirect URI with the parameters and iss (RFC 9207 §2)."""
        if FAULT != "no_iss":
            params = params + [("iss", self.issuer())]
        query = "&".join("%s=%s" % (k, quote(v, safe="")) for k, v in params if v is not None)
        sep = "#" if fragment else ("&" if "?" in uri else "?")
        self.send_response(302)
        self.send_header("Location", uri + sep + query)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def redirect_here(self, sid):
        """303 back to the authorization request (now with a logged-in session)."""
        self.send_response(303)
        self.send_header("Location", self.path)
        self.send_header("Set-Cookie", session_cookie(sid))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def session(self):
        """(session id, session) from the session cookie; (None, None) without one."""
        for part in (self.headers.get("Cookie") or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == SESSION_COOKIE and value in SESSIONS:
                return value, SESSIONS[value]
        return None, None

    def page(self, status, title, body, cookie=None, frameable=False):
        """An HTML page: never cached, never framed (RFC 9700 §4.16)."""
        data = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head>"
                "<body><h1>%s</h1>\n%s\n</body></html>\n" % (title, title, body)).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Pragma", "no-cache")
        if not frameable:
            self.send_header("X-Frame-Options", "DENY")
            self.send_header("Content-Security-Policy", "frame-ancestors 'none'")
        if cookie:
            self.send_header("Set-Cookie", cookie)
        self.end_headers()
        self.wfile.write(data)

    def form_action(self):
        """The form's action: this endpoint with the authorization request's query string."""
        return html.escape("/oauth/authorize/?" + urlsplit(self.path).query, quote=True)

    def login_page(self, req, sid, session, failed=False):
        cookie = None
        if session is None:  # a pre-login session: it carries the login form's CSRF token
            sid = new_session(None)
            session, cookie = SESSIONS[sid], session_cookie(sid)
        body = ("%s<p>%s asks for access to your account (%s).</p>\n"
                "<form method=\"post\" action=\"%s\">\n"
                "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n"
                "<label>Username <input type=\"text\" name=\"username\" "
                "autocomplete=\"username\"></label>\n"
                "<label>Password <input type=\"password\" name=\"password\" "
                "autocomplete=\"current-password\"></label>\n"
                "<button type=\"submit\">Sign in</button>\n</form>"
                % ("<p>The username or password is incorrect.</p>\n" if failed else "",
                   html.escape(req["client_id"]), html.escape(" ".join(req["scope"])),
                   self.form_action(), session["csrf"]))
        self.page(200, "Sign in", body, cookie, frameable=FAULT == "login_frameable")

    def consent_page(self, req, session):
        body = ("<p>%s asks for access to your account (%s).</p>\n"
                "<form method=\"post\" action=\"%s\">\n"
                "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n"
                "<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\n"
                "<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n"
                "</form>" % (html.escape(req["client_id"]), html.escape(" ".join(req["scope"])),
                             self.form_action(), session["csrf"]))
        self.page(200, "Allow access?", body)

    # ---- revocation (RFC 7009) and introspection (RFC 7662)

    def revocation_endpoint(self):
        params = self.form_body()
        client_id = self.authenticate_client(params, required=FAULT != "revocation_without_auth",
                                             public_ok=True)
        token = params.get("token")
        if token is None:
            raise OAuthError(400, "invalid_request", "token is missing")
        owner = (REFRESH.get(token) or ACCESS.get(token) or {}).get("client")
        if owner is not None and client_id is not None and owner != client_id:
            raise OAuthError(400, "unauthorized_client", "The token was issued to another client")
        if FAULT != "revocation_noop":
            if token in REFRESH:
                REFRESH[token]["revoked"] = True
                DEAD_FAMILIES.add(REFRESH[token]["family"])  # RFC 7009 §2.1: its ATs too
            ACCESS.pop(token, None)
        self.reply(200, None, [("Cache-Control", "no-store")])

    def introspection_endpoint(self):
        if self.command == "GET":
            params = parse_form(urlsplit(self.path).query)
        else:
            params = self.form_body()
        self.authenticate_client(params, required=FAULT != "introspection_without_auth")
        token = params.get("token")
        if token is None:
            raise OAuthError(400, "invalid_request", "token is missing")
        a, r = access_valid(token), refresh_valid(token)
        if a is not None:
            body = {"active": True, "scope": " ".join(a["scope"]), "client_id": a["client"],
                    "token_type": "Bearer", "exp": int(a["exp"]), "iat": a["iat"]}
            if a["user"]:
                body["username"] = a["user"]
        elif r is not None and not r["used"]:
            body = {"active": True, "scope": " ".join(r["scope"]), "client_id": r["client"]}
        else:
            body = {"active": False}
            known = ACCESS.get(token) or REFRESH.get(token)
            if FAULT == "introspection_leaks_inactive":
                body["reason"] = "expired or revoked" if known else "unknown token"
                if known:
                    body["client_id"] = known["client"]
        self.reply(200, body, [("Cache-Control", "no-store"), ("Pragma", "no-cache")])

    # ---- the protected resource (RFC 6750)

    def bearer(self, needed_scope):
        """The valid access token record, or an OAuthError carrying the Bearer challenge."""
        url = urlsplit(self.path)
        query = {}
        try:
            query = parse_form(url.query)
        except OAuthError:
            pass
        body_token = None
        if self.command == "POST" and (self.headers.get("Content-Type") or "").lower().startswith(
                "application/x-www-form-urlencoded"):
            try:
                body_token = parse_form(self.raw_body).get("access_token")
            except OAuthError:
                pass
        headers = self.headers.get_all("Authorization") or []
        places = len(headers) + ("access_token" in query) + (body_token is not None)

        def challenge(status, error=None, description=None, extra=""):
            c = 'Bearer realm="api"'
            if error:
                c += ', error="%s", error_description="%s"%s' % (error, description, extra)
            if status == 401 and not error and FAULT == "bearer_challenge_missing":
                c = None
            return OAuthError(status, error or "unauthorized", description or "", c)

        if places > 1:
            raise challenge(400, "invalid_request", "Use exactly one way to send the token")
        token = None
        if headers:
            scheme, _, rest = headers[0].strip().partition(" ")
            if scheme.lower() != "bearer":
                raise challenge(401)
            if not B64TOKEN.match(rest):
                raise challenge(400, "invalid_request", "The Authorization header is malformed")
            token = rest
        elif "access_token" in query and FAULT == "query_token_accepted":
            token = query["access_token"]
        if token is None:
            raise challenge(401)
        a = access_valid(token)
        if a is None and FAULT == "refresh_token_at_resource" and refresh_valid(token):
            a = {"scope": refresh_valid(token)["scope"]}
        if a is None:
            raise challenge(401, "invalid_token", "The access token is invalid or has expired")
        if needed_scope not in a["scope"] and FAULT != "scope_not_enforced":
            raise challenge(403, "insufficient_scope", "The token lacks the required scope",
                            ', scope="%s"' % needed_scope)
        return a

    def users(self):
        try:
            self.bearer("read" if self.command == "GET" else "write")
        except OAuthError as e:
            headers = [("WWW-Authenticate", e.challenge)] if e.challenge else []
            body = {"detail": e.description or "Authentication credentials were not provided"}
            return self.reply(e.status, body, headers)
        if self.command == "GET":
            return self.reply(200, PEOPLE)
        try:
            data = json.loads(self.raw_body)
            name = data["username"]
            if not isinstance(name, str) or not name:
                raise ValueError
        except (ValueError, KeyError, TypeError):
            return self.reply(400, {"detail": "a JSON object with a username is required"})
        person = {"id": len(PEOPLE) + 1, "username": name, "email": data.get("email", ""),
                  "first_name": "", "last_name": ""}
        PEOPLE.append(person)
        self.reply(201, person)

    def metadata(self):
        base = self.issuer()
        doc = {
            "issuer": base + "/" if FAULT == "issuer_mismatch" else base,
            "token_endpoint": base + "/oauth/token/",
            "authorization_endpoint": base + "/oauth/authorize/",
            "revocation_endpoint": base + "/oauth/revoke_token/",
            "introspection_endpoint": base + "/oauth/introspect/",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code", "password", "refresh_token",
                                      "client_credentials"],
            "code_challenge_methods_supported": ["S256"],
            "authorization_response_iss_parameter_supported": True,
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post",
                                                      "none"],
            "scopes_supported": ["read", "write", "groups"],
        }
        if FAULT == "metadata_no_token_endpoint":
            del doc["token_endpoint"]
        if FAULT == "plain_accepted":
            doc["code_challenge_methods_supported"].append("plain")
        if FAULT == "implicit_enabled":
            doc["response_types_supported"].append("token")
            doc["grant_types_supported"].append("implicit")
        if FAULT == "password_grant_unadvertised":
            doc["grant_types_supported"].remove("password")
        if FAULT == "huge_body":
            return self.reply_padded(doc, HUGE_PADDING)
        self.reply(200, doc)

    def reply_padded(self, doc, padding):
        """200 with the JSON document followed by `padding` bytes of spaces (still valid JSON),
        sent in 1 MiB chunks so that the server itself stays small."""
        data = json.dumps(doc).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data) + padding))
        self.end_headers()
        self.wfile.write(data)
        chunk = b" " * (1 << 20)
        for start in range(0, padding, len(chunk)):
            self.wfile.write(chunk[:min(len(chunk), padding - start)])

    # ---- dispatch

    def dispatch(self):
        try:
            n = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            n = 0
        self.raw_body = self.rfile.read(n).decode("utf-8", "replace") if n > 0 else ""
        path = urlsplit(self.path).path
        routes = {
            ("POST", "/oauth/token/"): self.token_endpoint,
            ("POST", "/oauth/revoke_token/"): self.revocation_endpoint,
            ("POST", "/oauth/introspect/"): self.introspection_endpoint,
            ("GET", "/oauth/authorize/"): self.authorize,
            ("POST", "/oauth/authorize/"): self.authorize,
            ("GET", "/.well-known/oauth-authorization-server"): self.metadata,
            ("GET", "/api/users/"): self.users,
            ("POST", "/api/users/"): self.users,
            ("GET", "/healthz"): lambda: self.reply(200, {"status": "ok"}),
        }
        if FAULT == "introspection_via_get":
            routes[("GET", "/oauth/introspect/")] = self.introspection_endpoint
        if FAULT == "slow_replies":
            time.sleep(SLOW_SECONDS)  # outside LOCK: requests wait side by side
        handler = routes.get((self.command, path))
        if handler is None:
            if any(p == path for (_, p) in routes):
                body = {"detail": "method not allowed"}
                if FAULT == "get_token_405_oauth_body" and path == "/oauth/token/":
                    body = {"error": "invalid_request", "error_description": "use POST"}
                return self.reply(405, body,
                                  [("Allow", ", ".join(m for (m, p) in routes if p == path))])
            return self.reply(404, {"detail": "not found"})
        mangled = FAULT in MANGLED and (MANGLED[FAULT] is None or path in MANGLED[FAULT])
        real = self.wfile
        if mangled:  # the reply is made into a buffer and sent, rewritten, outside LOCK
            self.wfile = io.BytesIO()
        try:
            with LOCK:
                try:
                    handler()
                except OAuthError as e:
                    self.oauth_error(e)
                self.log_request_line(path)
        finally:
            made, self.wfile = (self.wfile.getvalue() if mangled else None), real
        if mangled:
            self.send_mangled(made, path)

    def send_mangled(self, data, path):
        """Sends the reply the handler made (`data`: status line, headers, body) the hostile
        way FAULT asks for."""
        head, _, body = data.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        if FAULT == "huge_header":
            self.wfile.write(head + b"\r\n")
            pad = b"a" * (HUGE_HEADER_BYTES - len(b"X-Ock-Padding-0000: \r\n"))
            for i in range(HUGE_HEADERS):
                self.wfile.write(b"X-Ock-Padding-%04d: %s\r\n" % (i, pad))
            self.wfile.write(b"\r\n" + body)
        elif FAULT == "drip_body":
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.wfile.write(head + b"\r\n\r\n")
            for start in range(0, len(body), DRIP_BYTES):
                time.sleep(DRIP_PAUSE)
                self.wfile.write(body[start:start + DRIP_BYTES])
        elif FAULT == "mid_response_close" and status >= 400:
            if path == "/oauth/token/":  # every header (Content-Length too), half the body
                self.wfile.write(head + b"\r\n\r\n" + body[:len(body) // 2])
            else:  # the status line and half of the headers
                self.wfile.write(head[:len(head) // 2])
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_WR)
        elif FAULT == "redirect_elsewhere":
            location = ELSEWHERE["url"] + path
            self.wfile.write(("HTTP/1.1 307 Temporary Redirect\r\nLocation: %s\r\n"
                              "Cache-Control: no-store\r\nContent-Length: 0\r\n\r\n"
                              % location).encode("ascii"))
        else:
            self.wfile.write(data)

    def log_request_line(self, path):
        """One line per request: method and path only (the log_secrets fault adds the body)."""
        if LOG_FILE is None:
            return
        line = "%s %s %s" % (time.strftime("%H:%M:%S"), self.command, path)
        if FAULT == "log_secrets" and self.raw_body:
            line += " body=" + self.raw_body
        with open(LOG_FILE, "a", encoding="utf-8") as f:
            f.write(line + "\n")

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = dispatch


def pkce_transform(verifier, method):
    """The code challenge of a verifier (RFC 7636 §4.2): S256 or plain."""
    if method == "plain":
        return verifier
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def new_session(user):
    """A browser session of the authorization endpoint with its CSRF token; its id."""
    sid = secrets.token_urlsafe(32)
    SESSIONS[sid] = {"csrf": secrets.token_urlsafe(32), "user": user}
    return sid


def session_cookie(sid):
    return "%s=%s; Path=/oauth/authorize/; HttpOnly; SameSite=Lax" % (SESSION_COOKIE, sid)


def family_scope(family, scope):
    """The scope of a grant: fixed by its first token (narrowed refreshes keep it)."""
    for r in REFRESH.values():
        if r["family"] == family:
            return r["scope"]
    return list(scope)


class Server(socketserver.ThreadingMixIn, HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the default 5 drops SYNs under the runner's parallel jobs: 1 s stalls


def write_counts():
    if COUNT_FILE is not None:
        with open(COUNT_FILE + ".tmp", "w", encoding="utf-8") as f:
            json.dump({"elsewhere": ELSEWHERE["hits"], "beside_lock": BESIDE_LOCK["checks"]}, f)
        os.replace(COUNT_FILE + ".tmp", COUNT_FILE)


def elsewhere_listener():
    """redirect_elsewhere's second listener: a 127.0.0.1 socket on a free port that counts every
    connection reaching it (written to --count-file) and answers each with a 200 {}."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    ELSEWHERE["url"] = "http://127.0.0.1:%d" % sock.getsockname()[1]

    def serve():
        while True:
            conn, _ = sock.accept()
            with LOCK:
                ELSEWHERE["hits"] += 1
                write_counts()
            try:
                conn.settimeout(2)
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             b"Content-Length: 2\r\nConnection: close\r\n\r\n{}")
            except OSError:
                pass
            finally:
                conn.close()

    threading.Thread(target=serve, daemon=True).start()


def watchdog(parent, max_lifetime):
    """A test server must never outlive its test: exit when the parent dies or time is up."""
    deadline = time.monotonic() + max_lifetime
    while os.getppid() == parent and time.monotonic() < deadline:
        time.sleep(1)
    os._exit(0)


def main():
    global FAULT, LOG_FILE, COUNT_FILE
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fault", choices=sorted(FAULTS), help="the one defect to switch on")
    ap.add_argument("--port-file", help="write the port number here once listening")
    ap.add_argument("--log-file", help="append one line per request here (no secrets)")
    ap.add_argument("--count-file",
                    help="keep JSON counts here: {\"elsewhere\": connections that reached "
                         "redirect_elsewhere's second listener}")
    ap.add_argument("--list-faults", action="store_true", help="print the faults and exit")
    ap.add_argument("--max-lifetime", type=float, default=900,
                    help="exit after this many seconds whatever happens (default 900)")
    args = ap.parse_args()
    if args.list_faults:
        for name in sorted(FAULTS):
            print("%-28s %s" % (name, FAULTS[name]))
        return 0
    FAULT, LOG_FILE, COUNT_FILE = args.fault, args.log_file, args.count_file
    if FAULT == "redirect_elsewhere":
        elsewhere_listener()
    write_counts()
    server = Server(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    if args.port_file:
        with open(args.port_file, "w") as f:
            f.write("%d\n" % port)
    threading.Thread(target=watchdog, args=(os.getppid(), args.max_lifetime), daemon=True).start()
    print("listening on http://127.0.0.1:%d" % port, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
