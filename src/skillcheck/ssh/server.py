"""The SSH server: public-key logins only, sessions only, nothing forwarded."""

from __future__ import annotations

import asyncio
import contextlib

import asyncssh

from skillcheck.ssh.child import CHILD_PATH
from skillcheck.ssh.host_key import load_or_create_host_key
from skillcheck.ssh.hub import ServeConfig, ServerHub, log, shown
from skillcheck.ssh.identity import CandidateIdentity, candidates_root, identity_of
from skillcheck.ssh.session import CandidateSession
from skillcheck.ssh.zygote_client import Zygote

AUTH_BANNER = (
    "skillcheck signs you in with your SSH key. No key yet? Make one with "
    "`ssh-keygen -t ed25519` and connect again.\r\n"
)
FORWARDING_REFUSED = "port forwarding is not allowed on this server"


class CandidateConnection(asyncssh.SSHServer):
    """One client connection: admission, key authentication and the refusals."""

    def __init__(self, hub: ServerHub):
        self._hub = hub
        self._conn: asyncssh.SSHServerConnection | None = None
        self._address = "?"
        self._peer = "?"
        self._counted = False
        self._refusal: str | None = None
        self._offered_key: asyncssh.SSHKey | None = None
        self._identity: CandidateIdentity | None = None
        self._open_sessions = 0
        self._ever_had_session = False

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = conn.get_extra_info("peername")
        self._address = str(peer[0]) if peer else "?"
        # Limits count by address; log lines name address and port, one per connection.
        self._peer = f"{peer[0]}:{peer[1]}" if peer else "?"
        verdict = self._hub.admission.admit_connection(self._address)
        self._counted = not verdict.drop
        if verdict.drop:
            log.info("%s: dropped connection: %s", self._peer, verdict.refusal)
            conn.abort()
            return
        # A refusal is said after key exchange (in begin_auth): before it, nothing is shown.
        self._refusal = verdict.refusal
        self._hub.connections.add(conn)
        log.info("%s: connect", self._peer)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._conn is not None:
            self._hub.connections.discard(self._conn)
        if not self._counted:  # dropped at once (never counted), or already released
            return
        self._counted = False
        self._hub.admission.release_connection(self._address)
        if self._identity is None and self._refusal is None:
            reason = f" ({exc})" if exc is not None else ""
            log.info("%s: auth failed: left without signing in with a key%s", self._peer, reason)

    # --- authentication ------------------------------------------------------------------

    def begin_auth(self, username: str) -> bool:
        if self._refusal is not None:
            self._disconnect(asyncssh.DISC_TOO_MANY_CONNECTIONS, self._refusal)
            return True
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.send_auth_banner(AUTH_BANNER)
        return True

    def public_key_auth_supported(self) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return False

    def kbdint_auth_supported(self) -> bool:
        return False

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        # Must stay synchronous: asyncssh verifies the signature and calls auth_completed
        # without yielding, so the key seen last here is the one that logged in.
        if self._hub.admission.auth_blocked(self._address):
            self._disconnect_blocked()
            return False
        allowed = self._hub.config.authorized_keys
        if allowed is not None and bytes(key.public_data) not in allowed:
            self._hub.admission.record_auth_failure(self._address)
            log.info(
                "%s: auth refused for unknown key %s (user %s)",
                self._peer,
                key.get_fingerprint("sha256"),
                shown(username),
            )
            if self._hub.admission.auth_blocked(self._address):
                self._disconnect_blocked()
            return False
        self._offered_key = key
        return True

    def auth_completed(self) -> None:
        assert self._offered_key is not None
        self._identity = identity_of(self._offered_key)
        log.info(
            "%s: auth ok id=%s key=%s",
            self._peer,
            self._identity.short_id,
            self._identity.fingerprint,
        )
        # A signed-in connection that never opens a session would hold a slot for good.
        asyncio.get_running_loop().call_later(
            self._hub.config.limits.login_timeout, self._close_if_unused
        )

    def _close_if_unused(self) -> None:
        if not self._ever_had_session and self._conn is not None:
            log.info("%s: closed: no session opened", self._peer)
            self._conn.close()

    def _session_closed(self) -> None:
        # One connection, one assessment: when its last session ends, hang up.
        self._open_sessions -= 1
        if self._open_sessions == 0 and self._conn is not None:
            self._conn.close()

    def _disconnect_blocked(self) -> None:
        self._disconnect(
            asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE,
            "too many failed logins from your address; try again in a minute",
        )

    def _disconnect(self, code: int, reason: str) -> None:
        log.info("%s: refused connection: %s", self._peer, reason)
        if self._conn is not None:
            self._conn.disconnect(code, reason)

    # --- channels ------------------------------------------------------------------------

    def session_requested(self) -> CandidateSession | bool:
        if self._identity is None or self._conn is None:
            return False
        if self._open_sessions >= self._hub.config.limits.max_per_identity:
            # Channels that never start a child are still memory: cap them per connection.
            log.info("%s: refused session: too many channels on one connection", self._peer)
            return False
        local = self._conn.get_extra_info("sockname")
        host = str(local[0]) if local else "HOST"
        hint = f"ssh -t -p {self._hub.config.port} {host}"
        self._open_sessions += 1
        self._ever_had_session = True
        return CandidateSession(
            self._hub, self._peer, self._identity, hint, on_closed=self._session_closed
        )

    def connection_requested(
        self, dest_host: str, dest_port: int, orig_host: str, orig_port: int
    ) -> bool:
        log.info("%s: refused port forwarding to %s", self._peer, shown(dest_host))
        raise asyncssh.ChannelOpenError(
            asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, FORWARDING_REFUSED
        )

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        log.info("%s: refused remote port forwarding", self._peer)
        return False

    def unix_connection_requested(self, dest_path: str) -> bool:
        log.info("%s: refused unix socket forwarding", self._peer)
        raise asyncssh.ChannelOpenError(
            asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, FORWARDING_REFUSED
        )

    def unix_server_requested(self, listen_path: str) -> bool:
        log.info("%s: refused remote unix socket forwarding", self._peer)
        return False


async def start_server(config: ServeConfig) -> tuple[asyncssh.SSHAcceptor, ServerHub]:
    """Listen on config.host:config.port; raises OSError if the port cannot be bound."""
    hub = ServerHub(config)
    if config.zygote_entry is not None:
        # A process of its own, started before the host key is read: it never holds it.
        hub.zygote = Zygote(config.zygote_entry, config.bank_dir, CHILD_PATH)
        await hub.zygote.start()
    try:
        host_key = load_or_create_host_key(config.data_dir)
        candidates_root(config.data_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
        acceptor = await _listen(config, hub, host_key)
    except BaseException:
        if hub.zygote is not None:
            await hub.zygote.close()
        raise
    return acceptor, hub


async def _listen(
    config: ServeConfig, hub: ServerHub, host_key: asyncssh.SSHKey
) -> asyncssh.SSHAcceptor:
    return await asyncssh.create_server(
        lambda: CandidateConnection(hub),
        config.host,
        config.port,
        server_host_keys=[host_key],
        encoding=None,
        line_editor=False,
        allow_scp=False,
        agent_forwarding=False,
        x11_forwarding=False,
        password_auth=False,
        kbdint_auth=False,
        gss_auth=False,
        gss_kex=False,
        host_based_auth=False,
        rdns_lookup=False,
        login_timeout=config.limits.login_timeout,
        keepalive_interval=30,
        keepalive_count_max=4,
        window=256 * 1024,
        config=[],
    )


async def stop_server(acceptor: asyncssh.SSHAcceptor, hub: ServerHub) -> None:
    """Stop accepting, tell every candidate, wait for their apps to stop, hang up."""
    acceptor.close()
    hub.shut_down_all("The skillcheck server is shutting down. Your answers are saved.")
    for _ in range(50):
        if not hub.sessions and hub.admission.session_count == 0:
            break
        await asyncio.sleep(0.1)
    hub.close_all_connections()
    if hub.zygote is not None:
        await hub.zygote.close()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(acceptor.wait_closed(), 5)
