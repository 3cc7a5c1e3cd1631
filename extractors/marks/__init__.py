"""Marks that make a document binding: digital signatures, red seals, pen ink, stamp pictures in DOCX."""
