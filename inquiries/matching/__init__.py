"""Running the archive matcher for inquiries and keeping its candidates (case data)."""
