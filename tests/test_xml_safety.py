"""Hostile and broken input: drafter must refuse it in one clear line, never with a traceback,
never by reading a local file or reaching the network, and never by hanging or eating memory.

Every case runs twice: through ``parse_bytes`` / ``Bill.from_bytes`` (fast, in process) and
through the real command line, ``python -m drafter.cli info FILE``, in a subprocess with a
timeout so that a hang fails the test instead of hanging CI.
"""

from __future__ import annotations

import copy
import os
import re
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from drafter.core import xml as safe_xml
from drafter.core.akn import AKN_NS, akn
from drafter.core.bill import Bill
from drafter.core.xml import MAX_BYTES, XMLInputError, parse_bytes, parse_file, require_akn_root

SECRET = "drafter-test-secret-7f3a9c"
CLI_TIMEOUT = 60  # seconds; a hang fails the test rather than hanging CI
DECL = b'<?xml version="1.0" encoding="UTF-8"?>\n'
DTD_REFUSED = "refused: the document declares a DTD (<!DOCTYPE>)"


def minimal_bill(extra_prolog: str = "", body_extra: str = "", decl: bool = True) -> str:
    """A small bill that loads: a title and one clause."""
    return (
        ('<?xml version="1.0" encoding="UTF-8"?>\n' if decl else "")
        + extra_prolog
        + f'<akomaNtoso xmlns="{AKN_NS}">\n'
        + '  <bill name="ukpubb">\n'
        + "    <preface><p><docTitle>Safe Parsing Bill</docTitle></p></preface>\n"
        + "    <body>\n"
        + '      <section eId="sec_1"><num>1</num><heading>Purpose</heading>\n'
        + "        <content><p>This Act makes provision about parsing.</p></content>\n"
        + f"      </section>{body_extra}\n"
        + "    </body>\n"
        + "  </bill>\n"
        + "</akomaNtoso>\n"
    )


@dataclass(frozen=True)
class Env:
    """What a case may refer to: a directory of its own, a secret file, a listening port."""

    tmp: Path
    secret_file: Path
    port: int


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[Env], bytes]
    #: a part of the message drafter must print
    reason: str
    #: (line, column) drafter must print; None for "any"; place=None: no place at all
    place: tuple[int | None, int | None] | None
    #: which step refuses: "parse" (parse_bytes), "root" (require_akn_root), "bill" (Bill)
    stage: str = "parse"
    #: refused before libxml2 sees a byte
    before_parse: bool = False


def _laughs(_: Env) -> bytes:
    entities = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10)
    ).replace("&lol0;", "lol")
    return DECL + f"<!DOCTYPE lolz [\n{entities}]>\n<lolz>&lol9;</lolz>\n".encode()


def _quadratic(_: Env) -> bytes:
    big = "x" * 100_000
    return (
        DECL
        + f'<!DOCTYPE q [<!ENTITY a "{big}">]>\n'.encode()
        + f'<akomaNtoso xmlns="{AKN_NS}">{"&a;" * 100_000}</akomaNtoso>\n'.encode()
    )


def _deep(_: Env) -> bytes:
    n = 100_000
    return f'<akomaNtoso xmlns="{AKN_NS}">'.encode() + b"<p>\n" * n + b"</p>" * n + b"</akomaNtoso>"


def _binary(_: Env) -> bytes:
    return b"\x80" + os.urandom(50 * 1024 * 1024 - 1)


CASES = [
    Case(
        "xxe-etc-passwd",
        lambda e: (
            DECL
            + b'<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            + f'<akomaNtoso xmlns="{AKN_NS}"><bill><body>&x;</body></bill></akomaNtoso>'.encode()
        ),
        DTD_REFUSED,
        (2, 1),
        before_parse=True,
    ),
    Case(
        "xxe-secret-file",
        lambda e: (
            DECL
            + f'<!DOCTYPE a [<!ENTITY x SYSTEM "{e.secret_file.as_uri()}">]>\n'.encode()
            + f'<akomaNtoso xmlns="{AKN_NS}"><bill><body>&x;</body></bill></akomaNtoso>'.encode()
        ),
        DTD_REFUSED,
        (2, 1),
        before_parse=True,
    ),
    Case(
        "xxe-url-port-9",
        lambda e: (
            DECL
            + b'<!DOCTYPE a [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>\n'
            + f'<akomaNtoso xmlns="{AKN_NS}">&x;</akomaNtoso>'.encode()
        ),
        DTD_REFUSED,
        (2, 1),
        before_parse=True,
    ),
    Case(
        "xxe-url-listener",
        lambda e: (
            DECL
            + f'<!DOCTYPE a [<!ENTITY x SYSTEM "http://127.0.0.1:{e.port}/x">]>\n'.encode()
            + f'<akomaNtoso xmlns="{AKN_NS}">&x;</akomaNtoso>'.encode()
        ),
        DTD_REFUSED,
        (2, 1),
        before_parse=True,
    ),
    Case(
        "parameter-entity",
        lambda e: (
            DECL
            + b"<!DOCTYPE a [\n"
            + f'  <!ENTITY % p SYSTEM "http://127.0.0.1:{e.port}/evil.dtd">\n  %p;\n]>\n'.encode()
            + f'<akomaNtoso xmlns="{AKN_NS}"/>'.encode()
        ),
        DTD_REFUSED,
        (2, 1),
        before_parse=True,
    ),
    Case("billion-laughs", _laughs, DTD_REFUSED, (2, 1), before_parse=True),
    Case("quadratic-blowup", _quadratic, DTD_REFUSED, (2, 1), before_parse=True),
    Case(
        # A DTD after 100 KB of comment: a sniff of the first 64 KB alone would miss it.
        "doctype-after-long-comment",
        lambda e: (
            DECL
            + b"<!--"
            + b"padding " * 12_800
            + b"-->\n<?pi x?>\n"
            + b'<!DOCTYPE a [<!ENTITY e "expanded">]>\n'
            + f'<akomaNtoso xmlns="{AKN_NS}">&e;</akomaNtoso>'.encode()
        ),
        DTD_REFUSED,
        (4, 1),
        before_parse=True,
    ),
    Case(
        "doctype-lower-case",
        lambda e: DECL + b"<!doctype a>\n" + f'<akomaNtoso xmlns="{AKN_NS}"/>'.encode(),
        DTD_REFUSED,
        (2, 1),
        before_parse=True,
    ),
    Case(
        "unclosed-tag",
        lambda e: (
            DECL
            + f'<akomaNtoso xmlns="{AKN_NS}">\n  <bill>\n    <body>\n  </bill>\n'.encode()
            + b"</akomaNtoso>\n"
        ),
        "not well-formed XML: <body> (opened on line 4) is not closed before </bill>",
        (5, None),
    ),
    Case(
        "truncated",
        lambda e: minimal_bill().split("</p>")[0].encode(),
        "not well-formed XML: the file ends before <",
        (None, None),
    ),
    Case(
        "undefined-entity",
        lambda e: minimal_bill(body_extra="<p>caf&eacute;</p>").encode(),
        "undefined entity &eacute;",
        (8, None),
    ),
    Case(
        "invalid-utf8",
        lambda e: minimal_bill(body_extra="<p>caf\xe9</p>").encode("latin-1"),
        "not valid UTF-8 here",
        (8, None),
    ),
    Case(
        "nul-in-xml",
        lambda e: minimal_bill().encode().replace(b"parsing.", b"pars\x00ing."),
        "binary data (a NUL byte) in the XML",
        (7, None),
        before_parse=True,
    ),
    Case(
        "html-page",
        lambda e: (
            b"<!DOCTYPE html>\n<html><head><title>Bill</title></head>"
            b"<body><p>Clause 1<br></p></body></html>\n"
        ),
        "an HTML page (<!DOCTYPE html>), not an Akoma Ntoso XML document",
        (1, 1),
        before_parse=True,
    ),
    Case(
        "html-no-doctype",
        lambda e: b"\n<HTML><body><p>Clause 1<br></body></HTML>\n",
        "an HTML page (<html>), not an Akoma Ntoso XML document",
        (2, 1),
        before_parse=True,
    ),
    Case(
        "non-akn-root",
        lambda e: DECL + b"<root>\n  <child/>\n</root>\n",
        "not Akoma Ntoso: root element is <root>, expected <akomaNtoso>",
        (2, 1),
        stage="root",
    ),
    Case(
        "akn-wrong-namespace",
        lambda e: DECL + b'<akomaNtoso xmlns="http://www.akomantoso.org/2.0"><bill/></akomaNtoso>',
        "not Akoma Ntoso: root element is <akomaNtoso> in namespace http://www.akomantoso.org/2.0",
        (2, 1),
        stage="root",
    ),
    Case(
        "amendment-list-not-a-bill",
        lambda e: (
            DECL
            + f'<akomaNtoso xmlns="{AKN_NS}">\n  <amendmentList name="x">\n    <meta/>\n'.encode()
            + b"    <collectionBody/>\n  </amendmentList>\n</akomaNtoso>\n"
        ),
        "not a bill: <amendmentList> has no <body>",
        (3, 1),
        stage="bill",
    ),
    Case(
        "empty",
        lambda e: b"",
        "empty file: expected an Akoma Ntoso XML document",
        (1, 1),
        before_parse=True,
    ),
    Case(
        "whitespace-only",
        lambda e: b"  \n\t\r\n   \n",
        "the file holds only white space",
        (1, 1),
        before_parse=True,
    ),
    Case("binary-50mb", _binary, "binary data, not an XML document", (1, 1), before_parse=True),
    Case(
        "pdf",
        lambda e: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        "a PDF file, not an XML document",
        (1, 1),
        before_parse=True,
    ),
    Case(
        "utf16-bom",
        lambda e: minimal_bill().replace("UTF-8", "UTF-16").encode("utf-16"),
        "refused: the file is UTF-16-encoded; bill files must be UTF-8",
        (1, 1),
        before_parse=True,
    ),
    Case(
        "utf16-no-bom",
        lambda e: minimal_bill().replace("UTF-8", "UTF-16").encode("utf-16-le"),
        "refused: the file is UTF-16-encoded",
        (1, 1),
        before_parse=True,
    ),
    Case(
        # UTF-16 would hide a "<!DOCTYPE" from a byte-level check; it is refused outright.
        "utf16-hiding-doctype",
        lambda e: (
            '<?xml version="1.0" encoding="UTF-16"?>\n'
            f'<!DOCTYPE a [<!ENTITY x SYSTEM "{e.secret_file.as_uri()}">]>\n'
            f'<akomaNtoso xmlns="{AKN_NS}">&x;</akomaNtoso>'
        ).encode("utf-16"),
        "refused: the file is UTF-16-encoded",
        (1, 1),
        before_parse=True,
    ),
    Case(
        # UTF-7 would let "+ADw-!DOCTYPE" through a byte-level check; refused by its name.
        "utf7-declared",
        lambda e: (
            b'<?xml version="1.0" encoding="UTF-7"?>\n'
            b'+ADw-!DOCTYPE a +AFs-+ADw-!ENTITY x SYSTEM "file:///etc/passwd"+AD4-+AF0-+AD4-\n'
            b"<a>&x;</a>"
        ),
        'refused: the file declares encoding "UTF-7"; bill files must be UTF-8',
        (1, 31),
        before_parse=True,
    ),
    Case(
        "nesting-100000",
        _deep,
        f"refused: elements nested too deeply (over {safe_xml.MAX_DEPTH} levels)",
        (256, None),  # the parser stops at the limit; it does not read on to line 100,000
    ),
    Case(
        "huge-text-node",
        lambda e: (
            f'<akomaNtoso xmlns="{AKN_NS}"><bill><body><p>'.encode()
            + b"x" * 10_000_001
            + b"</p></body></bill></akomaNtoso>"
        ),
        "refused: a run of text longer than 10 MB",
        (1, None),
    ),
    Case(
        "xinclude",
        lambda e: minimal_bill(
            body_extra='\n<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
            'href="/etc/passwd" parse="text"/>'
        ).encode(),
        "refused: <xi:include> (XInclude); drafter never pulls other files into a bill",
        (9, 1),
    ),
    Case(
        "xinclude-secret-over-network",
        lambda e: minimal_bill(
            body_extra='\n<xi:include xmlns:xi="http://www.w3.org/2001/&#88;Include" '
            f'href="http://127.0.0.1:{e.port}/x" parse="text"><xi:fallback>'
            f'<xi:include href="{e.secret_file.as_uri()}" parse="text"/></xi:fallback>'
            "</xi:include>"
        ).encode(),
        "(XInclude)",
        (9, 1),
    ),
]

#: Inputs that must load, and still must not be processed beyond parsing.
LOADS = {
    "utf8-bom": lambda e: b"\xef\xbb\xbf" + minimal_bill().encode(),
    "no-declaration-bom": lambda e: b"\xef\xbb\xbf" + minimal_bill(decl=False).encode(),
    "latin-1-declared": lambda e: (
        minimal_bill(body_extra="<p>caf\xe9</p>").replace("UTF-8", "ISO-8859-1").encode("latin-1")
    ),
    "xml-stylesheet": lambda e: minimal_bill(
        extra_prolog=(
            '<?xml-stylesheet type="text/xsl" href="evil.xsl"?>\n'
            f'<?xml-stylesheet type="text/xsl" href="http://127.0.0.1:{e.port}/evil.xsl"?>\n'
        )
    ).encode(),
}

EVIL_XSL = """<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">STYLESHEET-APPLIED <xsl:value-of select="document('secret.txt')"/>
  </xsl:template>
</xsl:stylesheet>
"""


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A listening TCP socket on 127.0.0.1: any connection attempt lands in its backlog."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.setblocking(False)
    yield sock
    sock.close()


def assert_no_connection(sock: socket.socket) -> None:
    try:
        conn, peer = sock.accept()
    except BlockingIOError:
        return
    conn.close()
    pytest.fail(f"drafter opened a network connection (from {peer})")


@pytest.fixture
def env(tmp_path: Path, listener: socket.socket) -> Env:
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    (tmp_path / "evil.xsl").write_text(EVIL_XSL, encoding="utf-8")
    return Env(tmp_path, secret, listener.getsockname()[1])


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """drafter's command line in a process of its own; a hang raises TimeoutExpired."""
    return subprocess.run(
        [sys.executable, "-m", "drafter.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=CLI_TIMEOUT,
        check=False,
    )


def place_pattern(name: str, place: tuple[int | None, int | None] | None) -> str:
    """The start of drafter's message for file ``name``: ``name:LINE:COL: ``."""
    if place is None:
        return re.escape(name) + ": "
    line, col = place
    return (
        re.escape(name)
        + f":{line if line is not None else '[1-9][0-9]*'}"
        + f":{col if col is not None else '[1-9][0-9]*'}: "
    )


def assert_refused(
    proc: subprocess.CompletedProcess[str],
    name: str,
    reason: str,
    place: tuple[int | None, int | None] | None,
) -> str:
    """Exit status 2, nothing on stdout, exactly one line on stderr naming the file and place."""
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    (line,) = lines
    assert re.match("drafter: " + place_pattern(name, place), line), line
    assert reason in line, line
    return line


def load_stage(case: Case, data: bytes, name: str) -> None:
    """Run the step that must refuse this case (and the steps before it)."""
    tree = parse_bytes(data, name)
    if case.stage in ("root", "bill"):
        require_akn_root(tree, name)
    if case.stage == "bill":
        Bill.from_bytes(data, name)


# --- the cases, in process ----------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_parse_bytes_refuses(case: Case, env: Env, listener: socket.socket) -> None:
    data = case.build(env)
    name = f"bills/{case.id}.xml"
    with pytest.raises(XMLInputError) as caught:
        load_stage(case, data, name)
    err = caught.value
    message = str(err)
    assert "\n" not in message
    assert err.path == name
    assert re.match(place_pattern(name, case.place), message), message
    assert case.reason in err.reason, message
    assert SECRET not in message
    if case.place is not None:
        line, col = case.place
        assert line is None or err.line == line
        assert col is None or err.column == col
    assert_no_connection(listener)


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.before_parse], ids=[c.id for c in CASES if c.before_parse]
)
def test_refused_before_libxml2_sees_it(
    case: Case, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DTDs, wide encodings, binary, empty and HTML are refused by the sniff alone."""

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("libxml2 was asked to parse a file the sniff should refuse")

    monkeypatch.setattr(etree, "fromstring", no_parsing)
    with pytest.raises(XMLInputError, match=re.escape(case.reason)):
        parse_bytes(case.build(env), "x.xml")


@pytest.mark.parametrize("key", sorted(LOADS))
def test_harmless_variants_load(key: str, env: Env, listener: socket.socket) -> None:
    bill = Bill.from_bytes(LOADS[key](env), f"{key}.xml")
    assert bill.find("Clause 1").eid == "sec_1"
    serialised = etree.tostring(bill.tree, encoding="unicode")
    assert "STYLESHEET-APPLIED" not in serialised
    assert SECRET not in serialised
    assert_no_connection(listener)


def test_latin_1_text_is_decoded(env: Env) -> None:
    bill = Bill.from_bytes(LOADS["latin-1-declared"](env), "latin.xml")
    assert "café" in etree.tostring(bill.tree, encoding="unicode")


def test_stylesheet_processing_instruction_is_kept_not_applied(env: Env) -> None:
    tree = parse_bytes(LOADS["xml-stylesheet"](env), "x.xml")
    pis = [
        n
        for n in tree.getroot().itersiblings(preceding=True)
        if isinstance(n, etree._ProcessingInstruction)
    ]
    assert [pi.target for pi in pis] == ["xml-stylesheet", "xml-stylesheet"]
    assert tree.getroot().tag == akn("akomaNtoso")


def test_nesting_just_inside_the_limit_loads() -> None:
    depth = safe_xml.MAX_DEPTH - 6  # akomaNtoso/bill/body/section/content/p, then spans
    inner = "<span>" * depth + "deep" + "</span>" * depth
    bill = Bill.from_bytes(minimal_bill(body_extra=f"<p>{inner}</p>").encode(), "deep.xml")
    assert bill.find("Clause 1").eid == "sec_1"


def test_nesting_one_over_the_limit_is_refused() -> None:
    n = safe_xml.MAX_DEPTH + 1
    with pytest.raises(XMLInputError, match="nested too deeply"):
        parse_bytes(b"<a>" * n + b"</a>" * n, "x.xml")
    n = safe_xml.MAX_DEPTH
    assert parse_bytes(b"<a>" * n + b"</a>" * n, "x.xml").getroot().tag == "a"


def test_undeclared_but_char_referenced_xinclude_namespace_is_caught(env: Env) -> None:
    data = LOADS["utf8-bom"](env).replace(
        b"</section>",
        b'</section><x:include xmlns:x="http://www.w3.org/2003/&#88;Include" href="a"/>',
    )
    with pytest.raises(XMLInputError, match=r"XInclude"):
        parse_bytes(data, "x.xml")


def test_dtd_is_refused_even_if_the_prolog_scan_missed_it(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defence in depth: the tree is checked for a DTD after parsing, too."""
    monkeypatch.setattr(safe_xml, "_check_prolog", lambda *args: None)
    case = next(c for c in CASES if c.id == "xxe-secret-file")
    with pytest.raises(XMLInputError, match=re.escape(DTD_REFUSED)) as caught:
        parse_bytes(case.build(env), "x.xml")
    assert SECRET not in str(caught.value)


def test_parse_bytes_refuses_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safe_xml, "MAX_BYTES", 1000)
    with pytest.raises(XMLInputError, match="refused: the file is 0 MB; drafter reads bill files"):
        parse_bytes(b"<a>" + b"x" * 1000 + b"</a>", "x.xml")


def test_bom_contradicting_declared_encoding() -> None:
    data = b"\xef\xbb\xbf" + minimal_bill().replace("UTF-8", "ISO-8859-1").encode()
    with pytest.raises(XMLInputError, match="byte-order mark but declares encoding"):
        parse_bytes(data, "x.xml")


# --- files that cannot be read ------------------------------------------------------------------


def test_parse_file_nonexistent(tmp_path: Path) -> None:
    with pytest.raises(XMLInputError) as caught:
        parse_file(tmp_path / "missing.xml")
    assert str(caught.value) == f"{tmp_path / 'missing.xml'}: no such file"


def test_parse_file_directory(tmp_path: Path) -> None:
    with pytest.raises(XMLInputError) as caught:
        parse_file(tmp_path)
    assert str(caught.value) == f"{tmp_path}: is a directory, not an XML file"


def test_parse_file_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs as root too: the refusal to open is simulated."""
    target = tmp_path / "locked.xml"
    target.write_text(minimal_bill(), encoding="utf-8")
    real_open = os.open

    def denying_open(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denying_open)
    with pytest.raises(XMLInputError) as caught:
        parse_file(target)
    assert str(caught.value) == f"{target}: permission denied: drafter cannot read this file"


def test_parse_file_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop.xml"
    loop.symlink_to(loop)
    with pytest.raises(XMLInputError, match=r"loop\.xml: cannot open: "):
        parse_file(loop)


def test_parse_file_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    with pytest.raises(XMLInputError, match="not a regular file"):
        parse_file(fifo)


def test_parse_file_device() -> None:
    with pytest.raises(XMLInputError, match="not a regular file"):
        parse_file("/dev/zero")


def test_parse_file_too_large_is_refused_without_reading(tmp_path: Path) -> None:
    sparse = tmp_path / "huge.xml"
    with sparse.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no disk used, nothing read
    with pytest.raises(XMLInputError) as caught:
        parse_file(sparse)
    assert str(caught.value) == (
        f"{sparse}: refused: the file is 256 MB; drafter reads bill files of up to 256 MB"
    )


def test_message_is_one_line_whatever_the_file_name() -> None:
    err = XMLInputError("bills/odd\nname\x1b[31m.xml", "not well-formed XML: a\nb", 3, 4)
    assert str(err) == r"bills/odd\x0aname\x1b[31m.xml:3:4: not well-formed XML: a b"


# --- the same cases through the real command line -------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_cli_refuses(case: Case, env: Env, listener: socket.socket) -> None:
    name = f"{case.id}.xml"
    (env.tmp / name).write_bytes(case.build(env))
    proc = run_cli("info", name, cwd=env.tmp)
    assert_refused(proc, name, case.reason, case.place)
    assert SECRET not in proc.stderr + proc.stdout
    assert "root:x:0:0" not in proc.stderr + proc.stdout
    assert_no_connection(listener)


@pytest.mark.parametrize("key", sorted(LOADS))
def test_cli_loads_harmless_variants(key: str, env: Env, listener: socket.socket) -> None:
    name = f"{key}.xml"
    (env.tmp / name).write_bytes(LOADS[key](env))
    proc = run_cli("info", name, cwd=env.tmp)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "Safe Parsing Bill" in proc.stdout
    assert "STYLESHEET-APPLIED" not in proc.stdout
    assert SECRET not in proc.stdout
    assert_no_connection(listener)


def test_cli_nonexistent(tmp_path: Path) -> None:
    proc = run_cli("info", "missing.xml", cwd=tmp_path)
    assert assert_refused(proc, "missing.xml", "no such file", None) == (
        "drafter: missing.xml: no such file"
    )


def test_cli_directory(tmp_path: Path) -> None:
    (tmp_path / "bills").mkdir()
    proc = run_cli("info", "bills", cwd=tmp_path)
    assert_refused(proc, "bills", "is a directory, not an XML file", None)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root can read any file; see test_parse_file_permission_denied",
)
def test_cli_permission_denied(tmp_path: Path) -> None:
    locked = tmp_path / "locked.xml"
    locked.write_text(minimal_bill(), encoding="utf-8")
    locked.chmod(0)
    try:
        proc = run_cli("info", "locked.xml", cwd=tmp_path)
    finally:
        locked.chmod(0o600)
    assert_refused(proc, "locked.xml", "permission denied", None)


def test_cli_permission_denied_simulated(tmp_path: Path) -> None:
    """The real command line, with the operating system refusing to open the file (so that it
    runs as root too, where chmod 0 does not stop a read)."""
    (tmp_path / "locked.xml").write_text(minimal_bill(), encoding="utf-8")
    wrapper = (
        "import os, runpy, sys\n"
        "real_open = os.open\n"
        "def denying_open(path, *args, **kwargs):\n"
        "    if os.path.basename(os.fspath(path)) == 'locked.xml':\n"
        "        raise PermissionError(13, 'Permission denied', os.fspath(path))\n"
        "    return real_open(path, *args, **kwargs)\n"
        "os.open = denying_open\n"
        "sys.argv = ['drafter', 'info', 'locked.xml']\n"
        "runpy.run_module('drafter.cli', run_name='__main__')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", wrapper],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        check=False,
    )
    assert_refused(proc, "locked.xml", "permission denied: drafter cannot read this file", None)


def test_cli_device_does_not_hang(tmp_path: Path) -> None:
    proc = run_cli("info", "/dev/zero", cwd=tmp_path)
    assert_refused(proc, "/dev/zero", "not a regular file", None)


def test_cli_file_name_with_newline(tmp_path: Path) -> None:
    (tmp_path / "two\nlines.xml").write_bytes(b"")
    proc = run_cli("info", "two\nlines.xml", cwd=tmp_path)
    assert_refused(proc, r"two\x0alines.xml", "empty file", (1, 1))


# --- a genuinely large bill still loads -------------------------------------------------------


@pytest.mark.slow
def test_large_bill_loads(shared_data: Path, tmp_path: Path) -> None:
    """Ten copies of a real bill's body in one body (~30 MB): it loads and the print scales.

    Each copy's ``<?L page-line?>`` markers are moved on by the original's page count, so the
    print has ten times the lines (duplicate eIds are fine for loading)."""
    source = shared_data / "bills" / "renters-rights-bill-hc127.xml"
    original = Bill.load(source)
    pages, lines = original.print.pages, len(original.print.lines)

    tree = parse_file(source)
    body = tree.getroot().find(f".//{akn('body')}")
    assert body is not None
    children = list(body)
    for copy_number in range(1, 10):
        for child in children:
            twin = copy.deepcopy(child)
            for pi in twin.iter(etree.ProcessingInstruction):
                if pi.target == "L":  # type: ignore[union-attr]
                    page, line = str(pi.text).split("-")
                    pi.text = f"{int(page) + copy_number * pages}-{line}"
            body.append(twin)
    big = tmp_path / "big.xml"
    big.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    assert big.stat().st_size > 25 * 1024 * 1024

    bill = Bill.load(big)
    printed = bill.print
    assert len(bill.clauses) == 10 * len(original.clauses)
    assert printed.pages == 10 * pages
    assert len(printed.lines) == 10 * lines  # every printed line of this bill is in its body
