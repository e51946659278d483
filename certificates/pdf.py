"""The printable certificate: one A4 landscape page drawn with reportlab (no network, no browser)."""

from __future__ import annotations

import io
import logging

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from core.formatting import NBSP, NNBSP, date_display, hours_display, percent_display

from .models import Certificate, IssuerSettings

logger = logging.getLogger(__name__)

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 18 * mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN - 20 * mm
SERIF, SERIF_BOLD, SERIF_ITALIC, SANS = "Times-Roman", "Times-Bold", "Times-Italic", "Helvetica"
INK = colors.HexColor("#1f2a44")
ACCENT = colors.HexColor("#8a5a00")
REVOKED = colors.HexColor("#b00020")


def printable(text: str) -> str:
    """The text in characters the PDF's built-in fonts can draw.

    Times and Helvetica (WinAnsi encoding) have no narrow no-break space (U+202F, « 66 % »): it
    would print as a black box. A no-break space keeps the words together just the same.
    """
    return text.replace(NNBSP, NBSP)


def fitted_font_size(text: str, *, font: str, max_size: float, min_size: float, width: float) -> float:
    """The largest size (down to min_size) at which the text fits on one line of the given width."""
    size = max_size
    while size > min_size and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _draw_centred_fitted(canvas: Canvas, text: str, *, y: float, font: str, max_size: float, min_size: float) -> float:
    """Draw text centred, shrunk to fit; below min_size it wraps onto several lines. Returns the next baseline."""
    text = printable(text)
    size = fitted_font_size(text, font=font, max_size=max_size, min_size=min_size, width=TEXT_WIDTH)
    lines = simpleSplit(text, font, size, TEXT_WIDTH) if stringWidth(text, font, size) > TEXT_WIDTH else [text]
    canvas.setFont(font, size)
    for line in lines:
        canvas.drawCentredString(PAGE_WIDTH / 2, y, line)
        y -= size * 1.2
    return y


def _image_reader(image) -> ImageReader | None:
    """A Wagtail image's original file for reportlab, or None if it is missing or unreadable."""
    if image is None:
        return None
    try:
        with image.file.open("rb") as handle:
            return ImageReader(io.BytesIO(handle.read()))
    except (OSError, ValueError):
        logger.warning("Image %s could not be read for a certificate", image.pk)
        return None


def _draw_image(canvas: Canvas, reader: ImageReader, *, x: float, y: float, max_w: float, max_h: float, anchor: str):
    width, height = reader.getSize()
    scale = min(max_w / width, max_h / height)
    canvas.drawImage(reader, x, y, width * scale, height * scale, mask="auto", anchor=anchor, preserveAspectRatio=True)


def _draw_qr(canvas: Canvas, value: str, *, x: float, y: float, size: float) -> None:
    widget = QrCodeWidget(value, barLevel="M", barBorder=0)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def certificate_pdf_render(*, certificate: Certificate, issuer: IssuerSettings) -> bytes:
    """Draw the certificate in the site's default language (French) and return the PDF bytes."""
    with translation.override(settings.LANGUAGE_CODE):
        return _render(certificate, issuer)


def _render(certificate: Certificate, issuer: IssuerSettings) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    title = _("Certificate of completion")
    canvas.setTitle(f"{title} – {certificate.course_title}")
    canvas.setAuthor(certificate.issuer_name)
    canvas.setSubject(certificate.learner_name)
    canvas.setCreator("Lumière")

    # Frame.
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(2)
    canvas.rect(MARGIN / 2, MARGIN / 2, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN)
    canvas.setLineWidth(0.5)
    canvas.rect(MARGIN / 2 + 4, MARGIN / 2 + 4, PAGE_WIDTH - MARGIN - 8, PAGE_HEIGHT - MARGIN - 8)

    # Organisation.
    top = PAGE_HEIGHT - MARGIN - 4 * mm
    logo = _image_reader(issuer.logo)
    if logo is not None:
        _draw_image(canvas, logo, x=PAGE_WIDTH / 2, y=top - 22 * mm, max_w=70 * mm, max_h=22 * mm, anchor="n")
        top -= 24 * mm
    else:
        top -= 10 * mm
    canvas.setFillColor(INK)
    canvas.setFont(SANS, 11)
    canvas.drawCentredString(PAGE_WIDTH / 2, top - 6 * mm, certificate.issuer_name.upper())

    # Title and body.
    canvas.setFillColor(ACCENT)
    canvas.setFont(SERIF_BOLD, 32)
    canvas.drawCentredString(PAGE_WIDTH / 2, top - 22 * mm, title)
    canvas.setFillColor(INK)
    canvas.setFont(SERIF_ITALIC, 14)
    canvas.drawCentredString(PAGE_WIDTH / 2, top - 34 * mm, _("This certifies that"))
    y = _draw_centred_fitted(
        canvas, certificate.learner_name, y=top - 50 * mm, font=SERIF_BOLD, max_size=34, min_size=14
    )
    canvas.setFont(SERIF_ITALIC, 14)
    canvas.drawCentredString(PAGE_WIDTH / 2, y - 4 * mm, _("has successfully completed the course"))
    y = _draw_centred_fitted(
        canvas,
        _("“%(title)s”") % {"title": certificate.course_title},
        y=y - 16 * mm,
        font=SERIF_BOLD,
        max_size=22,
        min_size=12,
    )
    details = _("on %(date)s · %(hours)s of training") % {
        "date": date_display(certificate.completed_on),
        "hours": hours_display(certificate.hours),
    }
    percent = certificate.score_percent
    if percent is not None:
        details += " · " + _("score: %(percent)s") % {"percent": percent_display(percent, max_decimals=0)}
    canvas.setFont(SERIF, 13)
    canvas.drawCentredString(PAGE_WIDTH / 2, y - 4 * mm, printable(details))

    # Verification: QR code and printed address, bottom left.
    qr_size = 30 * mm
    base_x, base_y = MARGIN + 4 * mm, MARGIN + 4 * mm
    _draw_qr(canvas, certificate.verification_url, x=base_x, y=base_y + 8 * mm, size=qr_size)
    canvas.setFont(SANS, 8)
    canvas.drawString(base_x, base_y + 3 * mm, _("Check this certificate:"))
    url_size = fitted_font_size(
        certificate.verification_url, font=SANS, max_size=8, min_size=5, width=PAGE_WIDTH / 2 - base_x
    )
    canvas.setFont(SANS, url_size)
    canvas.drawString(base_x, base_y - 1 * mm, certificate.verification_url)

    # Signatory, bottom right.
    right = PAGE_WIDTH - MARGIN - 6 * mm
    signature = _image_reader(issuer.signature)
    if signature is not None:
        _draw_image(canvas, signature, x=right, y=base_y + 14 * mm, max_w=55 * mm, max_h=18 * mm, anchor="se")
    canvas.setStrokeColor(INK)
    canvas.line(right - 65 * mm, base_y + 13 * mm, right, base_y + 13 * mm)
    canvas.setFont(SERIF_BOLD, 11)
    canvas.drawRightString(right, base_y + 8 * mm, certificate.signatory_name or certificate.issuer_name)
    if certificate.signatory_title:
        canvas.setFont(SERIF, 10)
        canvas.drawRightString(right, base_y + 3 * mm, certificate.signatory_title)

    if certificate.revoked_at is not None:  # is_revoked, spelled so the type checker sees the date
        canvas.saveState()
        canvas.setFillColor(REVOKED)
        canvas.setFont(SANS, 14)
        notice = _("REVOKED on %(date)s") % {"date": date_display(certificate.revoked_at)}
        canvas.drawCentredString(PAGE_WIDTH / 2, y - 16 * mm, printable(notice))
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canvas.rotate(20)
        canvas.setFillAlpha(0.25)
        canvas.setFont(SANS, 90)
        canvas.drawCentredString(0, 0, _("REVOKED"))
        canvas.restoreState()

    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
