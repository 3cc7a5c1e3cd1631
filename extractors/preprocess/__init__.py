"""Making a page image easy for Tesseract: each step a plain function on a grayscale numpy array
that gives back the new image and what it did (a short token for `Page.strategy`, "" when it left
the image alone, so a clean scan's strategy stays the bare engine description).

Order (see `extractors.readers.image.ocr_page`): find the page and undo the perspective -> even out the
light -> small-angle deskew -> upscale -> Otsu -> table rules painted out -> OCR with a psm for
the layout (OSD's turn only when that reading is not trusted) -> re-read ID-like tokens from the
grey page, all of them in one Tesseract run.
"""
