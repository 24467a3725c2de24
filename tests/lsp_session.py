"""A real LSP client (pygls) talking to `python -m newslint server` over stdio, for the tests and the
benchmark: it opens and edits buffers, keeps what the server publishes and answers its requests."""
from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any, Awaitable, Callable, TypeVar

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


class Session:
    """One server process and the client attached to it (an async context manager)."""

    def __init__(self, workspace: Path, encodings: list[str] | None = None, debounce_ms: int = 10,
                 watch: bool = True, python: tuple[str, ...] = (sys.executable,),
                 document_changes: bool = False) -> None:
        self.workspace = workspace
        self.encodings = encodings
        self.debounce_ms = debounce_ms
        self.watch = watch
        self.document_changes = document_changes  # the client takes versioned workspace edits
        self.python = python  # how to start Python (e.g. under a profiler)
        self.client = LanguageClient("newslint-tests", "1")
        self.published: dict[str, list[lsp.PublishDiagnosticsParams]] = {}
        self.messages: list[lsp.ShowMessageParams] = []
        self.registrations: list[lsp.Registration] = []
        self.stderr = bytearray()
        self.versions: dict[str, int] = {}
        self.encoding = "utf-16"
        self._changed = asyncio.Condition()
        self._register()

    def _register(self) -> None:
        client = self.client

        @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        async def publish(params: lsp.PublishDiagnosticsParams) -> None:
            async with self._changed:
                self.published.setdefault(params.uri, []).append(params)
                self._changed.notify_all()

        @client.feature(lsp.WINDOW_SHOW_MESSAGE)
        async def show(params: lsp.ShowMessageParams) -> None:
            async with self._changed:
                self.messages.append(params)
                self._changed.notify_all()

        @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
        async def register(params: lsp.RegistrationParams) -> None:
            async with self._changed:
                self.registrations.extend(params.registrations)
                self._changed.notify_all()

        @client.feature(lsp.WINDOW_LOG_MESSAGE)
        def log(params: lsp.LogMessageParams) -> None:
            return None

    async def __aenter__(self) -> Session:  # noqa: PYI034 - not subclassed
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        await self.client.start_io(*self.python, "-m", "newslint", "server", "--debounce", str(self.debounce_ms),
                                   cwd=str(self.workspace), env=env)
        server = self.client._server
        assert server is not None and server.stderr is not None
        self._drain = asyncio.create_task(self._read_stderr(server.stderr))
        general = lsp.GeneralClientCapabilities(position_encodings=self.encodings) if self.encodings else None
        capabilities = lsp.ClientCapabilities(
            general=general,
            workspace=lsp.WorkspaceClientCapabilities(
                did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(dynamic_registration=self.watch),
                workspace_edit=lsp.WorkspaceEditClientCapabilities(document_changes=self.document_changes)),
            text_document=lsp.TextDocumentClientCapabilities(
                publish_diagnostics=lsp.PublishDiagnosticsClientCapabilities(version_support=True)),
        )
        try:
            result = await asyncio.wait_for(self.client.initialize_async(lsp.InitializeParams(
                capabilities=capabilities, process_id=os.getpid(), root_uri=self.workspace.as_uri(),
                workspace_folders=[lsp.WorkspaceFolder(uri=self.workspace.as_uri(), name="work")])), 60)
        except Exception as exc:  # noqa: BLE001 - any failure: shown with the server's error output
            await asyncio.sleep(0.2)
            raise AssertionError(f"initialize failed: {exc}\n{self.stderr.decode(errors='replace')}") from None
        self.capabilities = result.capabilities
        self.encoding = str(result.capabilities.position_encoding or "utf-16")
        self.client.initialized(lsp.InitializedParams())
        return self

    async def _read_stderr(self, stream: asyncio.StreamReader) -> None:
        while chunk := await stream.read(65536):
            self.stderr += chunk

    async def __aexit__(self, *exc: object) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), 10)
            self.client.exit(None)
            await asyncio.wait_for(self.client.stop(), 10)
        finally:
            server = self.client._server
            if server is not None and server.returncode is None:
                server.kill()
                await server.wait()
            self._drain.cancel()

    # ------------------------------------------------------------------ documents
    def uri(self, name: str) -> str:
        return (self.workspace / name).as_uri()

    def open(self, uri: str, text: str, language: str = "markdown") -> None:
        self.versions[uri] = 1
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))

    def change(self, uri: str, changes: list[lsp.TextDocumentContentChangeEvent]) -> int:
        self.versions[uri] += 1
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]), changes))
        return self.versions[uri]

    def replace_all(self, uri: str, text: str) -> int:
        return self.change(uri, [lsp.TextDocumentContentChangeWholeDocument(text=text)])

    def save(self, uri: str) -> None:
        self.client.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(uri=uri)))

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri=uri)))

    def files_changed(self, *paths: Path) -> None:
        self.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent(uri=p.as_uri(), type=lsp.FileChangeType.Changed) for p in paths]))

    # ------------------------------------------------------------------ waiting
    async def until(self, check: Callable[[], T | None], timeout: float = 30) -> T:
        async def wait() -> T:
            async with self._changed:
                while (value := check()) is None:
                    await self._changed.wait()
                return value
        try:
            return await asyncio.wait_for(wait(), timeout)
        except asyncio.TimeoutError:
            raise AssertionError(f"timed out; server stderr:\n{self.stderr.decode(errors='replace')}") from None

    async def diagnostics(self, uri: str, version: int | None = None, after: int = 0,
                          timeout: float = 30) -> list[lsp.Diagnostic]:
        """The diagnostics the server publishes for `uri` (for `version`, if given), waiting for
        the first publication past the `after`-th."""
        def found() -> list[lsp.Diagnostic] | None:
            for params in self.published.get(uri, [])[after:]:
                if version is None or params.version == version:
                    return list(params.diagnostics)
            return None
        return await self.until(found, timeout)

    def count(self, uri: str) -> int:
        return len(self.published.get(uri, []))

    async def code_actions(self, uri: str, range_: lsp.Range, only: list[str] | None = None) -> list[lsp.CodeAction]:
        result = await asyncio.wait_for(self.client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), range=range_,
            context=lsp.CodeActionContext(diagnostics=[], only=only))), 30)
        return [a for a in result or [] if isinstance(a, lsp.CodeAction)]

    async def hover(self, uri: str, line: int, character: int) -> lsp.Hover | None:
        return await asyncio.wait_for(self.client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line, character))), 30)


def run(scenario: Callable[[], Awaitable[T]], timeout: float = 120) -> T:
    """Run an async scenario to the end (the tests are plain functions)."""
    return asyncio.run(asyncio.wait_for(scenario(), timeout))


def units(s: str, encoding: str = "utf-16") -> int:
    """The length of `s` in the code units of an LSP position encoding."""
    if encoding == "utf-8":
        return len(s.encode("utf-8"))
    return len(s) + (sum(1 for ch in s if ord(ch) > 0xFFFF) if encoding == "utf-16" else 0)


def apply_edits(text: str, edits: list[lsp.TextEdit], encoding: str = "utf-16") -> str:
    """Apply text edits as an editor does (positions in `encoding` units; lines end at LF here)."""
    lines = text.split("\n")

    def offset(pos: lsp.Position) -> int:
        base = sum(len(line) + 1 for line in lines[:pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        for i in range(len(line) + 1):
            if units(line[:i], encoding) >= pos.character:
                return base + i
        return base + len(line)
    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def as_changes(text: str, edits: list[lsp.TextEdit]) -> list[Any]:
    """Edits as didChange content changes, last first (so earlier positions stay valid)."""
    ordered = sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True)
    return [lsp.TextDocumentContentChangePartial(range=e.range, text=e.new_text) for e in ordered]


HOUSE_RULE = """\
kind: substitution
safe: true
severity: warning
message: "Use '{replacement}', not '{match}'."
swap:
  towards: toward
"""


def house_rule(root: Path, name: str) -> Path:
    """A house rule plain.NAME (a safe swap of 'towards') in `root`, and the config that loads it."""
    (root / "house" / "plain").mkdir(parents=True)
    rule = root / "house" / "plain" / f"{name}.yaml"
    rule.write_text(HOUSE_RULE, encoding="utf-8")
    (root / ".newslint.yaml").write_text("rules: [house]\n", encoding="utf-8")
    return rule
