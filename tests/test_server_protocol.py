"""The server's JSON-RPC conduct as a raw client sees it: every request answered (with an error when
its params are malformed or the server is shutting down), and the exit code the protocol asks for."""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT

pytest.importorskip("pygls")


class Raw:
    """`newslint server` driven by hand-written JSON-RPC frames over its standard streams."""

    def __init__(self, cwd: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        self.proc = subprocess.Popen([sys.executable, "-m", "newslint", "server", "--debounce", "0"], cwd=cwd,
                                     env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.received: queue.Queue[dict[str, Any]] = queue.Queue()
        self.log: list[dict[str, Any]] = []  # every message received, notifications included
        threading.Thread(target=self._read_all, daemon=True).start()

    def frame(self, body: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        self.frame(json.dumps({"jsonrpc": "2.0", **message}).encode())

    def _read_all(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = 0
            while line := stream.readline().strip():
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            if not length:
                return
            message = json.loads(stream.read(length))
            self.log.append(message)
            self.received.put(message)

    def reply(self, msg_id: int, timeout: float = 20) -> dict[str, Any]:
        """The response to request `msg_id` (notifications on the way are skipped)."""
        while True:
            try:
                message = self.received.get(timeout=timeout)
            except queue.Empty:
                self.proc.kill()
                raise AssertionError(f"no answer to request {msg_id}") from None
            if message.get("id") == msg_id and "method" not in message:
                return message

    def start(self) -> None:
        self.send({"id": 0, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}})
        assert "result" in self.reply(0)
        self.send({"method": "initialized", "params": {}})

    def finish(self, timeout: float = 20) -> tuple[int, str]:
        try:
            code = self.proc.wait(timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
        assert self.proc.stderr is not None
        return code, self.proc.stderr.read().decode(errors="replace")


def test_exit_after_shutdown_is_a_clean_exit_0(tmp_path: Path) -> None:
    server = Raw(tmp_path)
    server.start()
    server.send({"id": 1, "method": "shutdown"})
    assert server.reply(1).get("result", "missing") is None
    server.send({"method": "exit"})
    code, stderr = server.finish()
    assert code == 0, stderr
    assert "error" not in stderr, stderr


def test_exit_without_shutdown_is_exit_1_not_an_internal_error(tmp_path: Path) -> None:
    server = Raw(tmp_path)
    server.start()
    server.send({"method": "exit"})
    code, stderr = server.finish()
    assert code == 1, stderr
    assert "internal error" not in stderr, stderr


def test_requests_with_malformed_params_are_answered_with_an_error(tmp_path: Path) -> None:
    server = Raw(tmp_path)
    server.start()
    server.send({"id": 1, "method": "textDocument/hover", "params": {"bogus": 1}})
    assert server.reply(1)["error"]["code"] == -32602  # invalid params
    server.send({"id": 2, "method": "textDocument/codeAction", "params": None})
    assert "error" in server.reply(2)
    story = (tmp_path / "story.md").as_uri()
    server.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": story, "languageId": "markdown", "version": 1, "text": "The brutal raid ended.\n"}}})
    server.send({"id": 3, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": story}, "position": {"line": 0, "character": 5}}})
    assert "brutal" in server.reply(3)["result"]["contents"]["value"]  # and it keeps serving
    server.send({"id": 4, "method": "shutdown"})
    server.reply(4)
    server.send({"method": "exit"})
    assert server.finish()[0] == 0


def test_requests_after_shutdown_are_refused_not_left_unanswered(tmp_path: Path) -> None:
    server = Raw(tmp_path)
    server.start()
    server.send({"id": 1, "method": "shutdown"})
    server.reply(1)
    server.send({"id": 2, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": (tmp_path / "a.md").as_uri()}, "position": {"line": 0, "character": 0}}})
    assert server.reply(2)["error"]["code"] == -32600  # invalid request
    server.send({"method": "exit"})
    assert server.finish()[0] == 0


def test_notifications_for_a_document_never_opened_are_ignored_quietly(tmp_path: Path) -> None:
    """A client may send didChange, didSave or didClose for a buffer it never opened (a plugin
    reloaded mid-edit, a race on close): the server ignores them, with no error shown to the user."""
    server = Raw(tmp_path)
    server.start()
    story = (tmp_path / "never-opened.md").as_uri()
    server.send({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": story, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                            "text": "The brutal raid."}]}})
    server.send({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": story, "version": 3}, "contentChanges": [{"text": "The brutal raid."}]}})
    server.send({"method": "textDocument/didSave", "params": {"textDocument": {"uri": story}}})
    server.send({"method": "textDocument/didClose", "params": {"textDocument": {"uri": story}}})
    server.send({"id": 1, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": story}, "position": {"line": 0, "character": 5}}})
    assert server.reply(1)["result"] is None
    server.send({"id": 2, "method": "shutdown"})
    server.reply(2)
    server.send({"method": "exit"})
    code, stderr = server.finish()
    shown = [m for m in server.log if m.get("method") in ("window/showMessage", "window/logMessage")
             and m["params"]["type"] == 1]
    assert shown == [], shown
    assert code == 0 and "Traceback" not in stderr, stderr
