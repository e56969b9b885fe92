"""Complete WeasyPrint's PDF tagging where it stops short of PDF/UA: header cells get a /Scope."""

from __future__ import annotations

import logging
from pathlib import Path

# pikepdf announces its logger bridge at INFO level while it is imported: not news for someone
# building handbooks, so its logger is quieted first.
logging.getLogger("pikepdf").setLevel(logging.WARNING)

import pikepdf  # noqa: E402 - after quieting its logger

# WeasyPrint (70) links data cells to their headers with /Headers, but writes no /Scope on the
# header cells themselves, so a checker cannot tell a column header from a row header.


def add_header_scopes(path: Path) -> None:
    """Give every /TH of a tagged PDF a /Scope: Column in a table head, Row elsewhere."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return
        changed = _scope_cells(root, parent_role=None, grandparent_role=None)
        if changed:
            # A fixed /ID and no fresh timestamps: identical inputs still give identical files.
            pdf.save(path, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)


def _scope_cells(node: pikepdf.Object, *, parent_role: str | None, grandparent_role: str | None) -> int:
    changed = 0
    role = str(node.get("/S", "")) if isinstance(node, pikepdf.Dictionary) else ""
    if role == "/TH":
        attributes = node.get("/A")
        if not isinstance(attributes, pikepdf.Dictionary):
            attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
            node.A = attributes
        if "/Scope" not in attributes:
            attributes.Scope = pikepdf.Name.Column if grandparent_role == "/THead" else pikepdf.Name.Row
            changed += 1
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    if kids is None:
        return changed
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            changed += _scope_cells(kid, parent_role=role, grandparent_role=parent_role)
    return changed
