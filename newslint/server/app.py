"""`newslint server`: a language server over standard input and output (pygls).

Buffers are linted when opened, saved, and a short while after each edit (the debounce), with the
configuration the command line would use for the file's path; a configuration or rule file that
changes (reported by the client, or saved in it) is read again and every open buffer re-linted. A
bad configuration or rule file becomes a diagnostic on it and on the article it stopped, and one
message naming it; an unexpected failure is reported the same way and the server keeps serving.
"""
from __future__ import annotations

import asyncio
import logging
import os
import sys
import traceback
from pathlib import Path
from typing import Any, BinaryIO, Iterator, Sequence

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import from_fs_path, to_fs_path

from newslint import __version__
from newslint.errors import NewslintError, RuleError
from newslint.server import features
from newslint.server.linting import CONFIG_NAMES, Linter, Result
from newslint.server.text import UTF16, Buffer, Position

log = logging.getLogger("newslint.server")
RULE_SUFFIXES = (".yaml", ".yml")
WATCHED = ("**/.newslint.yaml", "**/.newslint.yml", "**/pyproject.toml", "**/*.yaml", "**/*.yml", "**/.gitignore",
           "**/.newslintignore")


class Open:
    """One open document: its text, how it is linted, and the last result."""

    def __init__(self, uri: str, buffer: Buffer, path: Path | None, language: str = "markdown") -> None:
        self.uri = uri
        self.language = language  # the editor's languageId (how an unsaved buffer is read)
        self.buffer = buffer
        self.path = path  # None for an unsaved (untitled) buffer
        self.result: Result | None = None
        self.linted: int | None = None  # the buffer version `result` is for
        self.pending: asyncio.TimerHandle | None = None


class _Protocol(LanguageServerProtocol):
    """pygls keeps the future of each notification it handles with a generator (didOpen, didChange
    and others) by a new id, and never lets it go: a server's memory grew with every keystroke.
    Finished ones are dropped here. Every request is answered: one whose params do not parse, and
    one after `shutdown`, with an error (pygls dropped them, and the client waited forever).

    The server keeps each open buffer itself (`Open.buffer`), so pygls's own copy of the text is
    not kept: it was a second edit on every keystroke, and a change to a document the client never
    opened (a plugin reloaded mid-edit) failed in it and showed the user an error popup."""

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams) -> Iterator[Any]:
        yield from self._user_handler(lsp.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams) -> Iterator[Any]:
        yield from self._user_handler(lsp.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: lsp.DidCloseTextDocumentParams) -> Iterator[Any]:
        yield from self._user_handler(lsp.TEXT_DOCUMENT_DID_CLOSE, params)

    def _user_handler(self, method: str, params: Any) -> Iterator[Any]:
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" in data:
                self._send_response(data["id"], error=exc.to_response_error())
            raise

    def handle_message(self, message: Any) -> None:
        method = getattr(message, "method", None)
        if self._shutdown and method not in (None, lsp.EXIT) and getattr(message, "id", None) is not None:
            error = JsonRpcInvalidRequest(message=f"the server is shutting down: {method} refused")
            self._send_response(message.id, error=error.to_response_error())
            return
        super().handle_message(message)

    def _handle_notification(self, method_name: str, params: Any) -> None:
        before = len(self._request_futures)
        super()._handle_notification(method_name, params)
        if len(self._request_futures) > before:
            for key, future in list(self._request_futures.items()):
                if future.done():
                    del self._request_futures[key]


class NewslintServer(LanguageServer):
    def __init__(self, debounce: float = 0.15) -> None:
        super().__init__("newslint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
                         protocol_cls=_Protocol)
        self.debounce = debounce
        self.linter = Linter()
        self.open: dict[str, Open] = {}
        self.shown: set[str] = set()  # error messages already shown (once each until files change)
        self.error_uris: set[str] = set()  # configuration or rule files given an error diagnostic
        self.exit_code = 0  # the protocol's: 1 when the client sends `exit` without `shutdown` first

    # ------------------------------------------------------------------ documents
    @property
    def encoding(self) -> str:
        """The position encoding agreed with the client at initialization."""
        return str(self.workspace.position_encoding or UTF16)

    @property
    def versioned_edits(self) -> bool:
        """Whether the client takes workspace edits that name the document version they are for."""
        caps = self.client_capabilities.workspace
        edit = caps.workspace_edit if caps is not None else None
        return bool(edit is not None and edit.document_changes)

    def base(self) -> Path | None:
        """The folder whose configuration an unsaved buffer takes: the first workspace folder."""
        roots = [f.uri for f in self.workspace.folders.values()]
        roots += [self.workspace.root_uri] if self.workspace.root_uri else []
        for uri in roots:
            path = to_fs_path(uri)
            if path:
                return Path(path)
        return None

    def opened(self, uri: str, text: str, version: int | None, language: str = "markdown") -> Open | None:
        """Start following a document, or None for one newslint does not lint."""
        if uri.startswith("untitled:"):
            path = None
        elif uri.startswith("file:"):
            fs = to_fs_path(uri)
            if fs is None:
                return None
            path = Path(fs)
        else:
            return None
        doc = Open(uri, Buffer(text, version, self.encoding), path, language)
        self.open[uri] = doc
        return doc

    def follows(self, doc: Open) -> bool:
        return doc.path is None or self.linter.wants(doc.path)

    def result(self, doc: Open) -> Result | None:
        """The findings for the buffer as it is now (linted again if an edit is still waiting)."""
        if doc.linted is None or doc.linted != doc.buffer.version:
            self.lint(doc)
        return doc.result

    # ------------------------------------------------------------------ linting
    def schedule(self, doc: Open) -> None:
        if doc.pending is not None:
            doc.pending.cancel()
        if self.debounce <= 0:
            self.lint(doc)
            return
        doc.pending = asyncio.get_running_loop().call_later(self.debounce, self.lint, doc)

    def lint(self, doc: Open) -> None:
        """Lint one buffer and publish its diagnostics; failures become diagnostics and messages."""
        if doc.pending is not None:
            doc.pending.cancel()
            doc.pending = None
        if self.open.get(doc.uri) is not doc:
            return
        try:
            if not self.follows(doc):
                doc.result, doc.linted = None, doc.buffer.version
                self.clear(doc.uri, doc.buffer.version)
                return
            display = str(doc.path) if doc.path is not None else doc.uri
            result = self.linter.lint(doc.buffer.text, doc.path, display, self.base(), doc.language)
            diagnostics = features.diagnostics(doc.uri, doc.buffer, result)
        except NewslintError as exc:
            self.failed(doc, exc)
            return
        except Exception as exc:  # noqa: BLE001 - a defect must not end the editor's session
            log.error("linting %s failed:\n%s", doc.uri, traceback.format_exc())
            self.failed(doc, exc)
            return
        doc.result, doc.linted = result, doc.buffer.version
        for message in result.errors:
            self.show(message, lsp.MessageType.Warning)
        self.publish(doc.uri, diagnostics, doc.buffer.version)

    def failed(self, doc: Open, exc: Exception) -> None:
        message = str(exc) if isinstance(exc, NewslintError) else f"newslint failed on this file: {exc!r}"
        doc.result, doc.linted = None, None
        self.publish(doc.uri, [features.error_diagnostic(f"not linted: {message}")], doc.buffer.version)
        if isinstance(exc, RuleError) and exc.path:
            target = from_fs_path(str(Path(exc.path).resolve()))
            if target and target != doc.uri:
                line = max(0, (exc.line or 1) - 1)
                where = lsp.Range(lsp.Position(line, 0), lsp.Position(line + 1, 0))
                self.publish(target, [features.error_diagnostic(message, where)], None)
                self.error_uris.add(target)
        self.show(message, lsp.MessageType.Error)

    def publish(self, uri: str, diagnostics: list[lsp.Diagnostic], version: int | None) -> None:
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    def clear(self, uri: str, version: int | None) -> None:
        """No findings for `uri`, unless it is a bad rule or configuration file: that keeps its error
        until the file is fixed."""
        if uri not in self.error_uris:
            self.publish(uri, [], version)

    def show(self, message: str, kind: lsp.MessageType) -> None:
        if message in self.shown:
            return
        self.shown.add(message)
        self.window_show_message(lsp.ShowMessageParams(type=kind, message=f"newslint: {message}"))

    def reload(self) -> None:
        """A configuration or rule file changed: read them again and lint every open buffer."""
        self.linter.reset()
        self.shown.clear()
        stale, self.error_uris = self.error_uris, set()
        for uri in stale:
            if uri not in self.open:
                self.publish(uri, [], None)
        for doc in list(self.open.values()):
            self.lint(doc)


def _configures(path: str | None) -> bool:
    """A configuration file or a YAML file (perhaps a house rule or lexicon)."""
    if not path:
        return False
    name = Path(path).name
    return name in CONFIG_NAMES or name.lower().endswith(RULE_SUFFIXES)


def create(debounce: float = 0.15) -> NewslintServer:
    server = NewslintServer(debounce)

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: NewslintServer, _params: lsp.InitializedParams) -> None:
        caps = ls.client_capabilities.workspace
        watch = caps.did_change_watched_files if caps is not None else None
        if watch is not None and watch.dynamic_registration:
            options = lsp.DidChangeWatchedFilesRegistrationOptions(
                watchers=[lsp.FileSystemWatcher(glob_pattern=g) for g in WATCHED])
            ls.client_register_capability(lsp.RegistrationParams(registrations=[lsp.Registration(
                id="newslint-config", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)]))

    @server.feature(lsp.EXIT)
    def exit_(ls: NewslintServer, _params: None) -> None:
        ls.exit_code = 0 if ls.protocol._shutdown else 1

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NewslintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        doc = ls.opened(item.uri, item.text, item.version, item.language_id)
        if doc is not None:
            ls.lint(doc)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NewslintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        doc = ls.open.get(params.text_document.uri)
        if doc is None:
            return
        for change in params.content_changes:
            if isinstance(change, lsp.TextDocumentContentChangePartial):
                r = change.range
                doc.buffer.edit(Position(r.start.line, r.start.character), Position(r.end.line, r.end.character),
                                change.text, params.text_document.version)
            else:
                doc.buffer.replace(change.text, params.text_document.version)
        ls.schedule(doc)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
    def did_save(ls: NewslintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _configures(to_fs_path(uri) if uri.startswith("file:") else None):
            ls.reload()
            return
        doc = ls.open.get(uri)
        if doc is not None:
            ls.lint(doc)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NewslintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        doc = ls.open.pop(params.text_document.uri, None)
        if doc is not None:
            if doc.pending is not None:
                doc.pending.cancel()
            ls.clear(doc.uri, None)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: NewslintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(_configures(to_fs_path(c.uri)) for c in params.changes if c.uri.startswith("file:")):
            ls.reload()

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, features.FIX_ALL]))
    def code_action(ls: NewslintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        doc = ls.open.get(params.text_document.uri)
        result = ls.result(doc) if doc is not None else None
        if doc is None or result is None:
            return None
        only: Sequence[Any] | None = params.context.only
        return features.code_actions(doc.uri, doc.buffer, result, params.range, [str(k) for k in only] if only else None,
                                     versioned=ls.versioned_edits)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: NewslintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        doc = ls.open.get(params.text_document.uri)
        result = ls.result(doc) if doc is not None else None
        if doc is None or result is None:
            return None
        return features.hover(doc.buffer, result, params.position)

    return server


def serve(debounce: float = 0.15) -> int:
    """Serve one client over standard input and output until it exits; the exit code. pygls closes
    the stream it writes to on `exit`: it is given a copy of standard output, so that the command
    line's own last flush does not fail on a closed file."""
    server = create(debounce)
    stdout: BinaryIO
    try:
        stdout = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    except (AttributeError, OSError, ValueError):  # no file descriptor behind standard output
        stdout = sys.stdout.buffer
    server.start_io(sys.stdin.buffer, stdout)
    return server.exit_code
