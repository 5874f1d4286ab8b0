"""Format writers: each draws a layout tree (``cvgen.doc``) into one file format."""
