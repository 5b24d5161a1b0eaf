"""A real SMTP server on 127.0.0.1 for the send tests: aiosmtpd with STARTTLS (or implicit TLS) and AUTH, a
certificate made at start by trustme, every accepted message captured, and faults injected on demand.

Faults (each fires once, then the server behaves again):
- `temp_at = n`: the n-th DATA gets `451 4.3.0` (the message is not kept);
- `reject = {address}`: RCPT TO that address gets `550 5.1.1`;
- `drop_at = n`: the n-th MAIL FROM closes the connection without a reply;
- `hang_at = n`: the n-th DATA waits (not kept) until `release()`, so the test can SIGKILL the sender meanwhile.
"""
import asyncio
import logging
import socket
import ssl
import warnings
import threading

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


# aiosmtpd warns about its own deprecated attribute on every AUTH, and logs a traceback for the refused-certificate
# test: keep the test output to what the checks say.
warnings.filterwarnings("ignore", message="Session.login_data is deprecated")
logging.getLogger("mail.log").setLevel(logging.CRITICAL)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Faults:
    def __init__(self):
        self.temp_at = None
        self.reject = set()
        self.drop_at = None
        self.hang_at = None
        self.hanging = threading.Event()
        self.released = threading.Event()


class Capture:
    """The aiosmtpd handler: counts commands and sessions, applies faults, keeps accepted messages."""

    def __init__(self, faults):
        self.faults = faults
        self.messages = []  # (mail_from, [rcpt], bytes)
        self.mails = 0
        self.datas = 0
        self.sessions = set()
        self.lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.mails += 1
        self.sessions.add(id(session))
        if self.faults.drop_at == self.mails:
            self.faults.drop_at = None
            server.transport.close()
            return "421 4.4.2 closing (test fault)"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.faults.reject:
            return f"550 5.1.1 <{address}>: mailbox unavailable (test fault)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.datas += 1
        if self.faults.temp_at == self.datas:
            self.faults.temp_at = None
            return "451 4.3.0 try again later (test fault)"
        if self.faults.hang_at == self.datas:
            self.faults.hang_at = None
            self.faults.hanging.set()
            while not self.faults.released.is_set():
                await asyncio.sleep(0.05)
            server.transport.close()
            return "451 4.3.0 gone"
        with self.lock:
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
            n = len(self.messages)
        return f"250 2.0.0 queued as {n}"


class Auth:
    """Accepts exactly one user and password; remembers what it saw."""

    def __init__(self, user, password):
        self.user, self.password = user, password
        self.ok = 0
        self.refused = 0

    def __call__(self, server, session, envelope, mechanism, auth_data):
        good = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == self.user
            and auth_data.password.decode() == self.password
        )
        if good:
            self.ok += 1
        else:
            self.refused += 1
        return AuthResult(success=good)


class Server:
    """Start with `start()`, stop with `stop()`. `ca_path` is the CA to give the client."""

    def __init__(self, workdir, user, password, implicit_tls=False):
        self.ca = trustme.CA()
        cert = self.ca.issue_cert("127.0.0.1", "localhost")
        self.ca_path = f"{workdir}/ca-{id(self)}.pem"
        self.ca.cert_pem.write_to_path(self.ca_path)
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(ctx)
        self.faults = Faults()
        self.capture = Capture(self.faults)
        self.auth = Auth(user, password)
        kwargs = dict(authenticator=self.auth, auth_require_tls=True, decode_data=False)
        if implicit_tls:
            # aiosmtpd only counts STARTTLS as TLS for auth_require_tls; here every byte is TLS already.
            kwargs.update(ssl_context=ctx, auth_require_tls=False)
        else:
            kwargs.update(tls_context=ctx, require_starttls=True)
        self.port = free_port()
        self.controller = Controller(self.capture, hostname="127.0.0.1", port=self.port, **kwargs)
        self.implicit_tls = implicit_tls

    def start(self):
        self.controller.start()
        return self

    def url(self, user):
        user = user.replace("@", "%40")
        scheme = "smtps" if self.implicit_tls else "smtp+starttls"
        return f"{scheme}://{user}@127.0.0.1:{self.port}"

    def stop(self):
        self.faults.released.set()
        self.controller.stop()
