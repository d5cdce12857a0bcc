"""Word documents (.docx) into blocks. Not written yet: see the issue on Word and PDF."""

from __future__ import annotations

from ..errors import InputError


def read_docx(data: bytes, name: str):
    raise InputError("Word documents are not supported yet; save the document as HTML or text")


def read_ole(data: bytes, name: str, suffix: str):
    raise InputError("legacy Word (.doc) files are not read; save the document as .docx, or convert it with: libreoffice --headless --convert-to docx FILE")
