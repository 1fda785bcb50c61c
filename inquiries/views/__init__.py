"""Family-side views: the inquiry form, the receipt and the private status page."""
