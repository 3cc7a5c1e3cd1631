"""What the figures are printed beside: the targets from the briefs, and the order of the rendition tiers."""

# Targets from the brief; text sources map onto the tiers they are measured against.
KIND_TARGET, FINDING_TARGET = 0.99, 0.97
FIELD_TARGETS = {"pdf_text": 0.99, "docx": 0.99, "email": 0.99, "plain": 0.99,
                 "ocr:clean": 0.95, "ocr:degraded": 0.90, "mixed": 0.95}

#: The issue's targets per rendition tier (field accuracy), and the ceiling on wrong values.
TIER_TARGETS = {"born_digital": 0.97, "clean": 0.93, "photo": 0.88}
WRONG_CEILING = 0.02
TIER_ORDER = ["born_digital", "clean", "degraded", "photo"]
