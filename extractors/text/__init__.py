"""Words and names: dates, OCR-tolerant matching, certificate-number spotting, the issuer and ingredient vocabularies."""
