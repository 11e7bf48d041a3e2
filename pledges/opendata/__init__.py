"""Open data: every live, public practice as coded, licensed, documented files.

``columns`` defines every file and column once (the export, the Data Package,
the open-data page and the bulk import all read it); ``export`` builds the
rows; ``datapackage`` describes them as a Frictionless Data Package; ``views``
serves them at ``/open-data/<file>``.
"""
