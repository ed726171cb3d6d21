"""Briefbouwer: build Kamerbrieven from version-controlled YAML and Markdown.

The pipeline runs load -> model -> resolve -> check -> render -> write, one
module per stage; :mod:`builder.pipeline` strings them together for the CLI
and for tests.
"""

__version__ = "0.1.0"
