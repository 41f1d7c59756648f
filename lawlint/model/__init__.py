"""The document model: outline, grammar glue, dates, figures, signature, residue, profiles, packs."""
