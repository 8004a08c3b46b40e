"""What the HTML page and its inline SVG pictures share: text escaped for markup."""

from __future__ import annotations

import html


def esc(text: object) -> str:
    """User text made inert in HTML and SVG, inside elements and quoted attributes."""
    return html.escape(str(text), quote=True)
