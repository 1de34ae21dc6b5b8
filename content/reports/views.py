"""Public pages of the report desk: /lapor/ and /lapor/status/<code>/ (filled by its stream)."""
