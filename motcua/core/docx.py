"""Word documents in the official layout (Decree 30/2020: Times New Roman 13, A4): the page set
up and one paragraph helper, shared by every export written with python-docx."""

from typing import Any

from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Times New Roman"


def set_up(
    document: Any,
    *,
    landscape: bool = False,
    left_margin_cm: float = 3.0,
    compact: bool = False,
) -> None:
    """Times New Roman 13 for every script, A4 (landscape if asked), 2 cm top and bottom,
    1.5 cm right; `compact`: no space after paragraphs."""
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    # East-Asian text must use the same font, or Word falls back for Vietnamese letters.
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    if compact:
        style.paragraph_format.space_after = Pt(0)
    for section in document.sections:
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21)
        else:
            section.page_height, section.page_width = Cm(29.7), Cm(21)
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin, section.right_margin = Cm(left_margin_cm), Cm(1.5)


def paragraph(
    target: Any,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
    align: Any = None,
) -> Any:
    """A paragraph in a document or a table cell (a cell's own empty first paragraph first)."""
    paragraphs = getattr(target, "paragraphs", [])
    if hasattr(target, "vertical_alignment") and len(paragraphs) == 1 and not paragraphs[0].text:
        added = paragraphs[0]
    else:
        added = target.add_paragraph()
    run = added.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if size:
        run.font.size = Pt(size)
    if align is not None:
        added.alignment = align
    added.paragraph_format.space_after = Pt(0)
    return added
