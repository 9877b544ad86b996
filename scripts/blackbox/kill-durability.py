#!/usr/bin/env python3
"""Kills `./mailpush serve` with SIGKILL again and again while SMTP clients send, then counts.

Written from the README and docs/ alone, as an outsider would test the promise that a mail
answered 250 is never lost: it starts the server with its defaults (H2), adds users through the
admin API, has CLIENTS clients each send uniquely subjected mails with Python's smtplib, kills the
server at random moments KILLS times (restarting it each time), and finally asks the admin API
for every user's mail. Every subject that got a 250 must be there exactly once.

    scripts/blackbox/kill-durability.py [--kills 20] [--clients 8] [--longest 2.5] [--keep]

Exit status 0 when nothing accepted was lost or stored twice, 1 otherwise.
"""
import argparse
import json
import os
import random
import shutil
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
USERS_PER_CLIENT = 2


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, data, smtp, http, log, clients):
        self.data, self.smtp, self.http, self.log = data, smtp, http, log
        # Every client and the start's probe connect from 127.0.0.1: room for all of them at once
        # (smtp.max-connections-per-address, docs/configuration.md), or the probe waits for a free place.
        self.per_address = clients + 2
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [os.path.join(ROOT, "mailpush"), "serve", "--data-dir", self.data,
             "-s", f"smtp.port={self.smtp}", "-s", f"http.port={self.http}",
             "-s", f"smtp.max-connections-per-address={self.per_address}"],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server stopped at start (exit {self.process.returncode}); see the log")
            try:
                with socket.create_connection(("127.0.0.1", self.http), timeout=1):
                    pass
                with smtplib.SMTP("127.0.0.1", self.smtp, timeout=5) as probe:
                    probe.noop()
                return
            except OSError:
                time.sleep(0.1)
        self.kill()
        raise SystemExit("the server did not start within 120 s")

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)

    def admin(self, method, path, body=None):
        with open(os.path.join(self.data, "admin-token")) as f:
            token = f.read().strip()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.http}{path}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read() or b"null")


class Client(threading.Thread):
    """Sends one mail after another, to its users in turn; remembers each subject answered 250."""

    def __init__(self, number, server, stop):
        super().__init__(daemon=True)
        self.number, self.server, self.stop = number, server, stop
        self.users = [f"c{number}u{i}" for i in range(USERS_PER_CLIENT)]
        self.accepted = {user: [] for user in self.users}
        self.refused = 0

    def run(self):
        sent = 0
        attempt = 0
        connection = None
        while not self.stop.is_set():
            attempt += 1
            user = self.users[sent % USERS_PER_CLIENT]
            subject = f"kill-test {self.number}-{attempt}"
            message = (f"From: sender{self.number}@client.example\r\nTo: {user}@example.com\r\n"
                       f"Subject: {subject}\r\nMessage-ID: <{subject.replace(' ', '.')}@client.example>\r\n\r\n"
                       f"mail {attempt} of client {self.number}\r\n")
            try:
                if connection is None:
                    connection = smtplib.SMTP("127.0.0.1", self.server.smtp, timeout=10)
                connection.sendmail(f"sender{self.number}@client.example", [f"{user}@example.com"], message)
                self.accepted[user].append(subject)
                sent += 1
            except (OSError, smtplib.SMTPException):
                # Killed in the middle, or refused for now: a new connection, and a new mail.
                self.refused += 1
                connection = None
                time.sleep(0.05)
        if connection is not None:
            try:
                connection.quit()
            except (OSError, smtplib.SMTPException):
                pass


def subjects_of(server, user):
    """Every subject in the user's mailbox, through the admin API a page at a time."""
    subjects, before = [], ""
    while True:
        page = server.admin("GET", f"/api/admin/users/{user}/mails?limit=1000{before}")
        if not page:
            return subjects
        subjects += [mail["summary"]["subject"] for mail in page]
        before = f"&before={page[-1]['id']}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--longest", type=float, default=2.5,
                        help="the longest a server runs before its kill, in seconds (at least 0.3)")
    parser.add_argument("--keep", action="store_true", help="keep the data directory and log")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="mailpush-kill-")
    log = open(os.path.join(work, "server.log"), "w")
    server = Server(os.path.join(work, "data"), free_port(), free_port(), log, args.clients)
    server.start()
    clients = [Client(n, server, threading.Event()) for n in range(args.clients)]
    for client in clients:
        for user in client.users:
            server.admin("POST", "/api/admin/users", {"id": user, "addresses": [f"{user}@example.com"]})

    stop = threading.Event()
    for client in clients:
        client.stop = stop
        client.start()
    for kill in range(args.kills):
        time.sleep(random.uniform(0.3, max(0.3, args.longest)))
        server.kill()
        server.start()
        print(f"kill {kill + 1}/{args.kills}: accepted so far "
              f"{sum(len(s) for c in clients for s in c.accepted.values())}", flush=True)
    time.sleep(1)
    stop.set()
    for client in clients:
        client.join(timeout=60)
    server.stop()
    server.start()

    lost, twice, accepted = [], [], 0
    for client in clients:
        for user, subjects in client.accepted.items():
            accepted += len(subjects)
            stored = subjects_of(server, user)
            counts = {}
            for subject in stored:
                counts[subject] = counts.get(subject, 0) + 1
            lost += [s for s in subjects if s not in counts]
            twice += [s for s, n in counts.items() if n > 1]
    server.stop()
    refused = sum(c.refused for c in clients)
    stored = accepted - len(lost)
    database = os.path.getsize(os.path.join(server.data, "db", "mailpush.mv.db"))
    print(f"{args.kills} kills, {args.clients} clients: {accepted} mails answered 250, "
          f"{refused} sends cut off or refused, {len(lost)} lost, {len(twice)} stored twice; "
          f"database file {database / 1e6:.1f} MB, {database / max(1, stored) / 1024:.1f} KiB a mail")
    for subject in lost[:20]:
        print(f"  lost: {subject}")
    for subject in twice[:20]:
        print(f"  twice: {subject}")
    if args.keep or lost or twice:
        print(f"data and log kept in {work}")
    else:
        shutil.rmtree(work)
    return 1 if lost or twice else 0


if __name__ == "__main__":
    sys.exit(main())
