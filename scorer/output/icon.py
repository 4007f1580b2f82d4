"""The tool's icon (a tick on a seal-red square), as an SVG data URI: the web page and the
offline dashboard show it as their favicon without loading anything."""

from __future__ import annotations

from urllib.parse import quote

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
       '<rect width="32" height="32" rx="6" fill="#b3261e"/>'
       '<path d="M8 16.5l5.5 5.5L24.5 10" fill="none" stroke="#fff" stroke-width="4" '
       'stroke-linecap="round" stroke-linejoin="round"/></svg>')
DATA_URI = "data:image/svg+xml," + quote(SVG, safe=" =:/\"'")
