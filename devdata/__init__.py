"""Data for development, tests and benchmarks; never installed in production.

The synthetic archive generator (`generator/`, `manage.py generate_archive`) and the demo data
that `make run` loads (`manage.py load_demo_data`: staff roles, demo logins, a sample archive
and sample inquiries). config.settings installs this app only with DEBUG or TESTING on, and no
production module imports it.
"""
