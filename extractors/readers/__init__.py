"""Readers: one file in, pages of text with word boxes out (PDF, DOCX, e-mail, images through Tesseract), cached by content."""
