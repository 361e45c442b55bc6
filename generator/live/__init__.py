"""Live servers: create a scratch database, apply statements, read the catalog back.

`connect` finds and opens servers, `apply` runs statements, `introspect` reads a catalog
into the same model `resolve` gives for the spec, and `verify` ties them together for the
`schemagen verify` command. What each server's catalog reports differently is data in
`quirks`; every normalization is listed in docs/normalization.md.
"""
