"""Local web page for bureau staff: upload or paste a report, see the gaps, download the results.

``scorer serve`` runs it on the loopback interface; see docs/web.md. Importing this package does
not import FastAPI (the CLI registers ``serve`` without slowing ``scorer check``).
"""
