"""PDF documents into blocks. Not written yet: see the issue on Word and PDF."""

from __future__ import annotations

from ..errors import InputError


def read_pdf(data: bytes, name: str):
    raise InputError("PDF documents are not supported yet; convert the document to text or HTML")
