"""Minimal hand-made PDFs (objects, xref, trailer) for the hostile-input tests."""

from __future__ import annotations

import zlib


def pdf(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (object 1 is the catalog), numbered from 1, with a correct xref."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", flate: bool = False) -> bytes:
    if flate:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page(content: bytes, resources: bytes = b"<< /Font << /F1 4 0 R >> >>",
             more: list[bytes] | None = None) -> bytes:
    """Catalog, pages, one page with ``content`` (object 5), Helvetica as F1, then ``more``."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources "
        + resources + b" >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        content,
        *(more or []),
    ])


def flate_bomb(size: int) -> bytes:
    """A page whose content stream inflates to ``size`` bytes of spaces."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [comp.compress(chunk) for _ in range(size >> 20)]
    parts.append(comp.compress(b" " * (size & ((1 << 20) - 1))) + comp.flush())
    data = b"".join(parts)
    return one_page(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")


def nested_forms(depth: int, fanout: int = 10) -> bytes:
    """Form k draws form k+1 ``fanout`` times; the deepest shows a word: fanout**depth words."""
    first = 6  # object number of form 0 (after the five of one_page)
    forms = []
    for k in range(depth):
        last = k == depth - 1
        # every content stream ends in whitespace: pdfminer before 2024 drops a last operator
        # that runs into the end of the stream
        body = b"BT /F1 12 Tf 10 10 Td (word) Tj ET\n" if last else b" ".join([b"/X Do"] * fanout) + b"\n"
        res = b"<< /Font << /F1 4 0 R >> >>" if last else b"<< /XObject << /X %d 0 R >> >>" % (first + k + 1)
        forms.append(stream(body, b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources " + res))
    return one_page(stream(b"/X Do\n"), b"<< /XObject << /X %d 0 R >> >>" % first, forms)
